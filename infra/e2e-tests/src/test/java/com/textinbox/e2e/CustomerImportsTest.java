package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Customer import end to end (P4): a CSV in Windows-1252 and an XLSX, both with accents, a bad
 * phone, a mobile of another customer and a new date attribute, uploaded to the presigned link,
 * previewed, dry-run, imported; the report's figures match the customers the API lists, the
 * rejected rows download with their reasons; bad files are refused with a clear error. In the
 * clinic's company (numbers 438-555-0201 to 0215 are this class's own), so the dealership's demo
 * customers stay as other tests expect them.
 */
class CustomerImportsTest {
  private static final String CLINIC = "otherAdmin";
  private static final HttpClient RAW = HttpClient.newHttpClient();

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  private static JsonNode ok(int status, Http.Response response) {
    assertEquals(status, response.status(), response.body());
    return response.json();
  }

  /** A new import and its file PUT to the presigned link, as a browser would. */
  private static String upload(String fileName, byte[] bytes) throws Exception {
    JsonNode created = ok(201, Http.post(api("/customer-imports"), Tokens.of(CLINIC), Http.json(Map.of("fileName", fileName))));
    HttpResponse<String> put = RAW.send(HttpRequest.newBuilder(URI.create(created.path("uploadUrl").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, put.statusCode(), put.body());
    return created.path("importId").asText();
  }

  private static JsonNode get(String importId) {
    return ok(200, Http.get(api("/customer-imports/" + importId), Tokens.of(CLINIC)));
  }

  /** Runs the import with {@code mapping} and waits for the run to end; the run as GET gives it. */
  private static JsonNode run(String importId, JsonNode mapping, boolean dryRun) {
    ok(202, Http.post(api("/customer-imports/" + importId + "/run"), Tokens.of(CLINIC),
        "{\"mapping\": " + mapping + ", \"dryRun\": " + dryRun + "}"));
    String field = dryRun ? "dryRun" : "import";
    return Eventually.await(importId + " " + field + " to end", Duration.ofSeconds(60), () -> {
      JsonNode run = get(importId).path(field);
      return run.path("status").asText().matches("COMPLETED|FAILED") ? run : null;
    });
  }

  private static List<CSVRecord> report(JsonNode run) throws IOException {
    Http.Response file = Http.get(run.path("reportUrl").asText(), null);
    assertEquals(200, file.status(), file.body());
    assertTrue(file.body().startsWith("\ufeff"), "a BOM, so Excel reads the accents");
    return CSVFormat.RFC4180.builder().get().parse(new StringReader(file.body().substring(1))).getRecords();
  }

  private static JsonNode customerWithMobile(String e164) {
    for (JsonNode c : ok(200, Http.get(api("/customers?limit=100"), Tokens.of(CLINIC))).path("customers")) {
      if (e164.equals(c.path("mobile").asText())) {
        return c;
      }
    }
    return null;
  }

  private static int customerCount() {
    return ok(200, Http.get(api("/customers?limit=100"), Tokens.of(CLINIC))).path("customers").size();
  }

  private static void createCustomer(String body) {
    ok(201, Http.post(api("/customers"), Tokens.of(CLINIC), body));
  }

  private static List<Long> counts(JsonNode run) {
    List<Long> counts = new ArrayList<>();
    for (String f : List.of("total", "created", "updated", "unchanged", "rejected", "possibleDuplicates")) {
      counts.add(run.path(f).asLong());
    }
    return counts;
  }

  private static final String CSV = """
      Prénom;Nom;Cellulaire;No client;Prochain rendez-vous
      Olga;Tremblay-Côté;438 555 0209;HC-1;15/01/2027
      Hélène;Bérubé;438 555 0203;HC-3;01/02/2027
      Bad;Phone;555 12;HC-4;
      Dup;Mobile;438 555 0202;HC-5;
      Late;Date;438 555 0204;HC-6;2027-31-01
      Zoé;Côté;;;
      """;

  @Test
  void aCsvAndAnXlsxArePreviewedDryRunImportedAndTheReportMatchesTheCustomers() throws Exception {
    createCustomer("{\"firstName\": \"Olga\", \"lastName\": \"Tremblay\", \"mobile\": \"438 555 0201\", \"reference\": \"HC-1\"}");
    createCustomer("{\"firstName\": \"Paul\", \"lastName\": \"Roy\", \"mobile\": \"438 555 0202\", \"reference\": \"HC-2\"}");
    int before = customerCount();

    // the CSV, as Excel in French saves it: Windows-1252, semicolons
    String importId = upload("clients décembre.csv", CSV.replace("\n", "\r\n").getBytes(Charset.forName("windows-1252")));
    JsonNode preview = get(importId);
    assertEquals("ready", preview.path("status").asText(), preview.toString());
    assertEquals("windows-1252", preview.path("file").path("encoding").asText());
    assertEquals(";", preview.path("file").path("delimiter").asText());
    assertEquals("Prénom", preview.path("titles").get(0).asText());
    assertEquals("Bérubé", preview.path("rows").get(1).get(1).asText());
    JsonNode mapping = preview.path("mapping");
    assertEquals(List.of("firstName", "lastName", "mobile", "reference", "attribute"), mapping.findValuesAsText("to"));
    assertEquals("date", mapping.get(4).path("type").asText());
    assertEquals("dd/MM/yyyy", mapping.get(4).path("format").asText());
    String key = mapping.get(4).path("key").asText();

    JsonNode dry = run(importId, mapping, true);
    assertEquals("COMPLETED", dry.path("status").asText(), dry.toString());
    assertEquals(List.of(6L, 2L, 1L, 0L, 3L, 1L), counts(dry));
    assertEquals(before, customerCount(), "a dry run writes nothing");
    List<CSVRecord> outcomes = report(dry);
    assertEquals(List.of("Prénom", "Nom", "Cellulaire", "No client", "Prochain rendez-vous", "Outcome", "Customer", "Reason"),
        outcomes.get(0).toList());
    assertEquals(List.of("update", "create", "reject", "reject", "reject", "create"),
        outcomes.subList(1, 7).stream().map(r -> r.get(5)).toList());

    JsonNode imported = run(importId, mapping, false);
    assertEquals("COMPLETED", imported.path("status").asText(), imported.toString());
    assertEquals(List.of(6L, 2L, 1L, 0L, 3L, 1L), counts(imported));
    assertEquals(before + imported.path("created").asInt(), customerCount(), "the report counts what was written");
    JsonNode olga = customerWithMobile("+14385550209");
    assertEquals("Tremblay-Côté", olga.path("lastName").asText(), "matched by reference; her mobile changed");
    assertEquals(null, customerWithMobile("+14385550201"), "her old number is nobody's");
    JsonNode olgaProfile = ok(200, Http.get(api("/customers/" + olga.path("id").asText()), Tokens.of(CLINIC)));
    assertEquals("2027-01-15", olgaProfile.path("attributes").path(key).asText());
    assertEquals("Bérubé", customerWithMobile("+14385550203").path("lastName").asText());
    JsonNode definitions = ok(200, Http.get(api("/settings/customer-attributes"), Tokens.of(CLINIC)));
    assertTrue(definitions.path("definitions").findValuesAsText("key").contains(key), "the new attribute is defined");
    List<CSVRecord> rejected = report(imported);
    assertEquals(4, rejected.size(), "the titles and the 3 rejected rows");
    assertEquals(List.of("Bad", "Phone", "555 12", "HC-4", "", "Column 'Cellulaire': '555 12' is not a valid phone number."),
        rejected.get(1).toList());
    assertEquals("The mobile number +14385550202 belongs to another customer (Paul Roy, reference HC-2).",
        rejected.get(2).get(5));
    assertEquals("Column 'Prochain rendez-vous': '2027-31-01' is not a date in the format dd/MM/yyyy.", rejected.get(3).get(5));

    // the requester's email: the report's link, valid 7 days (the jobs pipeline's "file is ready" email)
    String subject = "Your customer import report (created 2, updated 1, rejected 3) is ready";
    JsonNode email = Eventually.await("the import's email", Duration.ofSeconds(30), () -> {
      for (JsonNode e : Http.get(LocalCloudProcess.endpoints().path("mailbox").asText(), null).json()) {
        if (subject.equals(e.path("subject").asText())) {
          return e;
        }
      }
      return null;
    });
    assertTrue(email.path("text").asText().contains("Download import-rejected-rows-2.csv: http"), email.toString());

    // the XLSX: a real date cell, accents, a bad phone, a mobile the CSV just gave Hélène
    String xlsx = upload("clients.xlsx", xlsx(book -> {
      XSSFSheet sheet = book.createSheet("Clients");
      row(sheet, 0, "Prénom", "Nom", "Cellulaire", "No client", "Prochain rendez-vous");
      row(sheet, 1, "Émilie", "Gagnon", "438 555 0205", "HC-7", LocalDate.of(2027, 3, 2));
      row(sheet, 2, "Bad", "Phone", "12", "HC-8", null);
      row(sheet, 3, "Dup", "Mobile", "(438) 555-0203", "HC-9", null);
    }));
    JsonNode xlsxPreview = get(xlsx);
    assertEquals("xlsx", xlsxPreview.path("file").path("format").asText());
    assertEquals("2027-03-02", xlsxPreview.path("rows").get(0).get(4).asText());
    JsonNode xlsxRun = run(xlsx, mapping, false);
    assertEquals(List.of(3L, 1L, 0L, 0L, 2L, 0L), counts(xlsxRun), xlsxRun.toString());
    JsonNode emilie = customerWithMobile("+14385550205");
    assertEquals("Émilie", emilie.path("firstName").asText());
    assertEquals("2027-03-02", ok(200, Http.get(api("/customers/" + emilie.path("id").asText()), Tokens.of(CLINIC)))
        .path("attributes").path(key).asText());
    assertEquals(before + 3, customerCount());

    // another company's import does not exist for the dealership
    assertEquals(404, Http.get(api("/customer-imports/" + importId), Tokens.of("admin")).status());
  }

  @Test
  void badFilesAreRefusedWithAClearError() throws Exception {
    assertRefused(upload("empty.csv", new byte[0]), "empty");
    assertRefused(upload("old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0}), "not_csv_or_xlsx");
    assertRefused(upload("merged.xlsx", xlsx(book -> {
      XSSFSheet sheet = book.createSheet();
      row(sheet, 0, "Prénom", "Nom");
      row(sheet, 1, "Ann", "Lee");
      sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, 1));
    })), "merged_cells");
    assertRefused(upload("formula.xlsx", xlsx(book -> {
      XSSFSheet sheet = book.createSheet();
      row(sheet, 0, "Prénom", "Km");
      row(sheet, 1, "Ann", 1);
      sheet.getRow(1).createCell(2).setCellFormula("B2*2");
    })), "formula_cells");
    StringBuilder wide = new StringBuilder();
    for (int c = 0; c < 100; c++) {
      wide.append(c == 0 ? "" : ",").append("Column ").append(c);
    }
    assertRefused(upload("wide.csv", (wide + "\n").getBytes(StandardCharsets.UTF_8)), "too_many_columns");
    assertRefused(upload("utf16.csv", "Prénom,Nom\nAnn,Lee\n".getBytes(StandardCharsets.UTF_16)), "encoding");
    String pending = ok(201, Http.post(api("/customer-imports"), Tokens.of(CLINIC), null)).path("importId").asText();
    assertEquals("awaitingUpload", get(pending).path("status").asText());
    Http.Response early = Http.post(api("/customer-imports/" + pending + "/run"), Tokens.of(CLINIC), "{\"mapping\": []}");
    assertEquals(409, early.status(), early.body());
  }

  private static void assertRefused(String importId, String code) {
    JsonNode preview = get(importId);
    assertEquals("refused", preview.path("status").asText(), preview.toString());
    assertEquals(code, preview.path("error").path("code").asText(), preview.toString());
    assertFalse(preview.path("error").path("message").asText().isBlank());
    Http.Response run = Http.post(api("/customer-imports/" + importId + "/run"), Tokens.of(CLINIC),
        "{\"mapping\": [{\"to\": \"firstName\"}]}");
    assertEquals(409, run.status(), run.body());
  }

  private static byte[] xlsx(java.util.function.Consumer<XSSFWorkbook> fill) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      fill.accept(book);
      book.write(out);
      return out.toByteArray();
    }
  }

  private static void row(XSSFSheet sheet, int r, Object... values) {
    Row row = sheet.createRow(r);
    for (int c = 0; c < values.length; c++) {
      if (values[c] instanceof String s) {
        row.createCell(c).setCellValue(s);
      } else if (values[c] instanceof Number n) {
        row.createCell(c).setCellValue(n.doubleValue());
      } else if (values[c] instanceof LocalDate d) {
        var cell = row.createCell(c);
        cell.setCellValue(d);
        CellStyle style = sheet.getWorkbook().createCellStyle();
        style.setDataFormat(sheet.getWorkbook().createDataFormat().getFormat("d mmm yyyy"));
        cell.setCellStyle(style);
      }
    }
  }
}
