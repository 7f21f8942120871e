package com.textinbox.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

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

  @BeforeAll
  static void table() throws Exception {
    event = Files.readAllBytes(repositoryRoot().resolve("events/inbound-sms/sqs-from-sns.json"));
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    dynamoDb.createTable(b -> b.tableName(TABLE)
        .keySchema(k -> k.attributeName(Table.PK).keyType(KeyType.HASH), k -> k.attributeName(Table.SK).keyType(KeyType.RANGE))
        .attributeDefinitions(a -> a.attributeName(Table.PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Table.SK).attributeType(ScalarAttributeType.S))
        .billingMode("PAY_PER_REQUEST"));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of(
        Table.PK, s(Keys.companyNumber("+15145550100")), Table.SK, s(Keys.COMPANY_NUMBER_SK),
        Table.TYPE, s("CompanyNumber"), "accountId", s("acct-maple-motors"))));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  /** The folder holding template.yaml, whatever module directory the test runs in. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("template.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static JsonNode deliver(Instant at) throws Exception {
    return deliver(event, at);
  }

  private static JsonNode deliver(byte[] sqsEvent, Instant at) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new InboundSmsHandler(dynamoDb, TABLE, "US", Clock.fixed(at, ZoneOffset.UTC))
        .handleRequest(new ByteArrayInputStream(sqsEvent), out, null);
    return Json.MAPPER.readTree(out.toByteArray());
  }

  /** The DynamoDB requests one delivery of the event makes; the delivery must succeed. */
  private static Map<String, Integer> requestsToDeliver(byte[] sqsEvent, Instant at) {
    return RequestCounter.during(() -> {
      try {
        JsonNode response = deliver(sqsEvent, at);
        assertTrue(response.path("batchItemFailures").isEmpty(), response.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static Map<String, AttributeValue> stored() {
    return dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of(
        Table.PK, s(Keys.inboundCarrierMessage("acct-maple-motors", CARRIER_ID)), Table.SK, s("INBOUND")))).item();
  }

  @Test
  void theSmsIsStoredOnceUnderTheCompanyOwningTheNumber() throws Exception {
    Instant first = Instant.parse("2026-01-01T14:05:13Z");
    assertTrue(deliver(first).path("batchItemFailures").isEmpty());
    Map<String, AttributeValue> item = stored();
    assertEquals("InboundSms", item.get(Table.TYPE).s());
    assertEquals("+15145550112", item.get("from").s());
    assertEquals("+15145550100", item.get("to").s());
    assertEquals("Hi, is my car ready? I can pick it up after 5.", item.get("body").s());
    assertEquals(first.toString(), item.get("receivedAt").s());

    // SQS delivers at least once: the same event again succeeds and changes nothing
    assertTrue(deliver(first.plusSeconds(60)).path("batchItemFailures").isEmpty());
    assertEquals(item, stored());
  }

  /**
   * Pins the cost of one inbound SMS (docs/performance.md, "DynamoDB requests per operation"): the
   * company-number lookup and the conditional put, 2 requests, whether the message is new or
   * delivered again (then the put is refused by its condition). A change that adds a request fails here.
   */
  @Test
  void oneInboundSmsCostsTwoRequestsNewOrDuplicate() {
    // a carrier id of its own, so this test does not depend on the other one
    String carrierId = "7f1e0c2b-count-requests";
    byte[] fresh = new String(event, StandardCharsets.UTF_8).replace(CARRIER_ID, carrierId).getBytes(StandardCharsets.UTF_8);
    Instant at = Instant.parse("2026-01-01T15:00:00Z");
    Map<String, Integer> twoRequests = Map.of(
        "DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1,
        "DynamoDb.PutItem", 1, "DynamoDb.PutItem.attempts", 1);
    assertEquals(twoRequests, requestsToDeliver(fresh, at), "a new message");
    assertEquals(at.toString(), dynamoDb.getItem(g -> g.tableName(TABLE).key(Map.of(
        Table.PK, s(Keys.inboundCarrierMessage("acct-maple-motors", carrierId)), Table.SK, s("INBOUND"))))
        .item().get("receivedAt").s(), "stored under its own carrier id");
    assertEquals(twoRequests, requestsToDeliver(fresh, at.plusSeconds(60)), "the same message delivered again");
  }
}
