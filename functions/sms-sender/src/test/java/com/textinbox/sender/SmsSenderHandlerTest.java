package com.textinbox.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.messaging.SendRate;
import com.textinbox.shared.messaging.SendSmsCommand;
import com.textinbox.shared.sqs.MalformedMessage;
import com.textinbox.shared.testing.MovingClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sender against DynamoDB Local over HTTP, with a fake carrier gateway. */
class SmsSenderHandlerTest {
  private static final String TABLE = "textinbox-sender-test";
  private static final String ACCOUNT = "acct-maple-motors";
  private static final String COMPANY = "+15145550100";
  private static DynamoDbLocalServer server;
  private static DynamoDbClient dynamoDb;

  private record Sent(String from, String to, String text) {}

  private final List<Sent> sent = new ArrayList<>();
  private final SmsSenderHandler handler = new SmsSenderHandler(dynamoDb, TABLE,
      Clock.fixed(Instant.parse("2026-03-02T15:00:01Z"), ZoneOffset.UTC), (from, to, text) -> {
        sent.add(new Sent(from, to, text));
        return "carrier-" + UUID.randomUUID();
      }, FAST, (command, delay) -> {
        throw new AssertionError("nothing is put back at this rate");
      }, millis -> {});

  /** A rate no test here reaches with its fixed clock (SmsSenderPacingTest tests the line). */
  static final SendRate FAST = new SendRate(1000);

