package com.textinbox.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.messaging.SendSmsCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sweep against DynamoDB Local over HTTP (the table as template.yaml declares it, GSI4 included). */
class QueuedSmsSweepHandlerTest {
  private static final String TABLE = "textinbox-sweep-test";
  private static final String ACCOUNT = "acct-maple-motors";
  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  private static DynamoDbLocalServer server;
  private static DynamoDbClient dynamoDb;

  private final List<SendSmsCommand> commands = Collections.synchronizedList(new ArrayList<>());

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

  @BeforeEach
  void clear() {
    // every test starts from an empty list: what an earlier test left due is given up here
    for (Map<String, AttributeValue> item : dynamoDb.scan(b -> b.tableName(TABLE)).items()) {
      dynamoDb.deleteItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, item.get(Table.PK), Table.SK, item.get(Table.SK))));
    }
  }

  private QueuedSmsSweepHandler sweep(Instant at) {
    return new QueuedSmsSweepHandler(dynamoDb, TABLE, Clock.fixed(at, ZoneOffset.UTC), commands::add);
  }

  /** A QUEUED outbound message stored at {@code createdAt}, as MessagesApi writes it; returns its key. */
  private static Map<String, AttributeValue> queued(Instant createdAt, Map<String, AttributeValue> extra) {
    String conversationId = "conv-" + UUID.randomUUID();
    String messageId = "msg-" + UUID.randomUUID();
    Map<String, AttributeValue> item = new HashMap<>(extra);
    item.put(Table.PK, s(Keys.conversation(ACCOUNT, conversationId)));
    item.put(Table.SK, s(Keys.timelineSk(Keys.time(createdAt), messageId)));
    item.put(Table.TYPE, s("Message"));
    item.put("messageId", s(messageId));
    item.put("conversationId", s(conversationId));
    item.put("direction", s("OUTBOUND"));
    item.put("status", s("QUEUED"));
    item.put("createdAt", s(Keys.time(createdAt)));
    // on the sweep's list, due GRACE after it was stored
    item.put(Table.GSI4PK, s(Keys.QUEUED_SMS));
    item.put(Table.GSI4SK, s(QueuedSms.firstDue(createdAt, messageId)));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(item));
    return Map.of(Table.PK, item.get(Table.PK), Table.SK, item.get(Table.SK));
  }

  private static Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
    return dynamoDb.getItem(b -> b.tableName(TABLE).key(key).consistentRead(true)).item();
  }

  @Test
  void aMessageStuckPastTheGraceIsSentAgainOnceAndComesBackOnlyAfterTheRetryDelay() {
    Map<String, AttributeValue> stuck = queued(NOW.minus(Duration.ofMinutes(10)), Map.of());
    Map<String, AttributeValue> fresh = queued(NOW.minus(Duration.ofMinutes(1)), Map.of());

    SortedMap<String, Integer> requests = RequestCounter.during(() ->
        assertEquals(new QueuedSmsSweepHandler.Summary(1, 1, 0, 0), sweep(NOW).run(NOW)));
    System.out.println("QueuedSmsSweep, one message re-enqueued: " + requests);
    assertEquals(1, requests.get("DynamoDb.Query"), "the due list only, never a scan");
    assertEquals(1, requests.get("DynamoDb.UpdateItem"));

    Map<String, AttributeValue> message = item(stuck);
    assertEquals(List.of(new SendSmsCommand(ACCOUNT, message.get("conversationId").s(), stuck.get(Table.SK).s(),
        message.get("messageId").s())), commands);
    assertEquals("1", message.get("requeueCount").n());
    assertEquals(Keys.queuedSmsDue(Keys.time(NOW.plus(QueuedSms.RETRY_EVERY)), message.get("messageId").s()),
        message.get(Table.GSI4SK).s());
    assertEquals("QUEUED", item(fresh).get("status").s(), "within the grace: its own command is still on its way");

    assertEquals(new QueuedSmsSweepHandler.Summary(0, 0, 0, 0), sweep(NOW.plusSeconds(60)).run(NOW.plusSeconds(60)),
        "not due again before the retry delay");
    assertEquals(1, commands.size());
  }

  @Test
  void aMessageBeingTextedIsLeftAlone() {
    Map<String, AttributeValue> leased = queued(NOW.minus(Duration.ofMinutes(10)),
        Map.of("sendLeaseUntil", s(Keys.time(NOW.plusSeconds(30)))));
    assertEquals(new QueuedSmsSweepHandler.Summary(1, 0, 0, 1), sweep(NOW).run(NOW));
    assertTrue(commands.isEmpty());
    assertEquals("QUEUED", item(leased).get("status").s());
  }

  @Test
  void aMessageADayOldIsGivenUpNeverTextedAndAKeywordRepliesEntrySaysSo() {
    String entrySk = Keys.timelineSk(Keys.time(NOW.minus(Duration.ofHours(25))), "msg-in-compliance");
    Map<String, AttributeValue> old = queued(NOW.minus(Duration.ofHours(25)), Map.of("complianceEventSk", s(entrySk)));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of(Table.PK, old.get(Table.PK), Table.SK, s(entrySk),
        Table.TYPE, s("ComplianceEvent"), "reply", s("PENDING"))));

    assertEquals(new QueuedSmsSweepHandler.Summary(1, 0, 1, 0), sweep(NOW).run(NOW));
    assertTrue(commands.isEmpty());
    Map<String, AttributeValue> message = item(old);
    assertEquals("FAILED", message.get("status").s());
    assertEquals(QueuedSms.EXPIRED, message.get("failureReason").s());
    assertNull(message.get(Table.GSI4PK), "off the list");
    Map<String, AttributeValue> entry = item(Map.of(Table.PK, old.get(Table.PK), Table.SK, s(entrySk)));
    assertEquals("FAILED", entry.get("reply").s());
    assertEquals(QueuedSms.EXPIRED, entry.get("replyFailureReason").s());
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
