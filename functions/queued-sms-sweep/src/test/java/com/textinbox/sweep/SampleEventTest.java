package com.textinbox.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.messaging.SendSmsCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** events/queued-sms-sweep/scheduled.json through the real handler, against DynamoDB Local over HTTP. */
class SampleEventTest {
  private static final String TABLE = "textinbox-sweep-sample";
  private static DynamoDbLocalServer server;
  private static DynamoDbClient dynamoDb;

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

  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("template.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
  }

  @Test
  void theRunWorksOnTheEventsTimeAndSendsTheCommandOfAMessageLeftQueued() throws Exception {
    // stored at 14:58 and never sent: due at 15:03, before the event's time (15:05), whatever the clock says
    Instant created = Instant.parse("2026-01-01T14:58:00Z");
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Table.PK, AttributeValue.fromS(Keys.conversation("acct-maple-motors", "conv-demo-john")));
    item.put(Table.SK, AttributeValue.fromS(Keys.timelineSk(Keys.time(created), "msg-left-queued")));
    item.put(Table.TYPE, AttributeValue.fromS("Message"));
    item.put("messageId", AttributeValue.fromS("msg-left-queued"));
    item.put("conversationId", AttributeValue.fromS("conv-demo-john"));
    item.put("status", AttributeValue.fromS("QUEUED"));
    item.put("createdAt", AttributeValue.fromS(Keys.time(created)));
    item.put(Table.GSI4PK, AttributeValue.fromS(Keys.QUEUED_SMS));
    item.put(Table.GSI4SK, AttributeValue.fromS(Keys.queuedSmsDue(Keys.time(created.plus(QueuedSms.GRACE)), "msg-left-queued")));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(item));

    List<SendSmsCommand> sent = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new QueuedSmsSweepHandler(dynamoDb, TABLE, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC), sent::add)
        .handleRequest(new ByteArrayInputStream(Files.readAllBytes(repositoryRoot().resolve("events/queued-sms-sweep/scheduled.json"))),
            out, null);
    JsonNode summary = Json.MAPPER.readTree(out.toByteArray());
    assertEquals(1, summary.path("requeued").asInt(), summary.toString());
    assertEquals(List.of(new SendSmsCommand("acct-maple-motors", "conv-demo-john", item.get(Table.SK).s(), "msg-left-queued")), sent);
  }
}
