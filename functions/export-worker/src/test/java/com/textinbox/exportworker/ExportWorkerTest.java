package com.textinbox.exportworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.Note;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.exports.CustomerExport;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.jobs.FileJobs;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.JobMessage;
import com.textinbox.shared.jobs.store.JobStore;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.Email;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.sqs.MalformedMessage;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.testing.SampleEvents;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The ExportWorker against DynamoDB Local and S3Proxy (the local cloud's engines): the sample
 * event, a redelivered job that does its work once, a worker that crashed after writing the file
 * resumes at the email, a conversation that is gone fails the job with why.
 */
class ExportWorkerTest {
  private static final String MAPLE = "acct-maple-motors";
  private static final String BUCKET = "files";
  private static final Pattern LINK = Pattern.compile("Download \\S+: (\\S+)");
  private static DynamoDbLocalServer local;
  private static S3Proxy s3proxy;
  private static DynamoTable table;
  private static FileStore files;
  private static S3Client s3;

  @BeforeAll
  static void engines() throws Exception {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("worker-test");
    table = new DynamoTable(local.client(), "worker-test");
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    s3proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.NONE, null, null).ignoreUnknownHeaders(true).stopTimeout(0).build();
    s3proxy.start();
    while (!s3proxy.getState().equals("STARTED")) {
      Thread.sleep(20);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
    StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    s3 = AwsClients.buildAt(S3Client.builder().serviceConfiguration(pathStyle).region(Region.US_EAST_1)
        .credentialsProvider(keys), endpoint);
    s3.createBucket(b -> b.bucket(BUCKET));
    files = new FileStore(s3, S3Presigner.builder().serviceConfiguration(pathStyle).endpointOverride(endpoint)
        .region(Region.US_EAST_1).credentialsProvider(keys).build(), BUCKET);

    new AccountStore(table).put(new Account(MAPLE, "Maple Motors", "+15145550100", "fr", null, null, null, null, "America/Toronto"));
    CustomerStore customers = new CustomerStore(table);
    customers.create(MAPLE, new CustomerProfile("cust-john", "John", "Smith", null, "+15145550112", "en", null, true, null,
        null, null, null, "conv-demo-john", "2026-09-01T10:00:00.000Z", "test"));
    for (int i = 0; i < 250; i++) {
      customers.create(MAPLE, new CustomerProfile("cust-" + i, "Prénom" + i, "Nom" + i, null, null, "fr", null, true, null,
          null, null, null, null, "2026-09-01T10:00:00.000Z", "test"));
    }
    ConversationStore conversations = new ConversationStore(table);
    table.transact(conversations.createWrite(MAPLE, Conversation.opened("conv-demo-john", "cust-john",
        "2026-11-02T14:00:00.000Z", "2026-11-02T14:00:00.000Z", null, "carrier-0")));
    conversations.append(MAPLE, "conv-demo-john", Message.inbound("m0", "2026-10-31T14:00:00.000Z", "conv-demo-john", "cust-john",
        "October: outside the range", "+15145550112", "+15145550100", "carrier-0", null, "2026-10-31T14:00:00.000Z"));
    conversations.append(MAPLE, "conv-demo-john", Message.inbound("m1", "2026-11-02T14:00:00.000Z", "conv-demo-john", "cust-john",
        "Is my car ready?", "+15145550112", "+15145550100", "carrier-1", null, "2026-11-02T14:00:00.000Z"));
    conversations.append(MAPLE, "conv-demo-john", Message.queued("m2", "2026-11-02T14:05:00.000Z", "conv-demo-john", "cust-john",
        "Oui, elle est prête !", "x", 1, "GSM", new Message.Source("user", "user-chloe"), "user-chloe", "Chloé Roy", false, null,
        null, null, null));
    conversations.append(MAPLE, "conv-demo-john", new Note("n1", "2026-11-30T23:30:00.000Z", "conv-demo-john",
        "Late November in Montréal, December in UTC", "user-bruno", "Bruno Tremblay", null, null));
    conversations.append(MAPLE, "conv-demo-john", Message.inbound("m3", "2026-12-01T05:30:00.000Z", "conv-demo-john", "cust-john",
        "December: outside the range", "+15145550112", "+15145550100", "carrier-3", null, "2026-12-01T05:30:00.000Z"));
  }

  @AfterAll
  static void stop() throws Exception {
    s3proxy.stop();
    local.close();
  }

  private static byte[] download(Email email) throws Exception {
    Matcher link = LINK.matcher(email.text());
    assertTrue(link.find(), email.text());
    HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link.group(1))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, file.statusCode());
    return file.body();
  }

  private static String queue(JobMessage message) {
    return Json.write(Map.of("Records", List.of(Map.of("messageId", "sqs-" + message.jobId(), "body", message.toJson(),
        "attributes", Map.of("ApproximateReceiveCount", "1")))));
  }

  private static JsonNode deliver(ExportWorker worker, JobMessage message) {
    return SampleEvents.invokeRaw(worker, queue(message).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSampleEventMakesTheNovemberPdfInTheCompanysTimeZone() throws Exception {
    new JobStore(table).create(MAPLE, Job.file("job-4f6c1a2e-8b3d-4c5e-9f7a-1b2c3d4e5f60", Job.CONVERSATION_EXPORT,
        "user-bruno", "2026-12-05T12:00:00.000Z", "{}"));
    List<Email> sent = new CopyOnWriteArrayList<>();
    JsonNode response = SampleEvents.invoke(new ExportWorker(table, files, email -> { sent.add(email); return "id"; },
        Clock.systemUTC()), "export-worker/conversation-export.json");
    assertTrue(response.path("batchItemFailures").isEmpty(), response.toString());
    assertEquals(1, sent.size());
    assertEquals("bruno@maple-motors.example", sent.get(0).to());
    assertEquals("The conversation with John Smith is ready", sent.get(0).subject());
    try (PDDocument pdf = Loader.loadPDF(download(sent.get(0)))) {
      String text = new PDFTextStripper().getText(pdf);
      assertTrue(text.indexOf("Is my car ready?") < text.indexOf("Oui, elle est prête !"), text);
      assertTrue(text.contains("2026-11-02 09:00 EST · John Smith · Received"), text);
      assertTrue(text.contains("Late November in Montréal"), "the 30th, 18:30 in Montréal: " + text);
      assertTrue(!text.contains("October") && !text.contains("December:"), "only November: " + text);
    }
  }

  @Test
  void aRedeliveredJobDoesItsWorkOnceAndACrashAfterWritingResumesAtTheEmail() throws Exception {
    JobStore jobs = new JobStore(table);
    jobs.create(MAPLE, Job.file("job-xlsx", Job.CUSTOMER_EXPORT, "user-bruno", "2026-12-05T12:00:00.000Z", "{}"));
    JobMessage message = new JobMessage(Job.CUSTOMER_EXPORT, MAPLE, "job-xlsx", "user-bruno", "bruno@maple-motors.example",
        new CustomerExport("all", null, null, "xlsx").toJson());
    List<Email> sent = new CopyOnWriteArrayList<>();
    boolean[] sesDown = {true};
    EmailSender ses = email -> {
      if (sesDown[0]) {
        throw new IllegalStateException("SES is unreachable");
      }
      sent.add(email);
      return "id";
    };
    ExportWorker worker = new ExportWorker(table, files, ses, Clock.systemUTC());

    // first delivery: the file is written, the email fails: the message fails, for a retry
    assertEquals(1, deliver(worker, message).path("batchItemFailures").size());
    Job afterCrash = jobs.find(MAPLE, "job-xlsx").orElseThrow();
    assertEquals(Job.RUNNING, afterCrash.status());
    assertNotNull(afterCrash.resultKey(), "the file is written whole");
    assertEquals(251, afterCrash.processed());
    assertNull(afterCrash.notifiedAt());

    // the retry: no file written again (no S3 request but the link's signing, which makes none), one email
    sesDown[0] = false;
    Map<String, Integer> retry = RequestCounter.during(() -> assertTrue(deliver(worker, message).path("batchItemFailures").isEmpty()));
    assertNull(retry.get("S3.PutObject"), "nothing uploaded again: " + retry);
    assertNull(retry.get("S3.UploadPart"), "nothing uploaded again: " + retry);
    assertEquals(1, sent.size());
    Job done = jobs.find(MAPLE, "job-xlsx").orElseThrow();
    assertEquals(Job.COMPLETED, done.status());
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download(sent.get(0))))) {
      assertEquals(251, workbook.getSheetAt(0).getLastRowNum(), "every customer, a row each under the header");
      assertEquals("Customer id", workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue());
    }

    // delivered once more: nothing at all
    Map<String, Integer> again = RequestCounter.during(() -> assertTrue(deliver(worker, message).path("batchItemFailures").isEmpty()));
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1), again, "one read of the job");
    assertEquals(1, sent.size(), "emailed once");
    assertEquals(done, jobs.find(MAPLE, "job-xlsx").orElseThrow());
  }

  @Test
  void aConversationThatIsGoneFailsTheJobWithWhy() {
    JobStore jobs = new JobStore(table);
    jobs.create(MAPLE, Job.file("job-gone", Job.CONVERSATION_EXPORT, "user-bruno", "2026-12-05T12:00:00.000Z", "{}"));
    JobMessage message = new JobMessage(Job.CONVERSATION_EXPORT, MAPLE, "job-gone", "user-bruno", "b@example.com",
        Json.object().put("conversationId", "conv-gone"));
    ExportWorker worker = new ExportWorker(table, files, email -> { throw new AssertionError("no email"); }, Clock.systemUTC());
    assertTrue(deliver(worker, message).path("batchItemFailures").isEmpty(), "not retried: it can never work");
    Job failed = jobs.find(MAPLE, "job-gone").orElseThrow();
    assertEquals(Job.FAILED, failed.status());
    assertEquals("The conversation conv-gone no longer exists.", failed.error());
  }

  @Test
  void aFileThatFailsHalfWayIsNeverVisibleAndTheJobStaysToRetry() {
    JobStore jobs = new JobStore(table);
    jobs.create(MAPLE, Job.file("job-broken", Job.CUSTOMER_EXPORT, "user-bruno", "2026-12-05T12:00:00.000Z", "{}"));
    JobMessage message = new JobMessage(Job.CUSTOMER_EXPORT, MAPLE, "job-broken", "user-bruno", "b@example.com",
        Json.object());
    FileJobs fileJobs = new FileJobs(jobs, files, new AccountStore(table), email -> { throw new AssertionError("no email"); },
        Clock.systemUTC());
    assertThrows(java.io.IOException.class, () -> fileJobs.run(message, (job, m) -> new FileJobs.FileMaker() {
      public String fileName() {
        return "broken.csv";
      }

      public String description() {
        return "A broken file";
      }

      public long write(java.io.OutputStream out, FileJobs.Progress progress) throws java.io.IOException {
        out.write(new byte[1000]);
        throw new java.io.IOException("the table went away");
      }
    }));
    assertEquals(404, assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
        () -> s3.headObject(b -> b.bucket(BUCKET).key("exports/" + MAPLE + "/job-broken/broken.csv"))).statusCode(),
        "no object at the key");
    Job job = jobs.find(MAPLE, "job-broken").orElseThrow();
    assertEquals(Job.RUNNING, job.status());
    assertNull(job.resultKey());
  }

  @Test
  void aMessageThatIsNoJobIsLeftForTheDlq() {
    ExportWorker worker = new ExportWorker(table, files, email -> "id", Clock.systemUTC());
    JsonNode response = SampleEvents.invokeRaw(worker, Json.write(Map.of("Records", List.of(Map.of("messageId", "bad",
        "body", "not json", "attributes", Map.of("ApproximateReceiveCount", "1"))))).getBytes(StandardCharsets.UTF_8));
    assertEquals("bad", response.path("batchItemFailures").get(0).path("itemIdentifier").asText());
    assertThrows(MalformedMessage.class, () -> JobMessage.parse("{}"));
  }
}