  @BeforeAll
  static void table() {
    server = DynamoDbLocalServer.start();
    dynamoDb = server.client();
    server.createInboxTable(TABLE);
    put(Keys.account(ACCOUNT), Keys.ACCOUNT_SK, Map.of(Table.TYPE, s("Account"), "number", s(COMPANY)));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A customer, and a QUEUED message to them; returns the command. */
  private static ObjectNode queued(Boolean subscribed) {
    String customerId = "cust-" + UUID.randomUUID();
    String conversationId = "conv-" + UUID.randomUUID();
    String messageId = "msg-" + UUID.randomUUID();
    Map<String, AttributeValue> profile = new HashMap<>(Map.of(Table.TYPE, s("Customer"), "mobile", s("+15145550112")));
    if (subscribed != null) {
      profile.put("subscribed", AttributeValue.fromBool(subscribed));
    }
    put(Keys.customer(ACCOUNT, customerId), Keys.PROFILE_SK, profile);
    String timelineSk = Keys.timelineSk("2026-03-02T15:00:00.000Z", messageId);
    put(Keys.conversation(ACCOUNT, conversationId), timelineSk, Map.of(Table.TYPE, s("Message"), "messageId", s(messageId),
        "conversationId", s(conversationId), "customerId", s(customerId), "direction", s("OUTBOUND"), "status", s("QUEUED"), "smsText", s("Chloé: Ready!")));
    ObjectNode command = Json.object();
    command.put("accountId", ACCOUNT);
    command.put("conversationId", conversationId);
    command.put("timelineSk", timelineSk);
    command.put("messageId", messageId);
    return command;
  }

  private List<String> deliver(String... bodies) {
    return handler.processBatch(batch(bodies));
  }

  /** An SQS event of SendSmsQueue with these bodies. */
  private static ObjectNode batch(String... bodies) {
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    for (String body : bodies) {
      ObjectNode record = records.addObject();
      record.put("messageId", UUID.randomUUID().toString());
      record.put("body", body);
      record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:textinbox-dev-send-sms");
    }
    return event;
  }

  private static Map<String, AttributeValue> message(JsonNode command) {
    return item(Keys.conversation(ACCOUNT, command.path("conversationId").asText()), command.path("timelineSk").asText());
  }

  @Test
  void textsOnceFromTheCompanyNumberAndRecordsTheCarrierId() {
    long sentBefore = sentIn("2026-03");
    ObjectNode command = queued(null);
    dynamoDb.deleteItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, s(Keys.sendRate(COMPANY)), Table.SK, s(Keys.SEND_RATE_SK))));
    SortedMap<String, Integer> requests = RequestCounter.during(() -> assertEquals(List.of(), deliver(Json.write(command))));
    // account (its number); the text's place in the number's send line (UpdateItem, decision 61); the message
    // claimed (UpdateItem, returns it); profile; one transaction (message SENT + CARRIERMSG look-up)
    assertEquals(2, requests.get("DynamoDb.UpdateItem"), requests.toString());
    assertEquals(2, requests.get("DynamoDb.GetItem"), requests.toString());
    assertEquals(1, requests.get("DynamoDb.TransactWriteItems"), requests.toString());
    System.out.println("SmsSender, one send: " + requests);
    assertEquals(List.of(new Sent(COMPANY, "+15145550112", "Chloé: Ready!")), sent);

    Map<String, AttributeValue> message = message(command);
    assertEquals("SENT", message.get("status").s());
    assertEquals("2026-03-02T15:00:01.000Z", message.get("sentAt").s());
    String carrierId = message.get("carrierMessageId").s();
    Map<String, AttributeValue> lookUp = item(Keys.outboundCarrierMessage(carrierId), Keys.OUTBOUND_CARRIER_SK);
    assertEquals(ACCOUNT, lookUp.get("accountId").s());
    assertEquals(command.path("conversationId").asText(), lookUp.get("conversationId").s());
    assertEquals(command.path("timelineSk").asText(), lookUp.get("timelineSk").s());
    assertNull(message.get("GSI4PK"), "off the sweep's list once sent");
    assertNull(message.get("sendLeaseUntil"));

    // the same command again (at-least-once delivery): nothing texted
    assertEquals(List.of(), deliver(Json.write(command)));
    assertEquals(1, sent.size(), "texted once");
    assertEquals(sentBefore + 1, sentIn("2026-03"), "counted once in the month's messagesSent (N4), in the SENT transaction");
  }

  @Test
  void aWarmContainerReadsTheCompanysNumberOnceAMinuteAndTheProfileEveryTime() {
    ObjectNode first = queued(null);
    assertEquals(List.of(), deliver(Json.write(first)));
    ObjectNode next = queued(null);
    SortedMap<String, Integer> requests = RequestCounter.during(() -> assertEquals(List.of(), deliver(Json.write(next))));
    // decision 63: the account (its number) is kept for a minute; the profile is read each time (a STOP applies at once);
    // decision 61: the text's place in the number's send line (UpdateItem) before the claim
    assertEquals(Map.of("DynamoDb.UpdateItem", 2, "DynamoDb.GetItem", 1, "DynamoDb.TransactWriteItems", 1),
        Map.of("DynamoDb.UpdateItem", requests.get("DynamoDb.UpdateItem"), "DynamoDb.GetItem", requests.get("DynamoDb.GetItem"),
            "DynamoDb.TransactWriteItems", requests.get("DynamoDb.TransactWriteItems")), "the place, the claim, the profile, SENT: " + requests);
    ObjectNode unsubscribed = queued(false);
    assertEquals(List.of(), deliver(Json.write(unsubscribed)));
    assertEquals(2, sent.size(), "the unsubscribed customer is never texted, in a warm container too");
  }

  @Test
  void aMessageNeverTextedIsNotCountedAsSent() {
    long sentBefore = sentIn("2026-03");
    ObjectNode command = queued(false);
    assertEquals(List.of(), deliver(Json.write(command)));
    assertEquals("FAILED", message(command).get("status").s());
    assertEquals(sentBefore, sentIn("2026-03"));
  }

  @Test
  void aConflictOnTheSentTransactionIsWrittenAgainNotTakenForSentElsewhere() {
    long sentBefore = sentIn("2026-03");
    ObjectNode command = queued(null);
    java.util.concurrent.atomic.AtomicInteger conflicts = new java.util.concurrent.atomic.AtomicInteger();
    // another transaction on the month's counters item at that moment: DynamoDB cancels this one once
    DynamoDbClient conflictingOnce = new DynamoDbClient() {
      @Override
      public software.amazon.awssdk.services.dynamodb.model.GetItemResponse getItem(
          software.amazon.awssdk.services.dynamodb.model.GetItemRequest request) {
        return dynamoDb.getItem(request);
      }

      @Override
      public software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse updateItem(
          software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest request) {
        return dynamoDb.updateItem(request);
      }

      @Override
      public software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse transactWriteItems(
          software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest request) {
        if (conflicts.getAndIncrement() == 0) {
          throw software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.builder().message("conflict")
              .cancellationReasons(request.transactItems().stream().map(item -> software.amazon.awssdk.services.dynamodb.model
                  .CancellationReason.builder().code(item.update() != null && item.update().key().get("SK").s().startsWith("STATS#")
                      ? "TransactionConflict" : "None").build()).toList()).build();
        }
        return dynamoDb.transactWriteItems(request);
      }

      @Override
      public String serviceName() {
        return dynamoDb.serviceName();
      }

      @Override
      public void close() {}
    };
    SmsSenderHandler sender = new SmsSenderHandler(conflictingOnce, TABLE,
        Clock.fixed(Instant.parse("2026-03-02T15:00:01Z"), ZoneOffset.UTC), (from, to, text) -> {
          sent.add(new Sent(from, to, text));
          return "carrier-" + UUID.randomUUID();
        }, FAST, (c, delay) -> {
          throw new AssertionError("nothing is put back");
        }, millis -> {});
    ObjectNode event = Json.object();
    ObjectNode record = event.putArray("Records").addObject();
    record.put("messageId", UUID.randomUUID().toString());
    record.put("body", Json.write(command));
    record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:textinbox-dev-send-sms");
    assertEquals(List.of(), sender.processBatch(event));
    assertEquals(2, conflicts.get(), "written again after the conflict");
    assertEquals("SENT", message(command).get("status").s());
    assertEquals(sentBefore + 1, sentIn("2026-03"));
    assertEquals(1, sent.size());
  }

  private static long sentIn(String month) {
    Map<String, AttributeValue> stats = item(Keys.account(ACCOUNT), Keys.statsSk(month));
    return stats == null || !stats.containsKey("messagesSent") ? 0 : Long.parseLong(stats.get("messagesSent").n());
  }

  @Test
  void aStopThatArrivedMeanwhileMeansNeverTexted() {
    ObjectNode command = queued(false);
    assertEquals(List.of(), deliver(Json.write(command)));
    assertTrue(sent.isEmpty());
    Map<String, AttributeValue> message = message(command);
    assertEquals("FAILED", message.get("status").s());
    assertEquals("unsubscribed", message.get("failureReason").s());
    assertNull(message.get("carrierMessageId"));
  }

  /** A keyword's automatic reply, as InboundSms stores it, with its compliance entry; returns the command. */
  private static ObjectNode keywordReply(boolean subscribed, String keyword) {
    ObjectNode command = queued(subscribed);
    String entrySk = Keys.timelineSk("2026-03-02T14:59:59.001Z", "msg-in-compliance");
    put(Keys.conversation(ACCOUNT, command.path("conversationId").asText()), entrySk, Map.of(Table.TYPE, s("ComplianceEvent"),
        "event", s("unsubscribed"), "reply", s("PENDING")));
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, s(Keys.conversation(ACCOUNT, command.path("conversationId").asText())),
            Table.SK, s(command.path("timelineSk").asText())))
        .updateExpression("SET complianceReply = :k, complianceEventSk = :e, smsText = :t, createdAt = :c")
        .expressionAttributeValues(Map.of(":k", s(keyword), ":e", s(entrySk), ":t", s("Maple Motors: reply"),
            ":c", s("2026-03-02T15:00:00.000Z"))));
    command.put("entrySk", entrySk);
    return command;
  }

  private static Map<String, AttributeValue> entry(ObjectNode command) {
    return item(Keys.conversation(ACCOUNT, command.path("conversationId").asText()), command.path("entrySk").asText());
  }

  @Test
  void theConfirmationOfAStopIsTextedAlthoughTheCustomerIsUnsubscribed() {
    ObjectNode command = keywordReply(false, "STOP");
    assertEquals(List.of(), deliver(Json.write(command)));
    assertEquals(List.of(new Sent(COMPANY, "+15145550112", "Maple Motors: reply")), sent);
    assertEquals("SENT", message(command).get("status").s());
    assertEquals("SENT", entry(command).get("reply").s(), "the compliance entry shows the reply went");
  }

  @Test
  void anyOtherReplyToAnUnsubscribedCustomerIsRefusedAndTheEntrySaysSo() {
    ObjectNode command = keywordReply(false, "HELP");
    assertEquals(List.of(), deliver(Json.write(command)));
    assertTrue(sent.isEmpty());
    assertEquals("FAILED", message(command).get("status").s());
    Map<String, AttributeValue> entry = entry(command);
    assertEquals("FAILED", entry.get("reply").s());
    assertEquals("unsubscribed", entry.get("replyFailureReason").s());
  }

  @Test
  void aMessageOlderThanADayIsNeverTexted() {
    ObjectNode command = queued(true);
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, s(Keys.conversation(ACCOUNT, command.path("conversationId").asText())),
            Table.SK, s(command.path("timelineSk").asText())))
        .updateExpression("SET createdAt = :c").expressionAttributeValues(Map.of(":c", s("2026-03-01T14:59:00.000Z"))));
    assertEquals(List.of(), deliver(Json.write(command)));
    assertTrue(sent.isEmpty());
    assertEquals("expired", message(command).get("failureReason").s());
  }

  @Test
  void aCopyOfTheCommandArrivingWhileAnotherTextsTheMessageLeavesItToThatOne() {
    ObjectNode command = queued(true);
    // another delivery holds the message until after this handler's clock
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, s(Keys.conversation(ACCOUNT, command.path("conversationId").asText())),
            Table.SK, s(command.path("timelineSk").asText())))
        .updateExpression("SET sendLeaseUntil = :u").expressionAttributeValues(Map.of(":u", s("2026-03-02T15:00:30.000Z"))));
    assertEquals(List.of(), deliver(Json.write(command)));
    assertTrue(sent.isEmpty(), "not texted a second time");
    assertEquals("QUEUED", message(command).get("status").s());
    // an expired lease (that delivery crashed): texted
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, s(Keys.conversation(ACCOUNT, command.path("conversationId").asText())),
            Table.SK, s(command.path("timelineSk").asText())))
        .updateExpression("SET sendLeaseUntil = :u").expressionAttributeValues(Map.of(":u", s("2026-03-02T14:59:00.000Z"))));
    assertEquals(List.of(), deliver(Json.write(command)));
    assertEquals(1, sent.size());
    assertEquals(1, Integer.parseInt(message(command).get("sendAttempts").n()), "the refused copy claimed nothing");
  }

  @Test
  void aCommandWithoutItsMessageFails() {
    assertEquals(2, deliver("{\"accountId\":\"" + ACCOUNT + "\",\"conversationId\":\"conv-x\",\"timelineSk\":\"T#x\",\"messageId\":\"msg-x\"}",
        "not json").size());
    assertTrue(sent.isEmpty());
  }

  /** Not a command (not JSON, a field missing): the shared MalformedMessage, its record failed for the DLQ, nothing read. */
  @Test
  void aMessageThatIsNoCommandIsMalformedAndFailsItsRecordOnly() {
    ObjectNode command = queued(true);
    ObjectNode withoutId = command.deepCopy();
    withoutId.remove("messageId");
    assertThrows(MalformedMessage.class, () -> SendSmsCommand.parse("not json"));
    assertThrows(MalformedMessage.class, () -> SendSmsCommand.parse(Json.write(withoutId)));

    ObjectNode event = batch(Json.write(withoutId), "[1]");
    SortedMap<String, Integer> requests = RequestCounter.during(() -> assertEquals(
        List.of(event.path("Records").get(0).path("messageId").asText(), event.path("Records").get(1).path("messageId").asText()),
        handler.processBatch(event)));
    assertEquals(Map.of(), requests(requests), requests.toString());
    assertEquals(List.of(), deliver(Json.write(command)), "the sender goes on with the next command");
    assertEquals(1, sent.size());
  }

  // ---- the send line (decision 61)

  private record Deferred(SendSmsCommand command, int delaySeconds) {}

  private final List<Deferred> deferred = new ArrayList<>();
  private final List<Long> waits = new ArrayList<>();

  /** A sender at {@code rate} on a clock of its own that its waits do not move (so that the line fills). */
  private SmsSenderHandler pacedSender(MovingClock clock, SendRate rate, SmsGateway gateway) {
    return new SmsSenderHandler(dynamoDb, TABLE, clock, gateway, rate,
        (command, delay) -> deferred.add(new Deferred(command, delay)), waits::add);
  }

  private SmsGateway carrier() {
    return (from, to, text) -> {
      sent.add(new Sent(from, to, text));
      return "carrier-" + UUID.randomUUID();
    };
  }

  private static List<String> deliverTo(SmsSenderHandler sender, String... bodies) {
    return new ArrayList<>(sender.processBatch(batch(bodies)));
  }

  /** The requests by name, without the SDK's attempt counts. */
  private static Map<String, Integer> requests(SortedMap<String, Integer> counted) {
    Map<String, Integer> requests = new HashMap<>(counted);
    requests.keySet().removeIf(name -> name.endsWith(".attempts"));
    return requests;
  }

  /** Every test starts with the company number's line empty (the clocks here stand still). */
  @AfterEach
  void emptyLineAfter() {
    emptyLine();
  }

  private static void emptyLine() {
    dynamoDb.deleteItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, s(Keys.sendRate(COMPANY)), Table.SK, s(Keys.SEND_RATE_SK))));
  }

  @Test
  void aBurstTakesPlacesOneIntervalApartWaitsForTheNearOnesAndPutsTheOthersBackWithTheirPlace() {
    emptyLine();
    MovingClock clock = new MovingClock(Instant.parse("2026-03-02T15:00:01Z"));
    SmsSenderHandler sender = pacedSender(clock, new SendRate(2), carrier());
    List<ObjectNode> burst = List.of(queued(true), queued(true), queued(true), queued(true), queued(true));
    long t0 = clock.millis();

    SortedMap<String, Integer> requests = RequestCounter.during(() -> assertEquals(List.of(),
        deliverTo(sender, burst.stream().map(Json::write).toArray(String[]::new))));

    // places t0, +500, +1000 (waited for: at most a second), +1500 and +2000 (put back)
    assertEquals(3, sent.size());
    assertEquals(List.of(500L, 1000L), waits);
    assertEquals(2, deferred.size());
    assertEquals(t0 + 1500, deferred.get(0).command().placeAt());
    assertEquals(t0 + 2000, deferred.get(1).command().placeAt());
    assertEquals(List.of(2, 2), deferred.stream().map(Deferred::delaySeconds).toList(), "back when its place comes");
    assertEquals(1, deferred.get(0).command().deferrals());
    assertEquals("QUEUED", message(burst.get(3)).get("status").s());
    assertEquals(Keys.queuedSmsDue("2026-03-02T15:05:02.500Z", burst.get(3).path("messageId").asText()),
        message(burst.get(3)).get("GSI4SK").s(), "the sweep looks at it only after its place (no copy of a waiting command)");
    // the account read once (then kept, decision 63); per text the place taken (5); per text sent: claim, profile,
    // SENT (3 x 3); per text put back: the sweep's look moved (2)
    assertEquals(Map.of("DynamoDb.GetItem", 4, "DynamoDb.TransactWriteItems", 3, "DynamoDb.UpdateItem", 10),
        requests(requests), requests.toString());

    // back at their place: texted with the place they hold (no new one), as many requests as before decision 61
    // (the account still kept: the profiles, the claims, SENT)
    clock.set(Instant.ofEpochMilli(t0 + 2000));
    List<Deferred> back = List.copyOf(deferred);
    deferred.clear();
    SortedMap<String, Integer> second = RequestCounter.during(() -> assertEquals(List.of(),
        deliverTo(sender, back.stream().map(d -> d.command().json()).toArray(String[]::new))));
    assertEquals(5, sent.size());
    assertTrue(deferred.isEmpty());
    assertEquals("SENT", message(burst.get(4)).get("status").s());
    assertEquals(Map.of("DynamoDb.GetItem", 2, "DynamoDb.TransactWriteItems", 2, "DynamoDb.UpdateItem", 2),
        requests(second), second.toString());
    System.out.println("SmsSender, a burst of 5 at 2/s: first pass " + requests + ", the 2 put back " + second);
  }

  /**
   * One invocation sleeps at most {@link SendRate#BATCH_WAIT_BUDGET} for places, whatever its texts;
   * the handler instance is kept across invocations, and the next invocation has the whole budget again.
   */
  @Test
  void anInvocationWaitsAtMostItsBudgetAndTheNextInvocationOfTheSameHandlerHasItAgain() {
    emptyLine();
    MovingClock clock = new MovingClock(Instant.parse("2026-03-02T15:00:01Z"));
    SmsSenderHandler sender = new SmsSenderHandler(dynamoDb, TABLE, clock, carrier(), new SendRate(2),
        (command, delay) -> deferred.add(new Deferred(command, delay)), millis -> {
          waits.add(millis);
          clock.advance(java.time.Duration.ofMillis(millis));   // a wait moves the clock: the line's places come one by one
        });
    List<ObjectNode> burst = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      burst.add(queued(true));
    }

    assertEquals(List.of(), deliverTo(sender, burst.stream().map(Json::write).toArray(String[]::new)));
    // places 500 ms apart: 10 waits of 500 ms fill the 5 s budget; the 12th text's place is put back
    assertEquals(11, sent.size());
    assertEquals(SendRate.BATCH_WAIT_BUDGET.toMillis(), waits.stream().mapToLong(Long::longValue).sum());
    assertEquals(1, deferred.size());

    // the next invocation, on the same handler: its text's place is 1 s away, within a fresh budget
    waits.clear();
    assertEquals(List.of(), deliverTo(sender, Json.write(queued(true))));
    assertEquals(12, sent.size());
    assertEquals(List.of(1000L), waits);
    assertEquals(1, deferred.size(), "nothing more put back");
  }

  @Test
  void aPlaceComingBackTooLateIsGivenUpForANewOne() {
    emptyLine();
    MovingClock clock = new MovingClock(Instant.parse("2026-03-02T15:00:01Z"));
    SmsSenderHandler sender = pacedSender(clock, new SendRate(2), carrier());
    ObjectNode command = queued(true);
    long late = clock.millis() - SendRate.LATE.toMillis() - 1;
    SendSmsCommand held = SendSmsCommand.parse(Json.write(command)).deferred(late);
    assertEquals(List.of(), deliverTo(sender, held.json()));
    assertEquals(1, sent.size());
    Map<String, AttributeValue> line = item(Keys.sendRate(COMPANY), Keys.SEND_RATE_SK);
    assertEquals(clock.millis() + 500, Long.parseLong(line.get("nextSendAt").n()), "a new place was taken");
  }

  @Test
  void aThrottledTextGivesItsLeaseBackAndComesBackLaterAsANewMessageNeverAFailure() {
    emptyLine();
    MovingClock clock = new MovingClock(Instant.parse("2026-03-02T15:00:01Z"));
    SmsSenderHandler throttled = pacedSender(clock, new SendRate(2), (from, to, text) -> {
      throw new SmsGateway.Throttled("SNS throttled the text: Throttling", null);
    });
    ObjectNode command = queued(true);
    SortedMap<String, Integer> requests = RequestCounter.during(() ->
        assertEquals(List.of(), deliverTo(throttled, Json.write(command)), "not a batch failure: no receive burnt"));
    assertTrue(sent.isEmpty());
    assertEquals(1, deferred.size());
    Deferred again = deferred.get(0);
    assertNull(again.command().placeAt(), "takes a new place when it comes back");
    assertEquals(1, again.command().deferrals());
    assertTrue(again.delaySeconds() >= 1 && again.delaySeconds() <= 2, "1 s (+ jitter) the first time: " + again.delaySeconds());
    Map<String, AttributeValue> message = message(command);
    assertEquals("QUEUED", message.get("status").s());
    assertNull(message.get("sendLeaseUntil"), "its lease given back");
    // account, place, claim, profile, then the lease given back (one UpdateItem)
    assertEquals(Map.of("DynamoDb.GetItem", 2, "DynamoDb.UpdateItem", 3), requests(requests), requests.toString());

    clock.advance(java.time.Duration.ofSeconds(again.delaySeconds()));
    deferred.clear();
    SmsSenderHandler sender = pacedSender(clock, new SendRate(2), carrier());
    assertEquals(List.of(), deliverTo(sender, again.command().json()));
    assertEquals(1, sent.size(), "texted once");
    assertEquals("SENT", message(command).get("status").s());
    assertEquals(2, Integer.parseInt(message(command).get("sendAttempts").n()));
    assertEquals(List.of(), deliverTo(sender, again.command().json()));
    assertEquals(1, sent.size(), "a copy texts nothing more");
  }

  @Test
  void aCommandPutBackForAMessageSentMeanwhileIsDropped() {
    emptyLine();
    MovingClock clock = new MovingClock(Instant.parse("2026-03-02T15:00:01Z"));
    SmsSenderHandler sender = pacedSender(clock, new SendRate(0.25), carrier());
    ObjectNode first = queued(true);
    assertEquals(List.of(), deliverTo(sender, Json.write(first)));
    assertEquals(1, sent.size());
    // the next place is 4 s away: a copy of the command for the message already SENT is not put back
    assertEquals(List.of(), deliverTo(sender, Json.write(first)));
    assertTrue(deferred.isEmpty());
    assertEquals(1, sent.size());
  }

  private static Map<String, AttributeValue> item(String pk, String sk) {
    return dynamoDb.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(Table.PK, s(pk), Table.SK, s(sk)))).item();
  }

  private static void put(String pk, String sk, Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = new HashMap<>(attributes);
    item.put(Table.PK, s(pk));
    item.put(Table.SK, s(sk));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(item));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  /**
   * Priming (decision 72) reads only, of things that do not exist, and texts nothing: its SENT
   * transaction goes as far as signing and is stopped, so it is a call but never an attempt.
   */
  @Test
  void primingOnlyReadsAndTextsNothing() {
    SortedMap<String, Integer> requests = RequestCounter.during(handler::prime);
    assertEquals(List.of(), com.textinbox.shared.observability.Priming.notReads(requests), requests.toString());
    assertTrue(requests.containsKey("DynamoDb.GetItem.attempts"), "the profile's read: " + requests);
    assertTrue(requests.containsKey("DynamoDb.TransactWriteItems"), "the SENT transaction, stopped: " + requests);
    assertEquals(List.of(), sent);
  }
}
