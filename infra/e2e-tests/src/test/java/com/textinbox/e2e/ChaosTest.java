package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The chaos run (issue 16, docs/reliability.md): texts from many numbers, each delivered several
 * times by the carrier, with a share of every function's DynamoDB calls throttled and random
 * crashes (after a call took effect) in InboundSms, Assignment, NotificationDispatcher and
 * SmsSender; a STOP and HELPs among the texts, then staff replies. Then: every text stored exactly
 * once, exactly one notification center item per notified message, every keyword answered,
 * nothing texted to the STOP number after its STOP was stored, every staff reply texted (a second
 * text, of a reply or a keyword's answer, only inside SmsSender's documented window: counted), no
 * new DLQ message. It prints the figures.
 *
 * <p>Sized for the suite (100 texts from 50 numbers, 3 deliveries each); the larger run:
 * {@code -Dchaos.texts=1000} (docs/reliability.md). Runs after the other classes (it leaves many
 * messages and notifications behind), before LeastPrivilegeTest. Numbers +1 514 559-1xxx are its own.
 */
@Order(Integer.MAX_VALUE - 1)
class ChaosTest {
  private static final String DEALERSHIP = Carrier.DEALERSHIP;
  private static final String BRUNO = "user-bruno";
  private static final int TEXTS = Integer.getInteger("chaos.texts", 100);
  private static final int NUMBERS = Integer.getInteger("chaos.numbers", 50);
  private static final int DELIVERIES = Integer.getInteger("chaos.deliveries", 3);
  private static final double THROTTLED = Double.parseDouble(System.getProperty("chaos.throttling", "0.2"));
  /** Per call: a batch of 10 texts is some 80 calls of InboundSms, so 0.005 crashes one batch in seven or so. */
  private static final double CRASHES = Double.parseDouble(System.getProperty("chaos.crashes", "0.005"));
  /** Per DynamoDB call of SmsSender (its claim, its SENT transaction): a message left QUEUED for the sweep. */
  private static final double SENDER_CRASHES = Double.parseDouble(System.getProperty("chaos.senderCrashes", String.valueOf(CRASHES)));
  /** Per SNS Publish of SmsSender: its documented window (a second text possible). */
  private static final double PUBLISH_CRASHES = Double.parseDouble(System.getProperty("chaos.publishCrashes", "0.05"));
  private static final int HELPS = 5;
  /** The sweep's runs at most (the schedule's, one after another): each one re-sends what a crash left QUEUED. */
  private static final int SWEEPS = 3;
  /** How far past the last run each run is dated: beyond QueuedSms's grace (5 min), so what it re-sends is due again. */
  private static final Duration RETRY_AFTER = Duration.ofMinutes(6);
  private static final String STOP_CONFIRMATION = "Maple Motors: You are unsubscribed and will receive no more messages."
      + " Reply START to resubscribe.";
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private static String number(int i) {
    return String.format("+1514559%04d", 1000 + i);
  }

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  @AfterAll
  static void calm() {
    Faults.clear();
    Http.send("PUT", api("/settings/default-assignee"), Tokens.of("admin"), "{\"assignee\":null}");
  }

  /** One text of the run: who, what, the carrier's id. */
  private record Text(int index, String from, String body, String carrierId) {}

