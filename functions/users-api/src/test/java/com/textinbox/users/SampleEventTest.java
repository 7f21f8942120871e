package com.textinbox.users;

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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * events/users-api/get-me.json through the real handler, against DynamoDB Local over HTTP seeded
 * with the demo admin, with a client that counts its requests.
 */
class SampleEventTest {
  private static final String TABLE = "textinbox-test";
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable(TABLE);
    String account = Keys.account("acct-maple-motors");
    put(account, Keys.ACCOUNT_SK, Map.of(Table.TYPE, "Account", "name", "Maple Motors", "number", "+15145550100"));
    put(account, Keys.userSk("user-alice"), Map.of(Table.TYPE, "User", "name", "Alice Martin",
        "email", "alice@maple-motors.example", "role", "admin"));
  }

  private static void put(String pk, String sk, Map<String, String> attributes) {
    Map<String, AttributeValue> item = new java.util.HashMap<>();
    item.put(Table.PK, AttributeValue.fromS(pk));
    item.put(Table.SK, AttributeValue.fromS(sk));
    attributes.forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(item));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  private static JsonNode getMe() throws IOException {
    return SampleEvents.invoke(new UsersApi(dynamoDb, TABLE), "users-api/get-me.json");
  }

  @Test
  void getMeAnswersTheCallerAndTheirCompany() throws Exception {
    JsonNode response = getMe();
    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    JsonNode me = Json.read(response.path("body").asText());
    assertEquals("user-alice", me.path("userId").asText());
    assertEquals("Alice Martin", me.path("name").asText());
    assertEquals("alice@maple-motors.example", me.path("email").asText());
    assertEquals("admin", me.path("role").asText());
    assertEquals("acct-maple-motors", me.path("company").path("id").asText());
    assertEquals("Maple Motors", me.path("company").path("name").asText());
  }

  /**
   * Pins the cost of GET /me (docs/performance.md, "DynamoDB requests per operation"): the user and
   * the company in one BatchGetItem. A change that adds a request fails here.
   */
  @Test
  void getMeCostsOneRequest() {
    Map<String, Integer> made = RequestCounter.during(() -> {
      try {
        JsonNode response = getMe();
        assertEquals(200, response.path("statusCode").asInt(), response.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    assertEquals(Map.of("DynamoDb.BatchGetItem", 1, "DynamoDb.BatchGetItem.attempts", 1), made);
  }

  /** SnapStart priming (docs/decisions.md 46): reads of an account that does not exist, never a write. */
  @Test
  void primingOnlyReads() {
    var primed = new UsersApi(dynamoDb, TABLE);
    Map<String, Integer> made = RequestCounter.during(primed::prime);
    org.junit.jupiter.api.Assertions.assertFalse(made.isEmpty(), "priming made no request");
    assertEquals(java.util.List.of(), com.textinbox.shared.observability.Priming.notReads(made), made.toString());
  }
}
