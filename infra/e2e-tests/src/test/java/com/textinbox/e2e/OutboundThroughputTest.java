package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Outbound throughput (docs/decisions.md 61, docs/reliability.md "Outbound throughput"): a burst
 * of staff texts from one company is texted at its number's rate (the local deployment's
 * {@code SmsSendRatePerSecond}, 5: below what MessagesApi, one instance, takes in, so that the
 * texts queue up behind the rate), each exactly once, nothing in the DLQ, by SmsSender's capped
 * instances (ScalingConfig MaximumConcurrency), which share the number's send line.
 */
class OutboundThroughputTest {
  private static final String CLINIC = "acct-harbor-clinic";
  private static final int CUSTOMERS = 10;
  private static final int TEXTS_EACH = 20;

  /** What a burst showed. */
  record Figures(int texts, double postedInSeconds, double seconds, double observedPerSecond, int peakInOneSecond, int requeued,
      long invocations, double ratePerSecond) {
    @Override
    public String toString() {
      return String.format("%d texts posted in %.1f s, all texted %.1f s after the first post, observed rate %.2f/s (first to"
          + " last text; setting %.0f/s), at most %d in any 1 s, %d commands put back by SmsSender, %d SmsSender invocations,"
          + " %d SQS messages taken by SmsSender (each received once: none failed)",
          texts, postedInSeconds, seconds, observedPerSecond, ratePerSecond, peakInOneSecond, requeued, invocations, texts + requeued);
    }
  }

  @Test
  void aBurstIsTextedAtTheNumbersRateEachTextOnceNothingInTheDlq() throws Exception {
    Figures figures = burst("plain", ClinicNumbers.BURST);
    System.out.println("Outbound throughput, a burst without faults: " + figures);
  }

  @Test
  void withHalfOfTheSnsPublishCallsThrottledEveryTextStillGoesOnceAtTheRateNothingInTheDlq() throws Exception {
    String rule = Faults.inject("SmsSender", "sns:Publish", 0.5, Faults.THROTTLING, null);
    Figures figures;
    long throttled;
    try {
      figures = burst("throttled", ClinicNumbers.THROTTLED_BURST);
    } finally {
      throttled = Faults.injected(rule);
      Faults.clear();
    }
    System.out.println("Outbound throughput, a burst with 50% of sns:Publish throttled: " + figures + "; "
        + throttled + " Publish calls throttled (the SDK retries a throttled call twice; a text still throttled is put back)");
    assertTrue(throttled > 0, "the fault struck");
    assertTrue(figures.requeued() > 0, "texts throttled past the SDK's retries came back later: " + figures);
  }