  @Test
  void nothingLostNothingTwiceUnderFaultsAndCrashes() throws Exception {
    Instant started = Instant.now();
    Map<String, Integer> dlqsBefore = dlqs();
    // every new conversation goes to Bruno, so every stored message notifies him (one center item each)
    // idempotent, so tried again when the first call waits on cold starts longer than the client's timeout
    Eventually.await("the default assignee set", Duration.ofSeconds(120), () -> Http.send("PUT",
        api("/settings/default-assignee"), Tokens.of("admin"),
        Http.json(Map.of("assignee", Map.of("kind", "user", "id", BRUNO)))).status() == 200);

    List<Text> texts = texts();
    Text stop = texts.stream().filter(t -> t.body().equals("STOP")).findFirst().orElseThrow();

    Map<String, String> rules = new LinkedHashMap<>();
    rules.put("throttling", Faults.inject("*", "dynamodb:*", THROTTLED, Faults.THROTTLING, null));
    for (String function : List.of("InboundSms", "Assignment", "NotificationDispatcher")) {
      rules.put("crash " + function, Faults.inject(function, "*", CRASHES, Faults.CRASH_AFTER, null));
    }
    // SmsSender: crashes after its DynamoDB calls (claim, SENT), and after the Publish (the documented window)
    rules.put("crash SmsSender", Faults.inject("SmsSender", "dynamodb:*", SENDER_CRASHES, Faults.CRASH_AFTER, null));
    rules.put("crash SmsSender after Publish", Faults.inject("SmsSender", "sns:Publish", PUBLISH_CRASHES, Faults.CRASH_AFTER, null));

    // the carrier: every text delivered DELIVERIES times, copies at once, from a few threads
    ExecutorService carrier = Executors.newFixedThreadPool(4);
    List<Future<?>> published = new ArrayList<>();
    for (Text text : texts) {
      for (int copy = 0; copy < DELIVERIES; copy++) {
        published.add(carrier.submit(() -> publish(text)));
      }
    }
    for (Future<?> f : published) {
      f.get();
    }
    carrier.shutdown();

    Map<String, Map<String, AttributeValue>> markers = awaitStored(texts);
    Instant stored = Instant.now();

    // staff replies: one per number, Bruno, after the texts (the STOP number's must never be texted)
    Map<String, String> conversationOf = new HashMap<>();
    markers.forEach((carrierId, marker) -> texts.stream().filter(t -> t.carrierId().equals(carrierId)).findFirst()
        .ifPresent(t -> conversationOf.putIfAbsent(t.from(), marker.get("conversationId").s())));
    Map<String, String> replies = new LinkedHashMap<>(); // body -> number
    AtomicInteger api5xx = new AtomicInteger();
    AtomicInteger refusedUnsubscribed = new AtomicInteger();
    for (int i = 0; i < NUMBERS; i++) {
      String from = number(i);
      String body = "Reply " + RUN + " #" + i + "#"; // delimited: #1# is not part of #10#
      if (!conversationOf.containsKey(from)) {
        continue; // not stored in time: the assertions below say so
      }
      int status = reply(conversationOf.get(from), body, api5xx);
      if (status == 409) {
        refusedUnsubscribed.incrementAndGet();
      } else {
        assertEquals(202, status, "reply to " + from);
        replies.put(body, from);
      }
    }

    // texted: every reply to a subscribed number. A crash in SmsSender after its claim leaves the
    // message QUEUED under its lease: a copy of its command that comes while the lease runs leaves
    // it to the holder (on AWS the crashed command comes back after the queue's 120 s visibility
    // timeout, past the 60 s lease; here the suite's local cloud retries after 1 s). A crash after
    // the Publish leaves it QUEUED though texted. Either way QueuedSmsSweep sends it again (QueuedSms).
    // The sweep is run here as its schedule would run it, each run dated past the last one's
    // re-sends, once every lease of a message still QUEUED is over (real time: the sender checks
    // leases against its own clock), rather than waiting the minutes it takes; until nothing of the
    // run is QUEUED, as on AWS, at most SWEEPS runs (a crash in a re-send waits for the next run).
    Map<String, Long> textedReplies = awaitTexted(replies, Duration.ofSeconds(60));
    int leftToTheSweep = (int) textedReplies.values().stream().filter(n -> n == 0).count();
    int sweeps = 0;
    List<Map<String, AttributeValue>> queued = queued(conversationOf.values());
    while (sweeps < SWEEPS && (!queued.isEmpty() || textedReplies.containsValue(0L) || !keywordRepliesTexted(texts, stop))) {
      sweeps++;
      awaitLeasesOver(queued);
      Http.Response swept = Http.post(LocalCloudProcess.endpoints().path("schedules").asText() + "/QueuedSmsSweep?time="
          + Instant.now().plus(RETRY_AFTER.multipliedBy(sweeps)), null, "");
      assertEquals(200, swept.status(), swept.body());
      System.out.println("chaos: sweep " + sweeps + ": " + swept.body());
      queued = awaitNothingQueued(conversationOf.values(), Duration.ofSeconds(120));
      textedReplies = awaitTexted(replies, Duration.ofSeconds(30));
      // the keyword replies (HELP answers, the STOP's confirmation) may be among what the sweep sent again
      awaitKeywordReplies(texts, stop, Duration.ofSeconds(30));
    }
    List<String> stillQueued = queued.stream().map(ChaosTest::describe).toList();
    Instant done = Instant.now();

    // ---- the figures
    long storedMessages = inboundMessagesStored(conversationOf.values(), texts);
    Map<String, Integer> itemsPerEvent = centerItemsPerEvent(conversationOf.values());
    long doubleItems = itemsPerEvent.values().stream().filter(n -> n > 1).count();
    List<JsonNode> outbox = outbox();
    long helpAnswers = 0;
    for (Text help : texts.stream().filter(t -> t.body().equals("HELP")).toList()) {
      helpAnswers += outbox.stream().filter(e -> isHelpAnswer(e, help.from())).count();
    }
    long stopConfirmations = outbox.stream().filter(e -> isStopConfirmation(e, stop)).count();
    Instant stopStoredAt = storedAt(conversationOf.get(stop.from()), stop.carrierId());
    long afterStop = outbox.stream().filter(e -> e.path("to").asText().equals(stop.from())
        && !e.path("body").asText().equals(STOP_CONFIRMATION)
        && Instant.parse(e.path("sentAt").asText()).isAfter(stopStoredAt)).count();
    long repliesOnce = textedReplies.values().stream().filter(n -> n == 1).count();
    long repliesTwice = textedReplies.values().stream().filter(n -> n > 1).count();
    long replyDoubles = textedReplies.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
    Map<String, Integer> dlqsAfter = dlqs();
    JsonNode faultFigures = Faults.rules();
    long publishCrashes = 0;
    StringBuilder mix = new StringBuilder();
    for (JsonNode rule : faultFigures) {
      String name = rules.entrySet().stream().filter(e -> e.getValue().equals(rule.path("id").asText())).map(Map.Entry::getKey)
          .findFirst().orElse(rule.path("id").asText());
      mix.append(String.format("  %-32s share %.3f: %d of %d calls%n", name, rule.path("share").asDouble(),
          rule.path("injected").asLong(), rule.path("matched").asLong()));
      if (name.equals("crash SmsSender after Publish")) {
        publishCrashes = rule.path("injected").asLong();
      }
    }
    Faults.clear();

    System.out.printf("""
        ==== chaos run %s: %d texts from %d numbers, each delivered %d times (%d HELP, 1 STOP), %d staff replies ====
        faults injected:
        %s\
        stored: %d of %d texts (exactly once each: %s)
        notification center items: %d events notified, %d with more than one item
        HELP answered: %d for %d HELPs; STOP confirmed: %d (a second answer only inside SmsSender's window)
        texted to the STOP number after its STOP was stored: %d
        staff replies: %d texted once, %d more than once (SmsSender crashes after Publish: %d), %d refused (unsubscribed), %d left to the sweep, API 5xx: %d
        the sweep: run %d times; still QUEUED: %s
        DLQs: before %s, after %s
        texts in: %d s; stored and replies texted: %d s in all
        """, RUN, TEXTS, NUMBERS, DELIVERIES, HELPS, replies.size(), mix, storedMessages, TEXTS, storedMessages == TEXTS,
        itemsPerEvent.size(), doubleItems, helpAnswers, HELPS, stopConfirmations, afterStop, repliesOnce, repliesTwice,
        publishCrashes, refusedUnsubscribed.get(), leftToTheSweep, api5xx.get(), sweeps, stillQueued, dlqsBefore, dlqsAfter,
        Duration.between(started, stored).toSeconds(), Duration.between(started, done).toSeconds());

    assertEquals(TEXTS, storedMessages, "every text stored exactly once");
    assertEquals(TEXTS, itemsPerEvent.size(), "every stored message notified Bruno");
    assertEquals(0, doubleItems, "one center item per notified message");
    // a keyword's reply is stored once, with the keyword, and texted by SmsSender: a second text only
    // inside its window, counted with the replies'
    assertTrue(helpAnswers >= HELPS, "every HELP answered");
    assertTrue(stopConfirmations >= 1, "the STOP confirmed");
    assertEquals(0, afterStop, "nothing texted to the number after its STOP was stored");
    assertEquals(replies.size(), repliesOnce + repliesTwice, "every staff reply texted");
    long secondTexts = replyDoubles + (helpAnswers - HELPS) + (stopConfirmations - 1);
    assertTrue(secondTexts <= publishCrashes,
        "a second text only inside SmsSender's window (a crash after Publish): " + secondTexts + " for " + publishCrashes);
    assertEquals(dlqsBefore, dlqsAfter, "no message in any DLQ");
  }

