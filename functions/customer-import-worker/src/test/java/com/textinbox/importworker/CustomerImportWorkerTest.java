package com.textinbox.importworker;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.imports.CustomerImport;
import com.textinbox.shared.imports.ImportMessage;
import com.textinbox.shared.imports.ImportRun;
import com.textinbox.shared.imports.store.FolderUploads;
import com.textinbox.shared.imports.store.ImportStore;
import com.textinbox.shared.imports.store.UploadStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.testing.SampleEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** events/customer-import-worker/import-run.json through the real handler, against DynamoDB Local, files in a folder. */
class CustomerImportWorkerTest {
  private static final String ACCOUNT = "acct-maple-motors";
  private static final String IMPORT = "imp-0b6c3d2e-5f41-4a7b-9c8d-7e6f5a4b3c2d";
  private static DynamoDbLocalServer local;
  private static DynamoTable table;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws IOException {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("worker-test");
    table = new DynamoTable(local.client(), "worker-test");
    Files.createDirectories(dir.resolve("bucket"));
    Files.createDirectories(dir.resolve("tmp"));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @Test
  void theSampleRunImportsTheFileAndPutsTheRejectedRowsThenARedeliveryDoesNothing() throws IOException {
    FolderUploads uploads = new FolderUploads(dir.resolve("bucket"));
    ImportStore imports = new ImportStore(table);
    Instant now = Instant.now();
    imports.create(ACCOUNT, new CustomerImport(IMPORT, UploadStore.uploadKey(ACCOUNT, IMPORT), "c.csv", "user-bruno", "t",
        null, 0, 0, 0, 0), now);
    assertTrue(imports.startRun(ACCOUNT, ImportRun.queued(IMPORT, 1, false,
        "[{\"to\":\"firstName\"},{\"to\":\"mobile\"}]", "user-bruno", "t"), now));
    Files.writeString(uploads.file(UploadStore.uploadKey(ACCOUNT, IMPORT)),
        "First name,Mobile\nAnn,514 555 0170\nBob,12\n", StandardCharsets.UTF_8);
    CustomerImportWorker worker = new CustomerImportWorker(table, uploads, Clock.systemUTC(), "CA",
        dir.resolve("tmp"), Duration.ofMinutes(5));
    JsonNode answer = SampleEvents.invoke(worker, "customer-import-worker/import-run.json");
    assertEquals(0, answer.path("batchItemFailures").size(), answer.toString());
    ImportRun run = imports.findRun(ACCOUNT, IMPORT, 1).orElseThrow();
    assertEquals(List.of(ImportRun.COMPLETED, 1L, 1L), List.of(run.status(), run.created(), run.rejected()));
    assertTrue(new CustomerStore(table).phoneGuard(ACCOUNT, "+15145550170").isPresent());
    String report = Files.readString(uploads.file(run.reportKey()), StandardCharsets.UTF_8);
    assertEquals("\ufeffFirst name,Mobile,Reason\r\nBob,12,Column 'Mobile': '12' is not a valid phone number.\r\n", report);
    assertEquals(0, Files.list(dir.resolve("tmp")).count(), "the file fetched to /tmp is gone");

    SampleEvents.invoke(worker, "customer-import-worker/import-run.json");
    assertEquals(run, imports.findRun(ACCOUNT, IMPORT, 1).orElseThrow(), "a redelivered message changes nothing");
  }

  @Test
  void aMessageThatIsNoRunFailsForTheDlq() {
    assertThrows(IllegalArgumentException.class, () -> ImportMessage.parse("{\"accountId\": \"a\"}"));
  }
}
