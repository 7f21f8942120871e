package com.textinbox.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.testing.MovingClock;
import com.textinbox.shared.testing.RepositoryFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * events/inbound-sms/sqs-from-sns.json through the real handler, against DynamoDB Local over HTTP
 * with a client that counts its requests.
 */
class SampleEventTest {
  private static final String TABLE = "textinbox-test";
  private static final String CARRIER_ID = "8d2c5f3e-9a41-4b6e-b7d0-2e5f1a3c9b84";
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;
  private static byte[] event;
  private static final java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void table() throws Exception {
    event = Files.readAllBytes(RepositoryFiles.root().resolve("events/inbound-sms/sqs-from-sns.json"));
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable(TABLE);
    dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of(
        Table.PK, s(Keys.companyNumber("+15145550100")), Table.SK, s(Keys.COMPANY_NUMBER_SK),
        Table.TYPE, s("CompanyNumber"), "accountId", s("acct-maple-motors"))));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of(Table.PK, s(Keys.account("acct-maple-motors")), Table.SK,
        s(Keys.ACCOUNT_SK), Table.TYPE, s("Account"), "name", s("Maple Motors"), "number", s("+15145550100"))));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static JsonNode deliver(Instant at) throws IOException {
    return deliver(event, at);
  }

  private static JsonNode deliver(byte[] sqsEvent, Instant at) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new InboundSmsHandler(dynamoDb, TABLE, "US", Clock.fixed(at, ZoneOffset.UTC), (id, type, json) -> events.add(json), command -> { })
        .handleRequest(new ByteArrayInputStream(sqsEvent), out, null);
    return Json.mapper().readTree(out.toByteArray());
  }

  /** The DynamoDB requests one delivery of the event makes to a new handler (a cold container); it must succeed. */
  private static Map<String, Integer> requestsToDeliver(byte[] sqsEvent, Instant at) {
    return requestsToDeliver(newHandler(new MovingClock(at)), sqsEvent);
  }

  private static InboundSmsHandler newHandler(Clock clock) {
    return new InboundSmsHandler(dynamoDb, TABLE, "US", clock, (id, type, json) -> events.add(json), command -> { });
  }

  /** The DynamoDB requests one delivery makes to {@code handler} (warm when it handled others); it must succeed. */
  private static Map<String, Integer> requestsToDeliver(InboundSmsHandler handler, byte[] sqsEvent) {
    return RequestCounter.during(() -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        handler.handleRequest(new ByteArrayInputStream(sqsEvent), out, null);
        JsonNode response = Json.mapper().readTree(out.toByteArray());
        assertTrue(response.path("batchItemFailures").isEmpty(), response.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static Map<String, Integer> calls(Object... operationAndCount) {
    Map<String, Integer> expected = new java.util.TreeMap<>();
    for (int i = 0; i < operationAndCount.length; i += 2) {
      expected.put("DynamoDb." + operationAndCount[i], (Integer) operationAndCount[i + 1]);
      expected.put("DynamoDb." + operationAndCount[i] + ".attempts", (Integer) operationAndCount[i + 1]);
    }
    return expected;
  }

  /**
   * Pins the cost of one inbound SMS (docs/performance.md, "DynamoDB requests per operation", and
   * docs/data-model.md, "Inbound SMS"). A change that adds a request fails here.
   */
  @Test
  void theDynamoDbRequestsOfAnInboundSmsArePinned() {
    // a number and carrier ids of its own, so this test does not depend on the other one
    String sample = new String(event, StandardCharsets.UTF_8).replace("+15145550112", "+15145550177");
    byte[] first = carrierMessage(sample, "7f1e0c2b-count-1", null);
    byte[] second = carrierMessage(sample, "7f1e0c2b-count-2", null);
    Instant at = Instant.parse("2026-01-01T15:00:00Z");
    // one handler throughout: a warm container, which keeps the number's company and the account for a minute (decision 63)
    MovingClock clock = new MovingClock(at);
    InboundSmsHandler warm = newHandler(clock);
    assertEquals(calls("GetItem", 3, "TransactWriteItems", 2, "UpdateItem", 1), requestsToDeliver(warm, first),
        "a new number, cold: company number, marker, phone guard; profile + conversation (used as written, not read back), "
            + "then the message; event sent");
    clock.set(at.plusSeconds(20));
    assertEquals(calls("GetItem", 1), requestsToDeliver(warm, first),
        "the same message delivered again: the marker (the number's company is kept), nothing written");
    clock.set(at.plusSeconds(40));
    assertEquals(calls("GetItem", 2, "BatchGetItem", 1, "TransactWriteItems", 1, "UpdateItem", 1), requestsToDeliver(warm, second),
        "a known customer's next message: marker, guard; profile + the conversation the guard notes; the message; event sent");
    assertEquals(calls("GetItem", 3, "BatchGetItem", 1, "TransactWriteItems", 1, "UpdateItem", 1),
        requestsToDeliver(carrierMessage(sample, "7f1e0c2b-count-2b", null), at.plusSeconds(45)),
        "the same in a cold container: and the company number");
    clock.set(at.plusSeconds(50));
    assertEquals(calls("GetItem", 3, "BatchGetItem", 1, "TransactWriteItems", 1, "UpdateItem", 1),
        requestsToDeliver(warm, carrierMessage(sample, "7f1e0c2b-count-3", "STOP")),
        "a keyword: the same, plus the account (name, help text) for the reply, stored in the same transaction");
    clock.set(at.plusSeconds(55));
    assertEquals(calls("GetItem", 2, "BatchGetItem", 1, "TransactWriteItems", 1, "UpdateItem", 1),
        requestsToDeliver(warm, carrierMessage(sample, "7f1e0c2b-count-4", "START")),
        "a second keyword within the minute: the account is kept");
    clock.set(at.plusSeconds(61));
    assertEquals(calls("GetItem", 3, "BatchGetItem", 1, "TransactWriteItems", 1, "UpdateItem", 1), requestsToDeliver(warm,
        carrierMessage(sample, "7f1e0c2b-count-5", null)),
        "past the minute the company number is read again: a number moved reaches the container");
  }

  /** The sample event with a carrier id (and a body) of its own. */
  private static byte[] carrierMessage(String sample, String carrierId, String body) {
    String message = sample.replace(CARRIER_ID, carrierId);
    return (body == null ? message : message.replace("Hi, is my car ready? I can pick it up after 5.", body))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, AttributeValue> stored() {
    return dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of(
        Table.PK, s(Keys.inboundCarrierMessage("acct-maple-motors", CARRIER_ID)), Table.SK, s("INBOUND")))).item();
  }

  @Test
  void theSmsIsStoredOnceUnderTheCompanyOwningTheNumber() throws Exception {
    Instant first = Instant.parse("2026-01-01T14:05:13Z");
    int before = events.size();
    assertTrue(deliver(first).path("batchItemFailures").isEmpty());
    Map<String, AttributeValue> item = stored();
    assertEquals("InboundSms", item.get(Table.TYPE).s());
    assertEquals("+15145550112", item.get("from").s());
    assertEquals("+15145550100", item.get("to").s());
    assertEquals("Hi, is my car ready? I can pick it up after 5.", item.get("body").s());
    assertEquals("2026-01-01T14:05:13.000Z", item.get("receivedAt").s());
    assertEquals(before + 1, events.size());
    JsonNode sent = Json.mapper().readTree(events.get(before));
    assertEquals("conversation.created", sent.path("type").asText(), "a number not known yet: a new customer and conversation");
    String conversationId = sent.path("conversationId").asText();
    // the message in John's conversation, at the time SNS stamped the envelope
    Map<String, AttributeValue> message = dynamoDb.query(b -> b.tableName(TABLE)
        .keyConditionExpression("PK = :pk AND begins_with(SK, :t)")
        .expressionAttributeValues(Map.of(":pk", s(Keys.conversation("acct-maple-motors", conversationId)), ":t", s("T#"))))
        .items().get(0);
    assertTrue(message.get(Table.SK).s().startsWith("T#2026-01-01T14:05:12.345Z#"));
    assertEquals("Hi, is my car ready? I can pick it up after 5.", message.get("body").s());

    // SQS delivers at least once: the same event again succeeds and changes nothing
    Map<String, AttributeValue> marker = stored();
    assertTrue(deliver(first.plusSeconds(60)).path("batchItemFailures").isEmpty());
    assertEquals(marker, stored());
    assertEquals(before + 1, events.size());
  }

  /**
   * SnapStart priming (docs/decisions.md 46): the payload parse, the keyword check and the reads a
   * text starts with, for a number no company owns: reads only, nothing stored, no event, no reply.
   */
  @Test
  void primingOnlyReads() {
    java.util.List<Object> sentOrQueued = new java.util.concurrent.CopyOnWriteArrayList<>();
    InboundSmsHandler handler = new InboundSmsHandler(dynamoDb, TABLE, "US", Clock.systemUTC(),
        (id, type, json) -> sentOrQueued.add(json), sentOrQueued::add);
    Map<String, Integer> made = RequestCounter.during(handler::prime);
    assertTrue(made.containsKey("DynamoDb.GetItem"), made.toString());
    assertEquals(java.util.List.of(), com.textinbox.shared.observability.Priming.notReads(made), made.toString());
    assertEquals(java.util.List.of(), sentOrQueued);
  }
}