  /** TEXTS texts from NUMBERS numbers, round robin; HELP from the first HELPS numbers, a STOP from the last, half way. */
  private static List<Text> texts() {
    List<Text> texts = new ArrayList<>();
    for (int i = 0; i < TEXTS; i++) {
      int n = i % NUMBERS;
      String body = "Chaos " + RUN + " text " + i;
      if (i >= NUMBERS && i < NUMBERS + HELPS) {
        body = "HELP";
      } else if (i == TEXTS / 2 + (NUMBERS - 1 - (TEXTS / 2) % NUMBERS)) {
        body = "STOP";
      }
      texts.add(new Text(i, number(n), body, "chaos-" + RUN + "-" + i));
    }
    return texts;
  }

  private static void publish(Text text) {
    String payload = Http.json(Map.of("originationNumber", text.from(), "destinationNumber",
        LocalCloudProcess.endpoints().path("companyNumber").asText(), "messageBody", text.body(),
        "inboundMessageId", text.carrierId(), "messageKeyword", "KEYWORD_000000000000"));
    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("carrier").path("raw").asText(), null, payload);
    assertEquals(202, response.status(), response.body());
  }

  /** Every text's marker once it is stored and announced. */
  private static Map<String, Map<String, AttributeValue>> awaitStored(List<Text> texts) {
    Map<String, Map<String, AttributeValue>> markers = new ConcurrentHashMap<>();
    try {
      Eventually.await(texts.size() + " texts stored and announced", Duration.ofSeconds(120L + 3L * texts.size()), () -> {
        for (Text text : texts) {
          if (!markers.containsKey(text.carrierId())) {
            Map<String, AttributeValue> marker = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + text.carrierId(), "INBOUND");
            if (marker == null || !marker.containsKey("eventSentAt")) {
              return false;
            }
            markers.put(text.carrierId(), marker);
          }
        }
        return true;
      });
    } catch (AssertionError late) {
      System.out.println("chaos: only " + markers.size() + " of " + texts.size() + " texts stored in time");
    }
    return markers;
  }

  /**
   * Posts a staff reply as Bruno with an Idempotency-Key, posted again with the same key after a 5xx
   * or when the client gives up first (under throttling the SDK's backoff can outlast the client's
   * 30 s, and the function goes on): stored and texted once whatever the attempts (decision 74).
   */
  private static int reply(String conversationId, String body, AtomicInteger api5xx) {
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
    for (int attempt = 1; ; attempt++) {
      Http.Response response;
      try {
        response = Http.post(api("/conversations/" + conversationId + "/messages"), Tokens.of("user1"),
            Http.json(Map.of("body", body)), key);
      } catch (IllegalStateException e) {
        if (!(e.getCause() instanceof HttpTimeoutException)) {
          throw e;
        }
        System.out.println("chaos: reply " + body + " timed out at the client; posted again with its key");
        assertTrue(attempt < 10, "reply " + body + " kept timing out");
        continue;
      }
      if (response.status() < 500) {
        return response.status();
      }
      api5xx.incrementAndGet();
      System.out.println("chaos: reply " + body + " answered " + response.status() + ": " + response.body());
      assertTrue(attempt < 10, "reply " + body + " kept failing: " + response.body());
    }
  }

  /** Waits until every reply (and every keyword reply) was texted; answers reply body -> times texted. */
  private static Map<String, Long> awaitTexted(Map<String, String> replies, Duration timeout) {
    Map<String, Long> texted = new HashMap<>();
    try {
      Eventually.await(replies.size() + " staff replies texted", timeout, () -> {
      List<JsonNode> outbox = outbox();
      texted.clear();
      for (String body : replies.keySet()) {
        texted.put(body, outbox.stream().filter(e -> e.path("body").asText().contains(body)).count());
      }
      return texted.values().stream().allMatch(n -> n >= 1);
      });
    } catch (AssertionError notYet) {
      // some are left: the caller decides
    }
    return texted;
  }

  /**
   * Waits until every HELP was answered and the STOP confirmed, as the carrier's outbox shows; on
   * timeout it returns, and the assertions say what is missing.
   */
  private static void awaitKeywordReplies(List<Text> texts, Text stop, Duration timeout) {
    try {
      Eventually.await("the keyword replies texted", timeout, () -> keywordRepliesTexted(texts, stop));
    } catch (AssertionError late) {
      System.out.println("chaos: keyword replies still missing after " + timeout.toSeconds() + " s");
    }
  }

  /** Whether the outbox holds an answer to every HELP and the STOP's confirmation. */
  private static boolean keywordRepliesTexted(List<Text> texts, Text stop) {
    List<JsonNode> outbox = outbox();
    return outbox.stream().anyMatch(e -> isStopConfirmation(e, stop)) && texts.stream().filter(t -> t.body().equals("HELP"))
        .allMatch(help -> outbox.stream().anyMatch(e -> isHelpAnswer(e, help.from())));
  }

  /** The run's outbound messages still QUEUED (a staff reply or a keyword reply not texted yet). */
  private static List<Map<String, AttributeValue>> queued(java.util.Collection<String> conversationIds) {
    List<Map<String, AttributeValue>> queued = new ArrayList<>();
    for (String conversationId : new java.util.LinkedHashSet<>(conversationIds)) {
      partition("A#" + DEALERSHIP + "#CONV#" + conversationId, "T#").stream()
          .filter(i -> i.containsKey("status") && i.get("status").s().equals("QUEUED")).forEach(queued::add);
    }
    return queued;
  }

  /**
   * Waits until no delivery holds any of these QUEUED messages (their leases, real time, are over),
   * so that the sweep's command may claim them; prints them.
   */
  private static void awaitLeasesOver(List<Map<String, AttributeValue>> queued) throws InterruptedException {
    Instant leasesOver = queued.stream().filter(i -> i.containsKey("sendLeaseUntil"))
        .map(i -> Instant.parse(i.get("sendLeaseUntil").s())).max(Instant::compareTo).orElse(Instant.EPOCH).plusSeconds(1);
    long wait = Math.max(0, Duration.between(Instant.now(), leasesOver).toMillis());
    System.out.println("chaos: still QUEUED before the sweep (" + wait / 1000 + " s until their leases are over): "
        + queued.stream().map(ChaosTest::describe).toList());
    Thread.sleep(wait);
  }

  /** Waits until no message of the run is QUEUED (what the sweep sent again, sent); answers those still QUEUED. */
  private static List<Map<String, AttributeValue>> awaitNothingQueued(java.util.Collection<String> conversationIds,
      Duration timeout) {
    try {
      Eventually.await("nothing QUEUED", timeout, () -> queued(conversationIds).isEmpty());
    } catch (AssertionError late) {
      // what is left: the next run of the sweep, or the figures
    }
    return queued(conversationIds);
  }

  /** A QUEUED message as the figures show it: its body's start, its lease, its place on the sweep's list. */
  private static String describe(Map<String, AttributeValue> message) {
    String body = message.containsKey("body") ? message.get("body").s() : "";
    return "\"" + body.substring(0, Math.min(24, body.length())) + "\" lease "
        + (message.containsKey("sendLeaseUntil") ? message.get("sendLeaseUntil").s() : "none")
        + " due " + (message.containsKey("GSI4SK") ? message.get("GSI4SK").s().split("#")[0] : "none");
  }

  /** An outbox entry that answers a HELP from {@code from} (the company's name starts it). */
  private static boolean isHelpAnswer(JsonNode entry, String from) {
    return entry.path("to").asText().equals(from) && entry.path("body").asText().startsWith("Maple Motors");
  }

  private static boolean isStopConfirmation(JsonNode entry, Text stop) {
    return entry.path("to").asText().equals(stop.from()) && entry.path("body").asText().equals(STOP_CONFIRMATION);
  }

  private static List<JsonNode> outbox() {
    List<JsonNode> entries = new ArrayList<>();
    Http.get(LocalCloudProcess.endpoints().path("carrier").path("outbox").asText(), null).json().forEach(entries::add);
    return entries;
  }

  /** Every item of a partition (all pages), read straight from the table. */
  private static List<Map<String, AttributeValue>> partition(String pk, String skPrefix) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder query = QueryRequest.builder().tableName(LocalAws.table()).consistentRead(true)
          .keyConditionExpression("PK = :pk AND begins_with(SK, :sk)")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":sk", AttributeValue.fromS(skPrefix)));
      if (start != null) {
        query.exclusiveStartKey(start);
      }
      var page = LocalAws.dynamoDb().query(query.build());
      items.addAll(page.items());
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    return items;
  }

  /** Inbound messages of the run in the numbers' conversations, each counted as often as it is in a timeline. */
  private static long inboundMessagesStored(Iterable<String> conversationIds, List<Text> texts) {
    java.util.Set<String> carrierIds = new java.util.HashSet<>();
    texts.forEach(t -> carrierIds.add(t.carrierId()));
    long count = 0;
    for (String conversationId : new java.util.LinkedHashSet<String>((java.util.Collection<String>) conversationIds)) {
      for (Map<String, AttributeValue> item : partition("A#" + DEALERSHIP + "#CONV#" + conversationId, "T#")) {
        AttributeValue carrierId = item.get("carrierMessageId");
        if (carrierId != null && carrierIds.contains(carrierId.s())) {
          count++;
        }
      }
    }
    return count;
  }

  /** Bruno's center items about the numbers' conversations, counted per event. */
  private static Map<String, Integer> centerItemsPerEvent(java.util.Collection<String> conversationIds) {
    Map<String, Integer> perEvent = new HashMap<>();
    for (Map<String, AttributeValue> item : partition("A#" + DEALERSHIP + "#U#" + BRUNO + "#NOTIFICATIONS", "N#")) {
      AttributeValue conversation = item.get("conversationId");
      AttributeValue type = item.get("eventType");
      if (conversation != null && conversationIds.contains(conversation.s()) && type != null
          && type.s().equals("message.received")) {
        // derived from the conversation event's id: two items for one event would be a double
        perEvent.merge(item.get("eventId").s(), 1, Integer::sum);
      }
    }
    return perEvent;
  }

  /** When the message with this carrier id was stored (its timeline item's createdAt, else receivedAt). */
  private static Instant storedAt(String conversationId, String carrierId) {
    for (Map<String, AttributeValue> item : partition("A#" + DEALERSHIP + "#CONV#" + conversationId, "T#")) {
      if (item.containsKey("carrierMessageId") && item.get("carrierMessageId").s().equals(carrierId)) {
        AttributeValue at = item.getOrDefault("createdAt", item.get("receivedAt"));
        return Instant.parse(at.s());
      }
    }
    throw new AssertionError("message " + carrierId + " is not in conversation " + conversationId);
  }

  /** Visible messages in each DLQ of the template. */
  private static Map<String, Integer> dlqs() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (JsonNode queue : Http.get(LocalCloudProcess.endpoints().path("queues").asText(), null).json()) {
      if (queue.path("logicalId").asText().endsWith("DLQ")) {
        counts.put(queue.path("logicalId").asText(), queue.path("visible").asInt());
      }
    }
    return counts;
  }
}
