package com.textinbox.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.testing.SampleEvents;
import com.textinbox.shared.notifications.Email;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The hourly digest run against DynamoDB Local, SES replaced by a recording sender that can fail. */
class DailyDigestHandlerTest {
  private static final String ACCOUNT = "acct-maple-motors";
  /** 13:00 UTC = 8:00 in Toronto (EST) on 2026-11-21. */
  private static final Instant RUN = Instant.parse("2026-11-21T13:00:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;
  private static int tables;

  private String table;
  private final List<Email> sent = new ArrayList<>();
  private final AtomicBoolean sesDown = new AtomicBoolean();
  private DailyDigestHandler handler;

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @BeforeEach
  void seed() {
    table = "digest-" + (++tables);
    local.createInboxTable(table);
    put(Keys.account(ACCOUNT), Keys.userSk("user-chloe"), Map.of(Table.TYPE, s("User"), "email", s("chloe@maple-motors.example")));
    String due = "2026-11-21T13:00:00.000Z";
    put(Keys.account(ACCOUNT), Keys.notificationSettingsSk("user-chloe"), Map.of(Table.TYPE, s("NotificationSettings"),
        "accountId", s(ACCOUNT), "userId", s("user-chloe"), "emailMode", s("digest"), "digestHour", AttributeValue.fromN("8"),
        "timeZone", s("America/Toronto"), "nextDigestAt", s(due), Table.GSI4PK, s(Keys.DIGESTS_DUE),
        Table.GSI4SK, s(due + "#" + ACCOUNT + "#user-chloe")));
    // another user, due tomorrow: not read
    put(Keys.account(ACCOUNT), Keys.notificationSettingsSk("user-later"), Map.of("accountId", s(ACCOUNT), "userId", s("user-later"),
        "emailMode", s("digest"), Table.GSI4PK, s(Keys.DIGESTS_DUE), Table.GSI4SK, s("2026-11-22T13:00:00.000Z#" + ACCOUNT + "#user-later")));
    for (int i = 1; i <= 2; i++) {
      put(Keys.digestOf(ACCOUNT, "user-chloe"), "2026-11-21T0" + i + ":00:00.000Z#n" + i, Map.of(Table.TYPE, s("DigestItem"),
          "title", s("New message from John Smith " + i), "linkPath", s("/conversations/conv-" + i), "linkLabel", s("View conversation")));
    }
    handler = new DailyDigestHandler(new DynamoTable(dynamoDb, table), email -> {
      if (sesDown.get()) {
        throw new IllegalStateException("SES unavailable");
      }
      sent.add(email);
      return "ses-1";
    }, "https://app.example.com", Clock.fixed(RUN, ZoneOffset.UTC));
  }

  @Test
  void theDueUserGetsOneDigestAndASecondRunSendsNothing() {
    Map<String, Integer> made = RequestCounter.during(() -> assertEquals(new DailyDigestHandler.Summary(1, 1, 2, 0), handler.run(RUN)));
    assertEquals(1, sent.size());
    assertEquals("Your daily summary: 2 notifications", sent.get(0).subject());
    assertTrue(sent.get(0).text().contains("https://app.example.com/conversations/conv-2"));
    assertEquals(Map.of("DynamoDb.Query", 2, "DynamoDb.Query.attempts", 2, "DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1,
        "DynamoDb.BatchWriteItem", 1, "DynamoDb.BatchWriteItem.attempts", 1, "DynamoDb.UpdateItem", 1, "DynamoDb.UpdateItem.attempts", 1), made);
    assertEquals("2026-11-22T13:00:00.000Z", settings().get("nextDigestAt").s(), "8:00 in Toronto tomorrow");
    assertEquals(new DailyDigestHandler.Summary(0, 0, 0, 0), handler.run(RUN));
    assertEquals(1, sent.size());
  }

  @Test
  void aFailedEmailLeavesTheUserDueAndTheItemsForTheNextRun() {
    sesDown.set(true);
    assertEquals(new DailyDigestHandler.Summary(1, 0, 0, 1), handler.run(RUN));
    assertEquals("2026-11-21T13:00:00.000Z", settings().get("nextDigestAt").s());
    sesDown.set(false);
    assertEquals(new DailyDigestHandler.Summary(1, 1, 2, 0), handler.run(RUN.plusSeconds(3600)));
    assertEquals(1, sent.size());
  }

  @Test
  void theSampleScheduledEventRunsTheDigest() {
    JsonNode summary = SampleEvents.invoke(handler, "daily-digest/scheduled.json");
    assertEquals(1, summary.path("sent").asInt(), summary.toString());
  }

  private Map<String, AttributeValue> settings() {
    return dynamoDb.getItem(b -> b.tableName(table).key(Map.of(Table.PK, s(Keys.account(ACCOUNT)),
        Table.SK, s(Keys.notificationSettingsSk("user-chloe"))))).item();
  }


  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private void put(String pk, String sk, Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = new HashMap<>(attributes);
    item.put(Table.PK, s(pk));
    item.put(Table.SK, s(sk));
    dynamoDb.putItem(b -> b.tableName(table).item(item));
  }
}
