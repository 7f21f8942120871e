package com.textinbox.shared.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.cache.Lazy;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.live.LiveSender;
import com.textinbox.shared.live.store.LiveConnectionStore;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.observability.Priming;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The clients a cold start may not need are built on their first use, not at init, and SnapStart
 * priming builds every one of them (docs/decisions.md 69, 46). Counted with {@link AwsClients#built};
 * nothing is sent (a closed port; priming's sends are stopped before transmission).
 */
class LazyClientsTest {
  private static final String CLOSED = "http://127.0.0.1:9";
  private static final String LIVE = CLOSED + "/lazy-clients-test";

  @BeforeEach
  void environment() {
    Env.use(Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", CLOSED, "EMAIL_FROM", "inbox@textinbox.example",
        "EMAIL_REPLY_TO", "no-reply@textinbox.example", "SEND_SMS_QUEUE_URL", CLOSED + "/000000000000/send-sms",
        "FILES_BUCKET", "files", "LIVE_MANAGEMENT_ENDPOINT", LIVE));
    System.setProperty("aws.region", "us-east-1");
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  @AfterEach
  void restore() {
    Env.use(System.getenv());
    System.clearProperty("aws.region");
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void theEnvironmentsSendersAndFilesBuildNoClientUntilUsedAndPrimingBuildsEach() {
    Map<String, Integer> before = counts();

    EmailSender.fromEnvironment();
    SendSmsQueue.fromEnvironment();
    EventQueue.sqs(AwsClients.lazy(SqsClient::builder, "SQS"), CLOSED + "/000000000000/events");
    LiveSender.fromEnvironment(new LiveConnectionStore(null, Clock.systemUTC()));
    FileStore files = FileStore.fromEnvironment();
    String upload = files.uploadLink("imports/acct-a/imp-1/upload", Duration.ofMinutes(15)); // signs: no request

    assertTrue(upload.contains("X-Amz-Signature="), upload);
    assertEquals(before, counts(), "a client was built at wiring, or by signing a link");

    Priming.primeAll(); // what SnapStart's beforeCheckpoint runs

    Map<String, Integer> after = counts();
    for (String service : before.keySet()) {
      assertTrue(after.get(service) > before.get(service), service + " was not built by priming: " + after);
    }
  }

  @Test
  void aLazyClientIsBuiltOnceWhoeverAsksFirst() {
    int before = AwsClients.built("SQS");
    Lazy<SqsClient> sqs = AwsClients.lazy(SqsClient::builder, "SQS");
    assertFalse(sqs.built());
    assertTrue(Priming.registered().contains("SQS client"), Priming.registered().toString());

    Priming.primeAll();
    SqsClient primed = sqs.get();

    assertTrue(sqs.built());
    assertSame(primed, sqs.get());
    assertEquals(before + 1, AwsClients.built("SQS"), "built again after priming");
  }

  private static Map<String, Integer> counts() {
    return Map.of("SES", AwsClients.built("SES"), "SQS", AwsClients.built("SQS"), "S3", AwsClients.built("S3"),
        LIVE, AwsClients.built(LIVE));
  }
}
