package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.store.DynamoTable;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The jobs pipeline end to end (docs/decisions.md 53): ExportsApi -> ExportJobsQueue ->
 * ExportWorker -> S3Proxy -> the SES stand-in's mailbox with a presigned link -> the file,
 * opened with POI, Commons CSV and PDFBox as a person's tools would; P7 and C13.
 */
class ExportsTest {
  private static final String CLINIC = "acct-harbor-clinic";
  private static final String DEALERSHIP = "acct-maple-motors";
  private static final Pattern LINK = Pattern.compile("Download \\S+: (\\S+)");

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  /**
   * The machine may be busy: the cold starts of the functions the tests call (ExportsApi,
   * ConversationsApi for notes, MessagesApi for replies) are paid here, each by a request with no
   * effect retried until answered, not by a test's first POST.
   */
  @BeforeAll
  static void warmUp() {
    warm("GET", "/jobs/job-warm-up");
    warm("POST", "/conversations/conv-warm-up/notes");
    warm("POST", "/conversations/conv-warm-up/messages");
  }

  private static void warm(String method, String path) {
    Eventually.await(method + " " + path + " to answer", Duration.ofSeconds(180), () -> {
      try {
        return Http.send(method, api(path), Tokens.of("user1"), method.equals("GET") ? null : "{\"text\": \"x\", \"body\": \"x\"}")
            .status() < 500 ? true : null;
      } catch (IllegalStateException timedOut) {
        return null;
      }
    });
  }

  private static Http.Response post(String user, String path, Object body) {
    return Http.post(api(path), Tokens.of(user), body == null ? null : Http.json(body));
  }

  /** Starts an export (202) and waits until its job is COMPLETED; the job. */
  private static JsonNode exportAndWait(String user, String path, Object body) {
    Http.Response started = post(user, path, body);
    assertEquals(202, started.status(), started.body());
    String jobId = started.json().path("jobId").asText();
    assertEquals("QUEUED", started.json().path("status").asText());
    return Eventually.await("job " + jobId + " to complete", Duration.ofSeconds(120), () -> {
      JsonNode job;
      try {
        job = Http.get(api("/jobs/" + jobId), Tokens.of(user)).json();
      } catch (IllegalStateException timedOut) {
        return null;
      }
      assertTrue(!"FAILED".equals(job.path("status").asText()), job.toString());
      return "COMPLETED".equals(job.path("status").asText()) ? job : null;
    });
  }

