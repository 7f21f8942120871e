package com.textinbox.shared.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.live.WebSocketHandler;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.schedule.ScheduledHandler;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.stream.DynamoDBStreamHandler;
import com.textinbox.shared.stream.StreamRecord;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Resource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.ses.SesClient;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.notifications.Email;
import com.textinbox.shared.notifications.EmailSender;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SnapStart priming (docs/decisions.md 46): steps register, run, never fail, and never write. */
class PrimingTest {
  @Test
  void aTablePrimesWithReadsOfAKeyThatDoesNotExistAndWritesNothing() throws Exception {
    try (DynamoDbLocalServer server = DynamoDbLocalServer.start()) {
      server.createInboxTable("priming");
      DynamoTable table = new DynamoTable(server.client(), "priming");
      assertTrue(Priming.registered().contains("table priming"), Priming.registered().toString());

      Map<String, Integer> made = RequestCounter.during(table::prime);

      // the reads are sent; the writes are calls stopped before transmission: no attempt
      assertEquals(Map.ofEntries(Map.entry("DynamoDb.GetItem", 1), Map.entry("DynamoDb.GetItem.attempts", 1),
          Map.entry("DynamoDb.Query", 2), Map.entry("DynamoDb.Query.attempts", 2), Map.entry("DynamoDb.BatchGetItem", 1),
          Map.entry("DynamoDb.BatchGetItem.attempts", 1), Map.entry("DynamoDb.PutItem", 1), Map.entry("DynamoDb.UpdateItem", 1),
          Map.entry("DynamoDb.DeleteItem", 1), Map.entry("DynamoDb.TransactWriteItems", 1), Map.entry("DynamoDb.BatchWriteItem", 1)),
          made);
      assertEquals(List.of(), Priming.notReads(made));
      assertEquals(0, server.client().scan(b -> b.tableName("priming")).count(), "priming wrote an item");
    }
  }

