package com.textinbox.conversations;

import com.textinbox.shared.testing.TestCursors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.testing.SampleEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * events/conversations-api/list-conversations.json (Bruno's open conversations) through the real
 * handler against DynamoDB Local seeded with the demo conversation conv-demo-john, with a client
 * that counts its requests.
 */
class SampleEventTest {
  private static final String TABLE = "textinbox-test";
  private static final String ACCOUNT = "acct-maple-motors";
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable(TABLE);
    put(Keys.account(ACCOUNT), Keys.ACCOUNT_SK, Map.of(Table.TYPE, s("Account"), "name", s("Maple Motors")));
    put(Keys.account(ACCOUNT), Keys.userSk("user-bruno"), Map.of(Table.TYPE, s("User"), "name", s("Bruno Tremblay")));
    put(Keys.customer(ACCOUNT, "cust-john"), Keys.PROFILE_SK, Map.of(Table.TYPE, s("Customer"), "customerId", s("cust-john"),
        "firstName", s("John"), "lastName", s("Smith"), "mobile", s("+15145550112")));
    String at = "2026-11-21T14:00:00.000Z";
    Map<String, AttributeValue> conversation = new HashMap<>(Map.of(Table.TYPE, s("Conversation"),
        "conversationId", s("conv-demo-john"), "customerId", s("cust-john"), "status", s("OPEN"), "lastActivityAt", s(at),
        "lastInboundAt", s(at), "lastMessagePreview", s("Is the car ready?"), "assigneeKind", s("USER"), "assigneeId", s("user-bruno")));
    conversation.put(Table.GSI1PK, s(Keys.assigneeList(ACCOUNT, "USER", "user-bruno", "OPEN")));
    conversation.put(Table.GSI1SK, s(Keys.activitySk(at, "conv-demo-john")));
    put(Keys.conversation(ACCOUNT, "conv-demo-john"), Keys.CONVERSATION_SK, conversation);
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

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  private static ConversationsApi api() {
    return new ConversationsApi(dynamoDb, TABLE, Clock.fixed(Instant.parse("2026-11-21T15:00:00Z"), ZoneOffset.UTC),
        (eventId, type, json) -> { }, (eventId, type, json) -> { }, TestCursors.codec());
  }

  private static JsonNode listMine() throws IOException {
    return listMine(api());
  }

  private static JsonNode listMine(ConversationsApi api) throws IOException {
    return SampleEvents.invoke(api, "conversations-api/list-conversations.json");
  }

  private static Map<String, Integer> requestsOfAPage(ConversationsApi api) {
    return RequestCounter.during(() -> {
      try {
        assertEquals(200, listMine(api).path("statusCode").asInt());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Test
  void listsBrunosOpenConversations() throws Exception {
    JsonNode response = listMine();
    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    JsonNode body = Json.read(response.path("body").asText());
    assertEquals(1, body.path("conversations").size(), body.toString());
    JsonNode john = body.path("conversations").get(0);
    assertEquals("conv-demo-john", john.path("conversationId").asText());
    assertEquals("John Smith", john.path("customer").path("name").asText());
    assertEquals(true, john.path("unreadForMe").asBoolean());
  }

  /**
   * Pins the cost of one list page: the account (its unansweredAfterHours), one Query of the list,
   * one BatchGetItem of what the items need; a warm container keeps the account a minute (decision 63).
   */
  @Test
  void aListPageCostsThreeRequestsColdAndTwoWarm() {
    ConversationsApi api = api();
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1, "DynamoDb.Query", 1, "DynamoDb.Query.attempts", 1,
        "DynamoDb.BatchGetItem", 1, "DynamoDb.BatchGetItem.attempts", 1), requestsOfAPage(api), "cold");
    assertEquals(Map.of("DynamoDb.Query", 1, "DynamoDb.Query.attempts", 1, "DynamoDb.BatchGetItem", 1,
        "DynamoDb.BatchGetItem.attempts", 1), requestsOfAPage(api), "warm: the account is kept");
  }
}
