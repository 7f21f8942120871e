package com.textinbox.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** events/users-api/get-me.json through the real handler, against DynamoDB Local (embedded) seeded with the demo admin. */
class SampleEventTest {
  private static final String TABLE = "textinbox-test";
  private static AmazonDynamoDBLocal local;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void table() {
    local = DynamoDBEmbedded.create(true);
    dynamoDb = local.dynamoDbClient();
    dynamoDb.createTable(b -> b.tableName(TABLE)
        .keySchema(k -> k.attributeName(Table.PK).keyType(KeyType.HASH), k -> k.attributeName(Table.SK).keyType(KeyType.RANGE))
        .attributeDefinitions(a -> a.attributeName(Table.PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Table.SK).attributeType(ScalarAttributeType.S))
        .billingMode("PAY_PER_REQUEST"));
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
  static void stop() {
    local.shutdownNow();
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

  @Test
  void getMeAnswersTheCallerAndTheirCompany() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream event = Files.newInputStream(repositoryRoot().resolve("events/users-api/get-me.json"))) {
      new UsersApi(dynamoDb, TABLE).handleRequest(event, out, null);
    }
    JsonNode response = Json.MAPPER.readTree(out.toByteArray());
    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    JsonNode me = Json.read(response.path("body").asText());
    assertEquals("user-alice", me.path("userId").asText());
    assertEquals("Alice Martin", me.path("name").asText());
    assertEquals("alice@maple-motors.example", me.path("email").asText());
    assertEquals("admin", me.path("role").asText());
    assertEquals("acct-maple-motors", me.path("company").path("id").asText());
    assertEquals("Maple Motors", me.path("company").path("name").asText());
  }
}