  @Test
  void aQueueSenderPrimesItsSendMessageWithoutSendingIt() {
    // a closed port: had anything been transmitted, the step would have failed on the connection
    SqsClient sqs = AwsClients.build(SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
        .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))), "SQS_PRIMING_TEST");
    String queueUrl = "http://127.0.0.1:9/000000000000/Events";
    EventQueue.sqs(sqs, queueUrl);
    SendSmsQueue.sqs(sqs, queueUrl);
    assertTrue(Priming.registered().containsAll(List.of("event queue", "send-sms queue")), Priming.registered().toString());

    // one send per queue sender alive in this JVM: these two, and any other test class built (they live as long as the container)
    int queues = (int) Priming.registered().stream().filter(name -> name.endsWith(" queue")).count();
    Map<String, Integer> made = RequestCounter.during(Priming::primeAll);

    assertEquals(queues, (int) made.getOrDefault("Sqs.SendMessage", 0), made.toString());
    assertEquals(null, made.get("Sqs.SendMessage.attempts"), "a priming send left the process: " + made);
    assertEquals(List.of(), Priming.notReads(made));
  }

  @Test
  void aMarkedCallOnAClientWithoutTheInterceptorIsRefusedNotSent() throws Exception {
    try (DynamoDbLocalServer server = DynamoDbLocalServer.start()) {
      server.createInboxTable("unmarked");
      // a client built without AwsClients: the stop is missing, the write goes out and its condition refuses it
      DynamoDbClient plain = DynamoDbClient.builder().endpointOverride(server.client().serviceClientConfiguration().endpointOverride().orElseThrow())
          .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .httpClient(com.textinbox.shared.aws.AwsHttp.client()).build();
      assertThrows(ConditionalCheckFailedException.class, new DynamoTable(plain, "unmarked")::prime);
      assertEquals(0, server.client().scan(b -> b.tableName("unmarked")).count(), "priming wrote an item");
    }
  }

  @Test
  void aTransactionPrimesWithoutWritingAndWouldBeCancelledWereItSent() throws Exception {
    try (DynamoDbLocalServer server = DynamoDbLocalServer.start()) {
      server.createInboxTable("transact");
      DynamoTable table = new DynamoTable(server.client(), "transact");
      List<com.textinbox.shared.store.Write> writes = List.of(table.putWrite(DynamoTable.values("PK", "C#priming", "SK", "C#priming")));

      Map<String, Integer> made = RequestCounter.during(() -> table.primeTransact(writes));

      assertEquals(Map.of("DynamoDb.TransactWriteItems", 1), made, "a priming transaction left the process");
      // a client without the interceptor sends it: the condition check of PRIMING#none cancels all of it
      DynamoDbClient plain = DynamoDbClient.builder().endpointOverride(server.client().serviceClientConfiguration().endpointOverride().orElseThrow())
          .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
          .httpClient(com.textinbox.shared.aws.AwsHttp.client()).build();
      assertThrows(TransactionCanceledException.class, () -> new DynamoTable(plain, "transact").primeTransact(writes));
      assertEquals(0, server.client().scan(b -> b.tableName("transact")).count(), "priming wrote an item");
    }
  }

  /** A report's PutObject and an email's SendEmail, to a closed port: had either been transmitted, the step would have failed. */
  @Test
  void aResultFileAndAnEmailPrimeTheirSendsWithoutSendingThem() throws Exception {
    URI closed = URI.create("http://127.0.0.1:9");
    StaticCredentialsProvider keys = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
    S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
    S3Client s3 = AwsClients.buildAt(S3Client.builder().serviceConfiguration(pathStyle).region(Region.US_EAST_1)
        .credentialsProvider(keys), closed);
    FileStore files = new FileStore(s3, S3Presigner.builder().serviceConfiguration(pathStyle).endpointOverride(closed)
        .region(Region.US_EAST_1).credentialsProvider(keys).build(), "files");
    EmailSender email = EmailSender.ses(AwsClients.buildAt(SesClient.builder().region(Region.US_EAST_1).credentialsProvider(keys),
        closed), "from@example.invalid", "no-reply@example.invalid");

    Map<String, Integer> made = RequestCounter.during(() -> {
      try (FileStore.Upload out = files.primingUpload("exports/PRIMING#none/x/report.csv", "report.csv")) {
        out.write("a,b\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      email.prime(new Email("priming@example.invalid", "subject", "text", "<p>html</p>"));
    });

    assertEquals(Map.of("S3.PutObject", 1, "Ses.SendEmail", 1), made, "a priming request left the process");
    assertEquals(List.of(), Priming.notReads(made));
  }

  @Test
  void theBaseHandlersPrimeWithoutAnyRequestOrWork() {
    WORKED.clear();
    List<Runnable> primes = List.of(new Api()::prime, new Queue()::prime, new Stream()::prime, new Schedule()::prime,
        new Socket()::prime);
    assertTrue(Priming.registered().containsAll(List.of("Api", "Queue", "Stream", "Schedule", "Socket")),
        Priming.registered().toString());

    Map<String, Integer> made = RequestCounter.during(() -> primes.forEach(Runnable::run));

    assertEquals(Map.of(), made);
    assertEquals(List.of(), WORKED, "priming reached a route or a process method");
  }

  /** Observability's priming writes a metric's EMF document to a string only: nothing printed reaches CloudWatch. */
  @Test
  void observabilityPrimesTheMetricsJsonWithoutEmittingIt() {
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Observability.prime();
    } finally {
      System.setOut(out);
    }
    assertFalse(printed.toString(java.nio.charset.StandardCharsets.UTF_8).contains("_aws"), printed.toString());
  }

  @Test
  void onlyReadsPassTheRule() {
    assertEquals(List.of("DynamoDb.PutItem", "Sqs.SendMessage"), Priming.notReads(Map.of("DynamoDb.GetItem", 1,
        "DynamoDb.GetItem.attempts", 1, "S3.GetObject.attempts", 1, "DynamoDb.PutItem", 1, "DynamoDb.PutItem.attempts", 1,
        "Sqs.GetQueueAttributes.attempts", 1, "Sqs.SendMessage", 1, "Sqs.SendMessage.attempts", 1,
        "DynamoDb.TransactWriteItems", 1)).stream().sorted().toList(), "a call without an attempt was never sent");
  }

  @Test
  void aStepThatFailsIsSkippedNotThrown() throws Exception {
    List<String> ran = new ArrayList<>();
    Resource failing = Priming.register("failing", () -> {
      throw new IllegalStateException("no network at build time");
    });
    Resource next = Priming.register("next", () -> ran.add("next"));

    failing.beforeCheckpoint(null);
    next.beforeCheckpoint(null);
    next.afterRestore(null);

    assertEquals(List.of("next"), ran);
  }

  /** What the handlers below were asked to do (never by priming). */
  private static final List<String> WORKED = new ArrayList<>();

  // each exposes its prime() to this package
  static final class Api extends ApiHandler {
    Api() {
      route("GET", "/things", request -> ApiResponse.ok(Map.of("worked", WORKED.add("route"))));
    }

    @Override protected void prime() { super.prime(); }
  }

  static final class Queue extends SqsBatchHandler {
    @Override protected void process(SqsMessage message) { WORKED.add("sqs"); }
    @Override protected void prime() { super.prime(); }
  }

  static final class Stream extends DynamoDBStreamHandler {
    @Override protected void process(StreamRecord record) { WORKED.add("stream"); }
    @Override protected void prime() { super.prime(); }
  }

  static final class Schedule extends ScheduledHandler {
    Schedule() { super(Clock.systemUTC()); }
    @Override protected Object run(Instant now) { return WORKED.add("schedule"); }
    @Override protected void prime() { super.prime(); }
  }

  static final class Socket extends WebSocketHandler {
    @Override protected int handle(WebSocketEvent event) { return WORKED.add("websocket") ? 200 : 500; }
    @Override protected void prime() { super.prime(); }
  }
}
