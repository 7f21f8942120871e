package com.textinbox.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * events/assignment/conversation-reopened.json through the real handler (the bytes Lambda gives
 * it), against DynamoDB Local over HTTP with a client that counts its requests.
 */
class SampleEventTest {
  private static final String TABLE = "assignment-sample";
  private static final String MAPLE = "acct-maple-motors";
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;
  private static final List<EventQueue.Sent> SENT = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable(TABLE);
    put(Keys.account(MAPLE), Keys.userSk("user-bruno"), Map.of(Table.TYPE, s("User"), "name", s("Bruno Tremblay"), "role", s("user")));
    put(Keys.account(MAPLE), Keys.userSk("user-chloe"), Map.of(Table.TYPE, s("User"), "name", s("Chloé Roy"), "role", s("user")));
    Map<String, AttributeValue> conversation = new HashMap<>(Map.of(Table.TYPE, s("Conversation"), "conversationId", s("conv-demo-john"),
        "customerId", s("cust-john"), "status", s("OPEN"), "lastActivityAt", s("2026-11-21T14:03:00.123Z"),
        "assigneeKind", s("USER"), "assigneeId", s("user-bruno")));
    conversation.put(Table.GSI1PK, s(Keys.assigneeList(MAPLE, "USER", "user-bruno", "OPEN")));
    conversation.put(Table.GSI1SK, s(Keys.activitySk("2026-11-21T14:03:00.123Z", "conv-demo-john")));
    put(Keys.conversation(MAPLE, "conv-demo-john"), Keys.CONVERSATION_SK, conversation);
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  private static SortedMap<String, Integer> deliver() {
    return RequestCounter.during(() -> {
      JsonNode response = SampleEvents.invoke(new AssignmentHandler(dynamoDb, TABLE,
          Clock.fixed(Instant.parse("2026-11-21T14:03:01Z"), ZoneOffset.UTC),
          EventQueue.into(SENT), bodies -> { throw new AssertionError("no bulk step here"); }), "assignment/conversation-reopened.json");
      assertTrue(response.path("batchItemFailures").isEmpty(), response.toString());
    });
  }

  @Test
  void theReopenedConversationStaysWithBrunoThenGoesToHisDelegateWhileHeIsAway() {
    SortedMap<String, Integer> present = deliver();
    System.out.println("DynamoDB requests, reopened, assignee present: " + present);
    assertEquals(2, present.get("DynamoDb.GetItem"), "the conversation and Bruno: " + present);
    assertEquals(null, present.get("DynamoDb.TransactWriteItems"), "nothing to change");
    assertEquals("message.received", Json.read(SENT.get(0).json()).path("type").asText());
    assertEquals("reopened", Json.read(SENT.get(0).json()).path("conversationEvent").asText());

    dynamoDb.updateItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, s(Keys.account(MAPLE)), Table.SK, s(Keys.userSk("user-bruno"))))
        .updateExpression("SET away = :on, awayDelegateId = :d")
        .expressionAttributeValues(Map.of(":on", AttributeValue.fromBool(true), ":d", s("user-chloe"))));
    SortedMap<String, Integer> away = deliver();
    System.out.println("DynamoDB requests, reopened, assignee away with a delegate: " + away);
    assertEquals(3, away.get("DynamoDb.GetItem"), "the conversation, Bruno, Chloé: " + away);
    assertEquals(1, away.get("DynamoDb.TransactWriteItems"));
    assertEquals(4, away.entrySet().stream().filter(e -> !e.getKey().endsWith(RequestCounter.ATTEMPTS))
        .mapToInt(Map.Entry::getValue).sum());
    Map<String, AttributeValue> conversation = dynamoDb.getItem(b -> b.tableName(TABLE)
        .key(Map.of(Table.PK, s(Keys.conversation(MAPLE, "conv-demo-john")), Table.SK, s(Keys.CONVERSATION_SK)))).item();
    assertEquals("user-chloe", conversation.get("assigneeId").s());
    assertEquals(2, SENT.size());
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
