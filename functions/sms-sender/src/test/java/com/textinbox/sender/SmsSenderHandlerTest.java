package com.textinbox.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
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
      });

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
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    for (String body : bodies) {
      ObjectNode record = records.addObject();
      record.put("messageId", UUID.randomUUID().toString());
      record.put("body", body);
      record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:textinbox-dev-send-sms");
    }
    return handler.processBatch(event);
  }

  private static Map<String, AttributeValue> message(JsonNode command) {
    return item(Keys.conversation(ACCOUNT, command.path("conversationId").asText()), command.path("timelineSk").asText());
  }

  @Test
  void textsOnceFromTheCompanyNumberAndRecordsTheCarrierId() {
    long sentBefore = sentIn("2026-03");
    ObjectNode command = queued(null);
    SortedMap<String, Integer> requests = RequestCounter.during(() -> assertEquals(List.of(), deliver(Json.write(command))));
    // the message claimed (UpdateItem, returns it); profile, account; one transaction (message SENT + CARRIERMSG look-up)
    assertEquals(1, requests.get("DynamoDb.UpdateItem"), requests.toString());
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
    // decision 63: the account (its number) is kept for a minute; the profile is read each time (a STOP applies at once)
    assertEquals(Map.of("DynamoDb.UpdateItem", 1, "DynamoDb.GetItem", 1, "DynamoDb.TransactWriteItems", 1),
        Map.of("DynamoDb.UpdateItem", requests.get("DynamoDb.UpdateItem"), "DynamoDb.GetItem", requests.get("DynamoDb.GetItem"),
            "DynamoDb.TransactWriteItems", requests.get("DynamoDb.TransactWriteItems")), "the claim, the profile, SENT: " + requests);
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
        });
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
}