  /** The "ready" emails of this job (its link names it), sent to {@code to}. */
  private static List<JsonNode> emails(String to, String jobId) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode email : Http.get(LocalCloudProcess.endpoints().path("mailbox").asText(), null).json()) {
      if (email.path("to").toString().contains(to) && email.path("text").asText().contains(jobId)) {
        found.add(email);
      }
    }
    return found;
  }

  /** The file behind the emailed link (the presigned GET). */
  private static byte[] download(JsonNode email) throws Exception {
    Matcher link = LINK.matcher(email.path("text").asText());
    assertTrue(link.find(), email.toString());
    HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.group(1))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, file.statusCode(), new String(file.body(), StandardCharsets.UTF_8));
    return file.body();
  }

  private static JsonNode onlyEmail(String to, JsonNode job) {
    List<JsonNode> sent = Eventually.await("the email of " + job.path("fileName").asText(), Duration.ofSeconds(60), () -> {
      List<JsonNode> found = emails(to, job.path("jobId").asText());
      return found.isEmpty() ? null : found;
    });
    assertEquals(1, sent.size(), "one email per job: " + sent);
    return sent.get(0);
  }

  /** Clinic customers: two unsubscribed in November, one in October, one in December, one subscribed. */
  private static Set<String> seedClinic(String tag) {
    CustomerStore customers = new CustomerStore(new DynamoTable(LocalAws.dynamoDb(), LocalAws.table()));
    Set<String> november = new HashSet<>();
    String[][] rows = {
        {"Éloïse", "Béland-" + tag, "2026-11-03T15:00:00.000Z", "nov"},
        {"=HYPERLINK(\"http://evil\")", "Côté-" + tag, "2026-11-30T23:10:00.000Z", "nov"},
        {"Octave", "Ouellet-" + tag, "2026-10-31T12:00:00.000Z", "oct"},
        {"Décembre", "Dubé-" + tag, "2026-12-01T08:00:00.000Z", "dec"},
        {"Sam", "Subscribed-" + tag, null, "sub"}};
    for (String[] row : rows) {
      String id = "cust-" + tag + "-" + row[3] + november.size();
      boolean unsubscribed = row[2] != null;
      customers.create(CLINIC, new CustomerProfile(id, row[0], row[1], null, null, "fr", null, !unsubscribed, row[2], null,
          row[2], null, null, "2026-09-01T10:00:00.000Z", "e2e"));
      if ("nov".equals(row[3])) {
        november.add(id);
      }
    }
    return november;
  }

  @Test
  void unsubscribedInNovemberAsXlsxAndCsvHoldExactlyThoseCustomersWithFormulasEscaped() throws Exception {
    Set<String> november = seedClinic(UUID.randomUUID().toString().substring(0, 6));
    // customers unsubscribed in November from earlier runs of this class: the file must list them too
    Map<String, Object> body = Map.of("filter", "unsubscribed", "from", "2026-11-01", "to", "2026-11-30", "format", "xlsx");
    JsonNode job = exportAndWait("otherAdmin", "/customer-exports", body);
    assertEquals("customer-export", job.path("kind").asText());
    assertEquals("customers-unsubscribed-2026-11-01-to-2026-11-30.xlsx", job.path("fileName").asText());
    JsonNode email = onlyEmail("olivia@harbor-clinic.example", job);
    assertTrue(email.path("subject").asText().contains("unsubscribed, 2026-11-01 to 2026-11-30"), email.toString());
    assertTrue(email.path("text").asText().contains("The link works until"), email.toString());

    Set<String> inFile = new HashSet<>();
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download(email)))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertEquals("Customer id", sheet.getRow(0).getCell(0).getStringCellValue());
      for (Row row : sheet) {
        if (row.getRowNum() == 0) {
          continue;
        }
        inFile.add(row.getCell(0).getStringCellValue());
        String first = row.getCell(2) == null ? "" : row.getCell(2).getStringCellValue();
        assertTrue(!first.startsWith("="), "formula escaped: " + first);
        if (first.contains("HYPERLINK")) {
          assertEquals("'=HYPERLINK(\"http://evil\")", first);
        }
        assertEquals(job.path("processed").asLong(), sheet.getLastRowNum(), "the job counts the rows");
      }
    }
    assertTrue(inFile.containsAll(november), inFile + " has " + november);
    for (String id : inFile) {
      assertTrue(id.contains("-nov"), "only November's unsubscribes: " + inFile);
    }

    JsonNode csvJob = exportAndWait("otherAdmin", "/customer-exports", Map.of("filter", "unsubscribed", "from", "2026-11-01",
        "to", "2026-11-30", "format", "csv"));
    byte[] csv = download(onlyEmail("olivia@harbor-clinic.example", csvJob));
    Set<String> csvIds = new HashSet<>();
    String text = new String(csv, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFF"), "a BOM, so Excel reads UTF-8");
    for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new InputStreamReader(new ByteArrayInputStream(text.substring(1).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))) {
      csvIds.add(record.get("Customer id"));
      assertTrue(!record.get("First name").startsWith("="), record.toString());
    }
    assertEquals(inFile, csvIds, "the CSV holds the same customers");
    assertTrue(text.contains("Éloïse"), "accents kept");
  }

  @Test
  void aConversationAsPdfHasItsMessagesInOrderWithTheirSendersAndARedeliveredJobWorksOnce() throws Exception {
    // 514-555-1000 to 2999: SearchTest gives its customers 3000 to 8999
    String number = "+1514555" + (1000 + (int) (Math.random() * 2000));
    String first = "Bonjour, ma voiture est-elle prête ? " + UUID.randomUUID().toString().substring(0, 4);
    Http.Response in = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", number, "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", first)));
    assertEquals(202, in.status(), in.body());
    String carrierId = in.json().path("inboundMessageId").asText();
    String conversationId = Eventually.await("the text stored", Duration.ofSeconds(120), () -> {
      var marker = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return marker != null && marker.containsKey("eventSentAt") ? marker.get("conversationId").s() : null;
    });
    Http.Response reply = post("user2", "/conversations/" + conversationId + "/messages", Map.of("body", "Oui, elle est prête. À bientôt 🚗"));
    assertEquals(202, reply.status(), reply.body());
    Http.Response note = post("user2", "/conversations/" + conversationId + "/notes", Map.of("text", "Client fidèle, offrir un lavage"));
    assertEquals(201, note.status(), note.body());

    JsonNode job = exportAndWait("user2", "/conversations/" + conversationId + "/exports", Map.of());
    assertEquals("conversation-export", job.path("kind").asText());
    JsonNode email = onlyEmail("chloe@maple-motors.example", job);
    String text;
    try (PDDocument pdf = Loader.loadPDF(download(email))) {
      text = new PDFTextStripper().getText(pdf);
    }
    assertTrue(text.contains("Maple Motors"), text);
    int firstAt = text.indexOf(first);
    int replyAt = text.indexOf("Oui, elle est prête. À bientôt");
    int noteAt = text.indexOf("Client fidèle, offrir un lavage");
    assertTrue(firstAt > 0 && replyAt > firstAt && noteAt > replyAt, "in order: " + text);
    assertTrue(text.substring(replyAt - 120, replyAt).contains("Chloé Roy"), "the reply's sender: " + text);
    assertTrue(text.contains("[automobile]"), "the emoji's fallback: " + text);
    assertTrue(text.contains("Internal"), "the note marked internal: " + text);
    assertTrue(text.contains("Page 1 of 1"), text);

    // without the internal entries
    JsonNode messagesOnly = exportAndWait("user2", "/conversations/" + conversationId + "/exports", Map.of("includeInternal", false));
    try (PDDocument pdf = Loader.loadPDF(download(onlyEmail("chloe@maple-motors.example", messagesOnly)))) {
      String plain = new PDFTextStripper().getText(pdf);
      assertTrue(plain.contains(first) && !plain.contains("Client fidèle"), plain);
    }

    // the same job message delivered again: nothing is written or sent twice
    String jobMessage = null;
    for (JsonNode sent : Http.get(LocalCloudProcess.endpoints().path("sentMessages").asText(), null).json()) {
      if (sent.path("body").asText().contains(job.path("jobId").asText())) {
        jobMessage = sent.path("body").asText();
      }
    }
    assertTrue(jobMessage != null, "the job's message was sent");
    JsonNode aws = LocalCloudProcess.endpoints().path("aws");
    try (SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(aws.path("region").asText()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            aws.path("accessKeyId").asText(), aws.path("secretAccessKey").asText())))
        .endpointOverride(URI.create(aws.path("sqs").asText())).build()) {
      String queueUrl = sqs.listQueues().queueUrls().stream().filter(u -> u.endsWith("-export-jobs")).findFirst().orElseThrow();
      long invocations = invocations("ExportWorker");
      String body = jobMessage;
      sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
      Eventually.await("the redelivered job handled", Duration.ofSeconds(120), () -> invocations("ExportWorker") > invocations ? true : null);
    }
    JsonNode after = Http.get(api("/jobs/" + job.path("jobId").asText()), Tokens.of("user2")).json();
    assertEquals(job.path("completedAt").asText(), after.path("completedAt").asText(), "completed once");
    assertEquals(1, emails("chloe@maple-motors.example", job.path("jobId").asText()).size(), "emailed once");
  }

  private static long invocations(String function) {
    for (JsonNode f : Http.get(LocalCloudProcess.endpoints().path("functions").asText(), null).json()) {
      if (function.equals(f.path("logicalId").asText()) || function.equals(f.path("name").asText())) {
        return f.path("invocations").asLong();
      }
    }
    return 0;
  }

  @Test
  void badInputIsA4xxNamingTheField() {
    Http.Response unknownFilter = post("user1", "/customer-exports", Map.of("filter", "vip", "format", "csv"));
    assertEquals(400, unknownFilter.status(), unknownFilter.body());
    assertEquals("filter", unknownFilter.json().path("error").path("field").asText(), unknownFilter.body());
    Http.Response backwards = post("user1", "/customer-exports", Map.of("filter", "unsubscribed", "from", "2026-11-30",
        "to", "2026-11-01", "format", "xlsx"));
    assertEquals(400, backwards.status(), backwards.body());
    assertEquals("from", backwards.json().path("error").path("field").asText());
    Http.Response noFormat = post("user1", "/customer-exports", Map.of("filter", "all", "format", "pdf"));
    assertEquals("format", noFormat.json().path("error").path("field").asText(), noFormat.body());
    Http.Response unknownField = post("user1", "/customer-exports", Map.of("format", "csv", "columns", "all"));
    assertEquals("columns", unknownField.json().path("error").path("field").asText(), unknownField.body());
    Http.Response gone = post("user1", "/conversations/conv-nope/exports", Map.of());
    assertEquals(404, gone.status(), gone.body());
    assertEquals("conversationId", gone.json().path("error").path("field").asText(), gone.body());
    Http.Response otherCompany = post("otherAdmin", "/conversations/conv-demo-john/exports", Map.of());
    assertEquals(404, otherCompany.status(), "another company's conversation: " + otherCompany.body());
    Http.Response badDate = post("user1", "/conversations/conv-demo-john/exports", Map.of("from", "30/11/2026"));
    assertEquals("from", badDate.json().path("error").path("field").asText(), badDate.body());
    assertEquals(403, post("free", "/customer-exports", Map.of("format", "csv")).status());
    assertEquals(404, Http.get(api("/jobs/job-nope"), Tokens.of("user1")).status());
  }
}