  /** Creates the customers, posts the burst at once, waits for every text; checks once, rate, DLQ. */
  static Figures burst(String label, String mobilePrefix) throws Exception {
    double rate = sendRate();
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      customers.add(customer(label + i, mobilePrefix + i));
    }
    int requeuedBefore = requeued();
    long invocationsBefore = invocations();
    Instant start = Instant.now();
    List<JsonNode> posted = Collections.synchronizedList(new ArrayList<>());
    ExecutorService staff = Executors.newFixedThreadPool(CUSTOMERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String customerId : customers) {
        done.add(staff.submit(() -> {
          for (int n = 0; n < TEXTS_EACH; n++) {
            Http.Response response = Http.post(api() + "/customers/" + customerId + "/messages", Tokens.of("otherAdmin"),
                Http.json(Map.of("body", label + " reminder " + n)));
            assertEquals(202, response.status(), response.body());
            posted.add(response.json());
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      staff.shutdownNow();
    }
    int texts = CUSTOMERS * TEXTS_EACH;
    assertEquals(texts, posted.size());
    double postedIn = Duration.between(start, Instant.now()).toMillis() / 1000.0;

    Set<String> mobiles = new HashSet<>();
    for (int i = 0; i < CUSTOMERS; i++) {
      mobiles.add(mobilePrefix + i);
    }
    List<JsonNode> outbox = Eventually.await("the " + texts + " texts of the burst in the carrier's outbox",
        Duration.ofSeconds(60 + (long) (3 * texts / rate)), () -> {
          List<JsonNode> sent = outboxTo(mobiles);
          return sent.size() >= texts ? sent : null;
        });
    // every message SENT (or DELIVERED) once, with a text of its own in the outbox
    Map<String, Integer> copies = new HashMap<>();
    outbox.forEach(e -> copies.merge(e.path("to").asText() + " " + e.path("body").asText(), 1, Integer::sum));
    assertEquals(texts, outbox.size(), "no text twice");
    assertTrue(copies.values().stream().allMatch(c -> c == 1), "each text once: " + copies);
    for (JsonNode message : posted) {
      Map<String, AttributeValue> stored = Eventually.await("message " + message.path("messageId").asText() + " sent",
          Duration.ofSeconds(30), () -> {
            Map<String, AttributeValue> item = LocalAws.item("A#" + CLINIC + "#CONV#" + message.path("conversationId").asText(),
                "T#" + message.path("createdAt").asText() + "#" + message.path("messageId").asText());
            return item != null && !"QUEUED".equals(item.get("status").s()) ? item : null;
          });
      assertTrue(Set.of("SENT", "DELIVERED").contains(stored.get("status").s()), stored.toString());
    }
    assertEquals(0, LocalAws.visibleMessages("SendSmsDLQ"), "nothing in the send queue's DLQ");

    List<Instant> times = new ArrayList<>(outbox.stream().map(e -> instant(e.path("sentAt"))).toList());
    Collections.sort(times);
    double spread = Duration.between(times.getFirst(), times.getLast()).toMillis() / 1000.0;
    double observed = (texts - 1) / spread;
    int peak = 0;
    for (int i = 0, j = 0; i < times.size(); i++) {
      while (Duration.between(times.get(j), times.get(i)).toMillis() >= 1000) {
        j++;
      }
      peak = Math.max(peak, i - j + 1);
    }
    Figures figures = new Figures(texts, postedIn, Duration.between(start, times.getLast()).toMillis() / 1000.0, observed, peak,
        requeued() - requeuedBefore, invocations() - invocationsBefore, rate);
    assertTrue(observed <= rate * 1.02, "the number's rate is kept: " + figures);
    // places are one interval apart; a text leaves a few ms after its place, so a second may hold one more
    assertTrue(peak <= Math.ceil(rate) + 2, "no burst above the rate: " + figures);
    return figures;
  }

  private static String api() {
    return LocalCloudProcess.endpoints().path("apiUrl").asText();
  }

  private static String customer(String name, String mobile) {
    Http.Response created = Http.post(api() + "/customers", Tokens.of("otherAdmin"),
        Http.json(Map.of("firstName", "Burst", "lastName", name, "mobile", mobile)));
    assertEquals(201, created.status(), created.body());
    return created.json().path("id").asText();
  }

  private static List<JsonNode> outboxTo(Set<String> numbers) {
    List<JsonNode> entries = new ArrayList<>();
    for (JsonNode entry : Http.get(LocalCloudProcess.endpoints().path("carrier").path("outbox").asText(), null).json()) {
      if (numbers.contains(entry.path("to").asText())) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private static Instant instant(JsonNode value) {
    if (value.isNumber()) {
      BigDecimal seconds = value.decimalValue();
      return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
    return Instant.parse(value.asText());
  }

  /** The local deployment's SmsSendRatePerSecond, as SmsSender has it. */
  private static double sendRate() {
    return Double.parseDouble(smsSender().path("environment").path("SMS_SEND_RATE_PER_SECOND").asText());
  }

  private static long invocations() {
    return smsSender().path("invocations").asLong();
  }

  private static JsonNode smsSender() {
    for (JsonNode f : Http.get(LocalCloudProcess.endpoints().path("functions").asText(), null).json()) {
      if ("SmsSender".equals(f.path("logicalId").asText())) {
        return f;
      }
    }
    throw new AssertionError("no SmsSender in the local cloud");
  }

  /** Commands SmsSender put back on SendSmsQueue so far (waiting for a place, or throttled). */
  private static int requeued() {
    String url = NotificationEvents.queueUrl("SendSmsQueue");
    String name = url.substring(url.lastIndexOf('/') + 1);
    int count = 0;
    for (JsonNode sent : Http.get(LocalCloudProcess.endpoints().path("sentMessages").asText() + "?queue="
        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8), null).json()) {
      count += "SmsSender".equals(sent.path("function").asText()) ? 1 : 0;
    }
    return count;
  }
}
