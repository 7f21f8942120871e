package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The counts the pipeline dashboard and the SMS delivery failure alarm read (docs/decisions.md 60,
 * docs/reliability.md "Operating it") are really emitted, as CloudWatch would receive them: EMF lines
 * on the console (target/local-cloud.log), in namespace {@code TextInbox/dev} (template Globals,
 * Stage dev), with the one dimension {@code Service} each alarm and widget names. A text in, a
 * reply delivered and one that fails at the carrier count every step: texts in, stored, notified,
 * texted out, delivered, delivery failed. (That these names are the ones the template reads is
 * OperationsTemplateTest's.) 514-555-0193 is this class's number; John Smith (0112) is the demo's.
 */
class PipelineMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One metric value of an EMF line: the function's label, namespace, name, its Service dimension. */
  private record Emitted(String function, String namespace, String name, String service) {}

  private static List<Emitted> emitted() {
    List<Emitted> all = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("target/local-cloud.log"))) {
        int start = line.indexOf("] {\"_aws\"");
        if (!line.startsWith("[") || start < 0) {
          continue;
        }
        JsonNode emf = JSON.readTree(line.substring(start + 2));
        for (JsonNode directive : emf.path("_aws").path("CloudWatchMetrics")) {
          for (JsonNode metric : directive.path("Metrics")) {
            all.add(new Emitted(line.substring(1, start), directive.path("Namespace").asText(), metric.path("Name").asText(),
                emf.path("Service").asText(null)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  private static Emitted awaitCount(String function, String metric) {
    return Eventually.await(function + " to count " + metric, Duration.ofSeconds(40), () -> emitted().stream()
        .filter(e -> e.function().equals(function) && e.name().equals(metric)).findFirst().orElse(null));
  }

  /** Texts in and waits until it is stored; its conversation. */
  private static String textIn(String from, String body) {
    return Carrier.textIn(from, body).get("conversationId").s();
  }

  private static void reply(String conversationId, String body) {
    Http.Response sent = Http.post(LocalCloudProcess.endpoints().path("apiUrl").asText() + "/conversations/" + conversationId
        + "/messages", Tokens.of("user1"), Http.json(Map.of("body", body)));
    assertEquals(202, sent.status(), sent.body());
  }

  @Test
  void aTextInAndTwoRepliesCountEveryStepOfThePipelineWithTheDimensionTheAlarmsRead() {
    // John Smith's conversation is Bruno's (demo data): the text in notifies him (a center item)
    reply(textIn("+15145550112", "Can I book a tire change?"), "Yes: Tuesday at 10?");
    reply(textIn("+15145550193", "Hello from a number the carrier blocks"), "We will call you.");

    Map<String, List<String>> pipeline = Map.of(
        "InboundSms", List.of("SmsReceived", "SmsStored"),
        "NotificationDispatcher", List.of("NotificationsCreated"),
        "SmsSender", List.of("SmsSent"),
        "DeliveryReceipts", List.of("SmsDelivered", "SmsDeliveryFailed"));
    Map<String, String> services = Map.of("InboundSms", "inbound-sms", "NotificationDispatcher", "notification-dispatcher",
        "SmsSender", "sms-sender", "DeliveryReceipts", "delivery-receipts");
    pipeline.forEach((function, metrics) -> {
      for (String metric : metrics) {
        Emitted count = awaitCount(function, metric);
        assertEquals("TextInbox/dev", count.namespace(), "one namespace per stage (template Globals): " + count);
        assertEquals(services.get(function), count.service(), "the Service dimension the dashboard and alarms name: " + count);
      }
    });
    assertTrue(emitted().stream().noneMatch(e -> e.namespace().equals("TextInbox")), "nothing left in the old, stage-less namespace");
  }
}
