package com.textinbox.shared.imports;

import static org.junit.jupiter.api.Assertions.*;

import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.AttributeType;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.AttributeDefinitionStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.imports.store.ImportStore;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run over a file against DynamoDB Local: outcomes, counters that match what was written, resume, redelivery. */
class ImportRunnerTest {
  private static final DynamoDbLocalServer LOCAL = DynamoDbLocalServer.start();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
  private static DynamoTable table;
  private static CustomerStore customers;
  private static ImportStore imports;
  @TempDir Path dir;

  @BeforeAll
  static void tableAndStores() {
    LOCAL.createInboxTable("inbox");
    table = new DynamoTable(LOCAL.client(), "inbox");
    customers = new CustomerStore(table);
    imports = new ImportStore(table);
  }

  @AfterAll
  static void stop() throws Exception {
    LOCAL.close();
  }

  private static final String HEADER = "Prénom;Nom;Cellulaire;No client;Prochain entretien\n";
  private static final String ROWS = """
      Marie;Lambert-Roy;;R-1;01/12/2026
      John;Smith;514 555 0112;R-2;
      Hélène;Bérubé;514 555 0150;;15/01/2027
      Bad;Phone;555 12;;
      Taken;Mobile;514 555 0111;R-9;
      Zoé;Côté;;;
      Late;Date;;R-3;12/31/2026
      Twin;One;514 555 0160;R-10;
      Twin;Two;514 555 0160;R-11;
      """;

  private static final String MAPPING = """
      [{"to": "firstName"}, {"to": "lastName"}, {"to": "mobile"}, {"to": "reference"},
       {"to": "attribute", "key": "nextService", "name": "Next service", "type": "date", "format": "dd/MM/yyyy"}]""";

  private static void seed(String account) {
    customers.create(account, new CustomerProfile("c-marie", "Marie", "Lambert", null, "+15145550111", null, "R-1", true,
        null, null, null, null, null, "2026-01-01T00:00:00.000Z", "seed"));
    customers.create(account, new CustomerProfile("c-john", "John", "Smith", null, "+15145550112", null, null, true,
        null, null, null, null, null, "2026-01-01T00:00:00.000Z", "seed"));
  }

  private ImportRun start(String account, String importId, int run, boolean dryRun) {
    if (run == 1) {
      imports.create(account, new CustomerImport(importId, "imports/" + importId, "c.csv", "u1", "t", null, 0, 0, 0, 0),
          CLOCK.instant());
    }
    ImportRun queued = ImportRun.queued(importId, run, dryRun, Json.write(Json.read(MAPPING)), "u1", "t");
    assertTrue(imports.startRun(account, queued, CLOCK.instant()));
    return queued;
  }

  private Path csv(String body) throws IOException {
    Path file = dir.resolve("c.csv");
    Files.writeString(file, HEADER + body, StandardCharsets.UTF_8);
    return file;
  }

  private final List<String> reports = new ArrayList<>();

