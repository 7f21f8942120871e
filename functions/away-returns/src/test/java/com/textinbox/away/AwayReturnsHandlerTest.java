package com.textinbox.away;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Against DynamoDB Local over HTTP: the due list is a real sparse index, the conditional update is
 * real, and the client counts its requests.
 */
class AwayReturnsHandlerTest {
  private static final Instant NOW = Instant.parse("2026-11-21T15:00:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable("inbox");
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  private static void user(String account, String id, Instant returnAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", AttributeValue.fromS(Keys.account(account)));
    item.put("SK", AttributeValue.fromS(Keys.userSk(id)));
    item.put("name", AttributeValue.fromS(id));
    if (returnAt != null) {
      item.put("away", AttributeValue.fromBool(true));
      item.put("awayDelegateId", AttributeValue.fromS("someone"));
      item.put("awaySince", AttributeValue.fromS("2026-01-01T00:00:00.000Z"));
      item.put("awayReturnAt", AttributeValue.fromS(returnAt.toString()));
      item.put("GSI4PK", AttributeValue.fromS(Keys.AWAY_RETURNS));
      item.put("GSI4SK", AttributeValue.fromS(returnAt + "#" + account + "#" + id));
    }
    dynamoDb.putItem(b -> b.tableName("inbox").item(item));
  }

  private static Map<String, AttributeValue> read(String account, String id) {
    return dynamoDb.getItem(b -> b.tableName("inbox").key(Map.of(
        "PK", AttributeValue.fromS(Keys.account(account)), "SK", AttributeValue.fromS(Keys.userSk(id))))).item();
  }

  @Test
  void turnsOffOnlyTheUsersDueAndReadsOnlyThem() {
    user("a1", "back-yesterday", NOW.minusSeconds(86_400));
    user("a2", "back-an-hour-ago", NOW.minusSeconds(3_600));
    user("a1", "back-tomorrow", NOW.plusSeconds(86_400));
    for (int i = 0; i < 20; i++) {
      user("a1", "present-" + i, null);
    }
    AwayReturnsHandler handler = new AwayReturnsHandler(dynamoDb, "inbox", Clock.fixed(NOW, ZoneOffset.UTC));
    AtomicReference<AwayReturnsHandler.Summary> ran = new AtomicReference<>();
    Map<String, Integer> requests = RequestCounter.during(() -> ran.set(handler.run(NOW)));
    AwayReturnsHandler.Summary summary = ran.get();
    // the cost pinned in docs/performance.md: one Query of the due list, one update per user due
    assertEquals(Map.of("DynamoDb.Query", 1, "DynamoDb.Query.attempts", 1,
        "DynamoDb.UpdateItem", 2, "DynamoDb.UpdateItem.attempts", 2), requests, "2 users due of 23");

    assertEquals(2, summary.due(), "only the two users due are read, not the 23 users");
    assertEquals(2, summary.returned());
    Map<String, AttributeValue> back = read("a1", "back-yesterday");
    assertFalse(back.get("away").bool());
    assertNull(back.get("awayReturnAt"));
    assertNull(back.get("awaySince"), "the away period is over (A5 counts replies within one)");
    assertNull(back.get("GSI4PK"), "a returned user leaves the due list");
    assertFalse(read("a2", "back-an-hour-ago").get("away").bool(), "every account's users are served");
    assertTrue(read("a1", "back-tomorrow").get("away").bool(), "a user due tomorrow stays away");

    requests = RequestCounter.during(() -> ran.set(handler.run(NOW)));
    assertEquals(new AwayReturnsHandler.Summary(0, 0), ran.get(), "a second run has nothing to do");
    assertEquals(Map.of("DynamoDb.Query", 1, "DynamoDb.Query.attempts", 1), requests, "and costs one Query");
  }

  @Test
  void aReturnDateChangedMeanwhileIsKept() {
    user("a3", "changed-mind", NOW.minusSeconds(60));
    // the user pushes their return date back after the run read the due list, before it updates them
    DynamoDbClient racing = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
          if (method.getName().equals("updateItem")) {
            user("a3", "changed-mind", NOW.plusSeconds(7 * 86_400));
          }
          try {
            return method.invoke(dynamoDb, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    AwayReturnsHandler.Summary summary = new AwayReturnsHandler(racing, "inbox", Clock.fixed(NOW, ZoneOffset.UTC)).run(NOW);
    assertTrue(read("a3", "changed-mind").get("away").bool(), "the newer return date stands");
    assertEquals(0, summary.returned());
  }
}
