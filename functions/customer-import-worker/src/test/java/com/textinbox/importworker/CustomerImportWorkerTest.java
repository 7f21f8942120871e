package com.textinbox.importworker;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.imports.CustomerImport;
import com.textinbox.shared.imports.ImportFiles;
import com.textinbox.shared.imports.ImportMessage;
import com.textinbox.shared.imports.ImportRun;
import com.textinbox.shared.imports.store.ImportStore;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.Email;
import com.textinbox.shared.sqs.MalformedMessage;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.testing.SampleEvents;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * events/customer-import-worker/import-run.json through the real handler, against DynamoDB Local
 * and S3Proxy (the upload, the report, its link).
 */
class CustomerImportWorkerTest {
  private static final String ACCOUNT = "acct-maple-motors";
  private static final String IMPORT = "imp-0b6c3d2e-5f41-4a7b-9c8d-7e6f5a4b3c2d";
  private static DynamoDbLocalServer local;
  private static S3Proxy s3proxy;
  private static DynamoTable table;
  private static S3Client s3;
  private static FileStore files;
  @TempDir static Path dir;

  @BeforeAll
  static void engines() throws Exception {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("worker-test");
    table = new DynamoTable(local.client(), "worker-test");
    Files.createDirectories(dir.resolve("tmp"));
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    s3proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(endpoint)
        .awsAuthentication(AuthenticationType.NONE, null, null).ignoreUnknownHeaders(true).stopTimeout(0).build();
    s3proxy.start();
    while (!s3proxy.getState().equals("STARTED")) {
      Thread.sleep(20);
    }
    S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
    StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    s3 = AwsClients.buildAt(S3Client.builder().serviceConfiguration(pathStyle).region(Region.US_EAST_1)
        .credentialsProvider(keys), endpoint);
    s3.createBucket(b -> b.bucket("files"));
    files = new FileStore(s3, S3Presigner.builder().serviceConfiguration(pathStyle).endpointOverride(endpoint)
        .region(Region.US_EAST_1).credentialsProvider(keys).build(), "files");
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
    s3proxy.stop();
  }

  @Test
  void theSampleRunImportsTheFileAndEmailsTheRejectedRowsOnceThenARedeliveryDoesNothing() throws Exception {
    ImportStore imports = new ImportStore(table);
    Instant now = Instant.now();
    imports.create(ACCOUNT, new CustomerImport(IMPORT, ImportFiles.uploadKey(ACCOUNT, IMPORT), "c.csv", "user-bruno", "t",
        null, 0, 0, 0, 0), now);
    assertTrue(imports.startRun(ACCOUNT, ImportRun.queued(IMPORT, 1, false,
        "[{\"to\":\"firstName\"},{\"to\":\"mobile\"}]", "user-bruno", "t"), now));
    s3.putObject(b -> b.bucket("files").key(ImportFiles.uploadKey(ACCOUNT, IMPORT)),
        RequestBody.fromString("First name,Mobile\nAnn,514 555 0170\nBob,12\n", StandardCharsets.UTF_8));
    List<Email> sent = new CopyOnWriteArrayList<>();
    CustomerImportWorker worker = new CustomerImportWorker(table, files, e -> { sent.add(e); return "ses-" + sent.size(); }, Clock.systemUTC(), "CA",
        dir.resolve("tmp"), Duration.ofMinutes(5));
    JsonNode answer = SampleEvents.invoke(worker, "customer-import-worker/import-run.json");
    assertEquals(0, answer.path("batchItemFailures").size(), answer.toString());
    ImportRun run = imports.findRun(ACCOUNT, IMPORT, 1).orElseThrow();
    assertEquals(List.of(ImportRun.COMPLETED, 1L, 1L), List.of(run.status(), run.created(), run.rejected()));
    assertTrue(new CustomerStore(table).phoneGuard(ACCOUNT, "+15145550170").isPresent());
    assertEquals(0, Files.list(dir.resolve("tmp")).count(), "the file fetched to /tmp and the report are gone");

    assertEquals(1, sent.size());
    Email email = sent.get(0);
    assertEquals("bruno@maple-motors.example", email.to());
    assertEquals("Your customer import report (created 1, updated 0, rejected 1) is ready", email.subject());
    Matcher link = Pattern.compile("Download \\S+: (\\S+)").matcher(email.text());
    assertTrue(link.find(), email.text());
    var download = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(link.group(1)))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals("\ufeffFirst name,Mobile,Reason\r\nBob,12,Column 'Mobile': '12' is not a valid phone number.\r\n",
        download.body());

    SampleEvents.invoke(worker, "customer-import-worker/import-run.json");
    assertEquals(1, sent.size(), "a redelivered message emails nothing more");
    assertEquals(run.status(), imports.findRun(ACCOUNT, IMPORT, 1).orElseThrow().status());
  }

  @Test
  void aMessageThatIsNoRunFailsForTheDlq() {
    CustomerImportWorker worker = new CustomerImportWorker(table, files,
        e -> "ses-1", Clock.systemUTC(), "CA",
        dir.resolve("tmp"), Duration.ofMinutes(5));
    JsonNode answer = SampleEvents.invokeRaw(worker, Json.write(Map.of("Records", List.of(Map.of("messageId", "bad",
        "body", "{\"accountId\": \"a\"}", "attributes", Map.of("ApproximateReceiveCount", "1"))))).getBytes(StandardCharsets.UTF_8));
    assertEquals("bad", answer.path("batchItemFailures").get(0).path("itemIdentifier").asText(), answer.toString());
    assertThrows(MalformedMessage.class, () -> ImportMessage.parse("{\"accountId\": \"a\"}"));
  }
}