  private ImportRun run(String account, String importId, int run, Path file, java.util.function.BooleanSupplier timeLeft) {
    return new ImportRunner(table, CLOCK).run(account, importId, run, file, "CA", timeLeft, dir, (report, dryRun) -> {
      try {
        reports.add(Files.readString(report, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return "imports/" + importId + "/report-" + run + ".csv";
    });
  }

  /** SnapStart priming (decision 46): the rules run over a file, every transaction stopped before transmission, the report written and deleted. */
  @Test
  void primingDecidesEveryRowAndWritesNothing() throws IOException {
    LOCAL.createInboxTable("priming-runner");
    DynamoTable empty = new DynamoTable(LOCAL.client(), "priming-runner");
    Path file = Files.writeString(dir.resolve("priming.csv"), HEADER + ROWS, StandardCharsets.UTF_8);
    List<String> reports = new ArrayList<>();

    Map<String, Integer> made = RequestCounter.during(() -> new ImportRunner(empty, CLOCK).prime(file, MAPPING, "CA", dir,
        (report, dryRun) -> {
          try {
            reports.add(Files.readString(report, StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return "exports/priming";
        }).forEach(outcome -> assertNotNull(outcome)));

    assertEquals(List.of(), com.textinbox.shared.observability.Priming.notReads(made), made.toString());
    assertTrue(made.getOrDefault("DynamoDb.TransactWriteItems", 0) > 0, made.toString());
    assertEquals(1, reports.size());
    assertTrue(reports.get(0).contains("Bad,Phone,555 12,"), reports.get(0));
    assertEquals(0, LOCAL.client().scan(b -> b.tableName("priming-runner")).count(), "priming wrote an item");
    assertEquals(List.of(file), Files.list(dir).toList(), "the report is deleted");
  }

  @Test
  void aDryRunGivesEveryOutcomeAndWritesNoCustomerThenTheImportWritesWhatItCounts() throws IOException {
    String a = "acct-run";
    seed(a);
    Path file = csv(ROWS);
    start(a, "imp-1", 1, true);
    ImportRun dry = run(a, "imp-1", 1, file, () -> true);
    assertEquals(ImportRun.COMPLETED, dry.status());
    assertEquals(List.of(9L, 3L, 2L, 0L, 4L, 1L), List.of(dry.total(), dry.created(), dry.updated(), dry.unchanged(),
        dry.rejected(), dry.possibleDuplicates()));
    assertTrue(customers.phoneGuard(a, "+15145550150").isEmpty(), "a dry run writes no customer");
    assertEquals(List.of(), new AttributeDefinitionStore(table).get(a), "nor an attribute");
    String report = reports.get(0);
    assertTrue(report.startsWith("\ufeffPrénom,Nom,Cellulaire,No client,Prochain entretien,Outcome,Customer,Reason\r\n"), report);
    assertTrue(report.contains("Marie,Lambert-Roy,,R-1,01/12/2026,update,c-marie,\r\n"), report);
    assertTrue(report.contains("Bad,Phone,555 12,,,reject,,Column 'Cellulaire': '555 12' is not a valid phone number.\r\n"), report);
    // the dry run sees what its earlier rows would have made: Marie's new last name
    assertTrue(report.contains("Taken,Mobile,514 555 0111,R-9,,reject,,\"The mobile number +15145550111 belongs to another "
        + "customer (Marie Lambert-Roy, reference R-1).\"\r\n"), report);
    assertTrue(report.contains("Zoé,Côté,,,,create,,possible duplicate"), report);
    assertTrue(report.contains("possible duplicate"), report);
    assertTrue(report.contains("Twin,Two,514 555 0160,R-11,,reject,,\"The mobile number +15145550160 belongs to another customer (Twin One, reference R-10).\"\r\n"), report);

    start(a, "imp-1", 2, false);
    ImportRun real = run(a, "imp-1", 2, file, () -> true);
    assertEquals(List.of(ImportRun.COMPLETED, 9L, 3L, 2L, 4L, 1L), List.of(real.status(), real.done(), real.created(),
        real.updated(), real.rejected(), real.possibleDuplicates()));
    CustomerProfile marie = customers.find(a, "c-marie").orElseThrow();
    assertEquals("Lambert-Roy", marie.lastName());
    assertEquals("+15145550111", marie.mobile(), "a blank cell keeps what the profile has");
    assertEquals("2026-12-01", marie.attributes().get("nextService").rendered());
    assertEquals("R-2", customers.find(a, "c-john").orElseThrow().reference(), "matched by mobile, it gains the reference");
    String helene = customers.phoneGuard(a, "+15145550150").orElseThrow().customerId();
    assertEquals("Bérubé", customers.find(a, helene).orElseThrow().lastName());
    assertEquals("import:imp-1", customers.find(a, helene).orElseThrow().createdBy());
    assertEquals(List.of(new AttributeDefinition("nextService", "Next service", AttributeType.DATE)),
        new AttributeDefinitionStore(table).get(a));
    String rejected = reports.get(1);
    assertEquals(5, rejected.split("\r\n").length, "the titles and the 4 rejected rows: " + rejected);
    assertTrue(rejected.contains("Late,Date,,R-3,12/31/2026,Column 'Prochain entretien': '12/31/2026' is not a date in the format dd/MM/yyyy.\r\n"), rejected);

    // the message again (redelivered after the end): nothing more is written
    Map<String, Integer> again = RequestCounter.during(() -> run(a, "imp-1", 2, file, () -> true));
    assertEquals(Map.of("DynamoDb.GetItem", 1), withoutAttempts(again));
  }

  @Test
  void aStoppedWorkerResumesAfterItsLastTransactionAndCountsEachRowOnce() throws IOException {
    String a = "acct-resume";
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      body.append("N").append(i).append(";Test;514 555 ").append(String.format("%04d", 2000 + i)).append(";REF-").append(i)
          .append(";\n");
    }
    Path file = csv(body.toString());
    start(a, "imp-2", 1, false);
    AtomicInteger checks = new AtomicInteger();
    ImportRun stopped = run(a, "imp-2", 1, file, () -> checks.incrementAndGet() < 1);
    assertEquals(ImportRun.RUNNING, stopped.status());
    assertEquals(100, stopped.done());
    assertEquals(100, stopped.created());
    ImportRun done = run(a, "imp-2", 1, file, () -> true);
    assertEquals(List.of(ImportRun.COMPLETED, 250L, 250L, 0L, 0L), List.of(done.status(), done.done(), done.created(),
        done.updated(), done.rejected()));
    assertEquals(250, table.queryAll(com.textinbox.shared.store.Query.gsi(1, com.textinbox.shared.data.Keys.customersOf(a))).size());
  }

  @Test
  void theRejectedRowsFileEscapesFormulasAsTheExportsDo() throws IOException {
    String a = "acct-formulas";
    Path file = csv("=HYPERLINK(\"http://evil\");@SUM(A1:A2);+cmd|' /C calc'!A0;R-1;\n"
        + "\t=1;-2+3;514 555;R-2;\n");
    start(a, "imp-f", 1, false);
    ImportRun real = run(a, "imp-f", 1, file, () -> true);
    assertEquals(2L, real.rejected());
    String rejected = reports.get(0);
    assertTrue(rejected.contains("\"'=HYPERLINK(\"\"http://evil\"\")\",'@SUM(A1:A2),'+cmd|' /C calc'!A0,R-1,,"), rejected);
    // the reader trims the cell's tab; what is left is still a formula
    assertTrue(rejected.contains("\r\n'=1,'-2+3,514 555,R-2,,"), rejected);
  }

  @Test
  void aFileThatCannotBeReadFailsTheRunBeforeAnythingIsWritten() throws IOException {
    String a = "acct-bad";
    Path file = dir.resolve("bad.csv");
    Files.write(file, ("Prénom;Nom;Cellulaire;No client;Prochain entretien\nAnn;Lee;;R-1;\n\"open;x;;;\n").getBytes(StandardCharsets.UTF_8));
    start(a, "imp-3", 1, false);
    ImportRun failed = run(a, "imp-3", 1, file, () -> true);
    assertEquals(ImportRun.FAILED, failed.status());
    assertEquals(FileRefused.MALFORMED, failed.errorCode());
    assertEquals(0, failed.done());
    assertTrue(customers.phoneGuard(a, "+15145550111").isEmpty());
    assertEquals(0, imports.find(a, "imp-3").orElseThrow().activeRun(), "the import is free for another run");
  }

  private static Map<String, Integer> withoutAttempts(Map<String, Integer> counts) {
    Map<String, Integer> out = new java.util.TreeMap<>();
    counts.forEach((k, v) -> {
      if (!k.endsWith(RequestCounter.ATTEMPTS)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
