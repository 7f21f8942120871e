package com.textinbox.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

/** Receipts against DynamoDB Local over HTTP, in End User Messaging's event format inside SNS envelopes. */
class DeliveryReceiptsHandlerTest {
  private static final String TABLE = "textinbox-receipts-test";
  private static final String ACCOUNT = "acct-maple-motors";
  private static DynamoDbLocalServer server;
  private static DynamoDbClient dynamoDb;
  private final DeliveryReceiptsHandler handler = new DeliveryReceiptsHandler(dynamoDb, TABLE,
      Clock.fixed(Instant.parse("2026-03-02T15:00:05Z"), ZoneOffset.UTC));

  @BeforeAll
  static void table() {
    server = DynamoDbLocalServer.start();
    dynamoDb = server.client();
    server.createInboxTable(TABLE);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private record Sent(String carrierId, Map<String, AttributeValue> key) {}

  /** A SENT message and its CARRIERMSG look-up. */
  private static Sent sent() {
    String conversationId = "conv-" + UUID.randomUUID();
    String messageId = "msg-" + UUID.randomUUID();
    String carrierId = UUID.randomUUID().toString();
    String timelineSk = Keys.timelineSk("2026-03-02T15:00:00.000Z", messageId);
    put(Keys.conversation(ACCOUNT, conversationId), timelineSk, Map.of(Table.TYPE, s("Message"), "messageId", s(messageId),
        "status", s("SENT"), "carrierMessageId", s(carrierId)));
    put(Keys.outboundCarrierMessage(carrierId), Keys.OUTBOUND_CARRIER_SK, Map.of("accountId", s(ACCOUNT),
        "conversationId", s(conversationId), "timelineSk", s(timelineSk), "messageId", s(messageId)));
    return new Sent(carrierId, Map.of(Table.PK, s(Keys.conversation(ACCOUNT, conversationId)), Table.SK, s(timelineSk)));
  }

  private static String receipt(String carrierId, String eventType, String status, String description) {
    ObjectNode event = Json.object();
    event.put("eventType", eventType);
    event.put("eventVersion", "1.0");
    event.put("eventTimestamp", Instant.parse("2026-03-02T15:00:03Z").toEpochMilli());
    event.put("isFinal", true);
    event.put("messageId", carrierId);
    event.put("messageStatus", status);
    event.put("messageStatusDescription", description);
    ObjectNode envelope = Json.object();
    envelope.put("Type", "Notification");
    envelope.put("MessageId", UUID.randomUUID().toString());
    envelope.put("TopicArn", "arn:aws:sns:us-east-1:000000000000:textinbox-dev-carrier-events");
    envelope.put("Message", Json.write(event));
    envelope.put("Timestamp", "2026-03-02T15:00:03.100Z");
    return Json.write(envelope);
  }

  private List<String> deliver(String... bodies) {
    return deliverReceived(1, bodies);
  }

  /** The bodies as SQS records received {@code receiveCount} times. */
  private List<String> deliverReceived(int receiveCount, String... bodies) {
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    for (String body : bodies) {
      ObjectNode record = records.addObject();
      record.put("messageId", UUID.randomUUID().toString());
      record.put("body", body);
      record.putObject("attributes").put("ApproximateReceiveCount", Integer.toString(receiveCount));
    }
    return handler.processBatch(event);
  }

  private static Map<String, AttributeValue> message(Sent sent) {
    return dynamoDb.getItem(b -> b.tableName(TABLE).consistentRead(true).key(sent.key())).item();
  }

  @Test
  void deliveredThenALateFailureChangesNothing() {
    Sent sent = sent();
    SortedMap<String, Integer> requests = RequestCounter.during(() ->
        assertEquals(List.of(), deliver(receipt(sent.carrierId(), "TEXT_DELIVERED", "DELIVERED", "Delivered to the handset"))));
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1, "DynamoDb.UpdateItem", 1,
        "DynamoDb.UpdateItem.attempts", 1), requests);
    System.out.println("DeliveryReceipts, one receipt: " + requests);
    Map<String, AttributeValue> message = message(sent);
    assertEquals("DELIVERED", message.get("status").s());
    assertEquals("2026-03-02T15:00:03.000Z", message.get("deliveredAt").s());

    // repeated, and a late contradicting event: the final status stays
    assertEquals(List.of(), deliver(receipt(sent.carrierId(), "TEXT_DELIVERED", "DELIVERED", "again"),
        receipt(sent.carrierId(), "TEXT_UNREACHABLE", "UNREACHABLE", "late")));
    assertEquals("DELIVERED", message(sent).get("status").s());
    assertNull(message(sent).get("failureReason"));
  }

  @Test
  void failuresGetAReasonAPersonUnderstands() {
    Map<String, String> reasons = Map.of("TEXT_UNREACHABLE", "landline", "TEXT_INVALID", "invalid_number",
        "TEXT_CARRIER_UNREACHABLE", "number_deactivated", "TEXT_CARRIER_BLOCKED", "blocked", "TEXT_UNKNOWN", "unknown");
    reasons.forEach((type, reason) -> {
      Sent sent = sent();
      assertEquals(List.of(), deliver(receipt(sent.carrierId(), type, "X", "carrier says")));
      Map<String, AttributeValue> message = message(sent);
      assertEquals("FAILED", message.get("status").s(), type);
      assertEquals(reason, message.get("failureReason").s(), type);
      assertEquals("carrier says", message.get("carrierStatusDescription").s());
    });
  }

  @Test
  void anIdNotRecordedYetIsRetriedANonFinalEventChangesNothingAndAMalformedOneFails() {
    // not recorded (yet): the receipt may have overtaken the sender, so it fails and SQS retries it
    assertEquals(1, deliver(receipt("not-recorded-yet", "TEXT_DELIVERED", "DELIVERED", "x")).size());
    assertEquals(1, deliverReceived(DeliveryReceiptsHandler.GIVE_UP_AT - 1, receipt("not-recorded-yet", "TEXT_DELIVERED", "DELIVERED", "x")).size());
    // found by the chaos run: the receipt of a text sent in SmsSender's crash window is never matched;
    // skipped from the GIVE_UP_AT-th receive rather than sent to the DLQ (whose alarm means something is lost)
    assertEquals(List.of(), deliverReceived(DeliveryReceiptsHandler.GIVE_UP_AT, receipt("never-recorded", "TEXT_DELIVERED", "DELIVERED", "x")));
    Sent sent = sent();
    assertEquals(List.of(), deliver(receipt(sent.carrierId(), "TEXT_PENDING", "PENDING", "x")));
    assertEquals("SENT", message(sent).get("status").s());
    assertEquals(3, deliver("not json", "{\"eventType\":\"TEXT_DELIVERED\"}", "[1,2]").size());
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
