package com.textinbox.autoclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.conversations.AutoCloseSetting;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.conversations.store.AutoCloseStore;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.testing.SampleEvents;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Auto-close (C6) against DynamoDB Local over HTTP: the sparse company list, GSI3 by last activity, real conditions. */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class AutoCloseHandlerTest {
  /** The sample event's time. */
  private static final Instant NOW = Instant.parse("2026-11-21T15:00:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;
  private static DynamoTable table;
  private static ConversationStore conversations;
  private static AutoCloseStore autoClose;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable("inbox");
    table = new DynamoTable(dynamoDb, "inbox");
    conversations = new ConversationStore(table);
    autoClose = new AutoCloseStore(table);
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  private static void company(String accountId, AutoCloseSetting setting) {
    new AccountStore(table).put(Account.named(accountId, accountId));
    if (setting != null) {
      assertEquals(true, autoClose.put(accountId, setting));
    }
  }

  private static Conversation conversation(String accountId, String id, Duration idle, boolean unanswered) {
    String activity = Keys.time(NOW.minus(idle));
    Conversation c = new Conversation(id, "cust-" + id, Conversation.OPEN, activity, null, null, activity, "msg-" + id,
        "Thanks!", unanswered ? "INBOUND" : "OUTBOUND", activity, activity, 2, unanswered ? activity : null, null, null, null,
        null, null, null, null, null, null, null, null, 0);
    table.transact(conversations.createWrite(accountId, c));
    return c;
  }

  private static Conversation read(String accountId, String id) {
    return conversations.find(accountId, id).orElseThrow();
  }

  private static AutoCloseHandler handler() {
    return new AutoCloseHandler(dynamoDb, "inbox", Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void closesOnlyTheIdleAnsweredOnesOfCompaniesWithItOnAndOnlyOnce() {
    company("on", new AutoCloseSetting(true, 3, false, "2026-11-01T00:00:00.000Z", "admin"));
    company("unanswered-too", new AutoCloseSetting(true, 3, true, "2026-11-01T00:00:00.000Z", "admin"));
    company("off", new AutoCloseSetting(false, 3, false, "2026-11-01T00:00:00.000Z", "admin"));
    company("never", null);
    conversation("on", "idle-4", Duration.ofDays(4), false);
    conversation("on", "idle-2", Duration.ofDays(2), false);
    conversation("on", "idle-4-unanswered", Duration.ofDays(4), true);
    conversation("unanswered-too", "u-idle-4-unanswered", Duration.ofDays(4), true);
    conversation("off", "off-idle-10", Duration.ofDays(10), false);
    conversation("never", "never-idle-10", Duration.ofDays(10), false);

    AtomicReference<AutoCloseHandler.Summary> ran = new AtomicReference<>();
    Map<String, Integer> requests = RequestCounter.during(() -> ran.set(handler().run(NOW)));
    assertEquals(new AutoCloseHandler.Summary(2, 2, 2, 0), ran.get(), "the unanswered one of 'on' is filtered out by the query");
    // one Query of the company list, one of each company's open list, one transaction per close
    assertEquals(Map.of("DynamoDb.Query", 3, "DynamoDb.Query.attempts", 3,
        "DynamoDb.TransactWriteItems", 2, "DynamoDb.TransactWriteItems.attempts", 2), requests);

    Conversation closed = read("on", "idle-4");
    assertEquals(Conversation.CLOSED, closed.status());
    assertEquals("auto-close", closed.closedBy());
    assertEquals(Keys.time(NOW), closed.closedAt());
    ConversationEvent event = (ConversationEvent) conversations.timeline("on", "idle-4", null, 10).items().get(0);
    assertEquals(ConversationEvent.CLOSED, event.event());
    assertEquals("auto-close", event.by());
    assertEquals("inactive", event.reason());
    assertEquals(3, event.autoCloseDays());
    assertEquals(Conversation.OPEN, read("on", "idle-2").status());
    assertEquals(Conversation.OPEN, read("on", "idle-4-unanswered").status(), "a customer is waiting");
    assertEquals(Conversation.CLOSED, read("unanswered-too", "u-idle-4-unanswered").status(), "the company chose so");
    List<TimelineEntry> unansweredEvents = conversations.timeline("unanswered-too", "u-idle-4-unanswered", null, 10).items();
    assertEquals("inactive-unanswered", ((ConversationEvent) unansweredEvents.get(0)).reason());
    assertEquals(Conversation.OPEN, read("off", "off-idle-10").status());
    assertEquals(Conversation.OPEN, read("never", "never-idle-10").status());

    // a second run (a rerun, an overlap): nothing more; the closed ones are off the open list
    assertEquals(new AutoCloseHandler.Summary(2, 0, 0, 0), handler().run(NOW));
    assertEquals(1, conversations.timeline("on", "idle-4", null, 10).items().size(), "one closed event");
  }

  @Test
  void aConversationThatChangedSinceItWasReadIsLeftAsItIs() {
    company("raced", new AutoCloseSetting(true, 1, false, "2026-11-01T00:00:00.000Z", "admin"));
    Conversation seen = conversation("raced", "r-1", Duration.ofDays(2), false);
    // a person closed it between the read and the close: the automatic close's condition fails
    table.transact(conversations.statusWrite("raced", seen, Conversation.CLOSED, Keys.time(NOW), "user-a"));
    assertThrows(TransactionCancelled.class, () -> table.transact(conversations.autoCloseWrite("raced", seen, Keys.time(NOW), false),
        conversations.appendWrite("raced", "r-1", com.textinbox.shared.conversations.AutoCloseRule.closedEvent(seen,
            autoClose.get("raced"), Keys.time(NOW)))));
    assertEquals("user-a", read("raced", "r-1").closedBy());
  }

  @Test
  void theSampleEventRunsAtItsTime() {
    JsonNode summary = SampleEvents.invoke(handler(), "auto-close/scheduled.json");
    assertEquals(0, summary.path("changedMeanwhile").asInt());
    assertNull(summary.get("error"));
  }

  @Test
  void theSettingIsReadBackAndOffTakesTheCompanyOffTheList() {
    company("toggle", new AutoCloseSetting(true, 15, true, "2026-11-01T00:00:00.000Z", "admin"));
    assertEquals(new AutoCloseSetting(true, 15, true, "2026-11-01T00:00:00.000Z", "admin"), autoClose.get("toggle"));
    assertEquals(true, autoClose.companiesOn().stream().anyMatch(c -> c.accountId().equals("toggle")));
    autoClose.put("toggle", new AutoCloseSetting(false, 15, true, "2026-11-02T00:00:00.000Z", "admin"));
    assertEquals(false, autoClose.companiesOn().stream().anyMatch(c -> c.accountId().equals("toggle")));
    assertEquals(AutoCloseSetting.off(), autoClose.get("nobody"));
    assertEquals(false, autoClose.put("nobody", AutoCloseSetting.off()), "no such account");
  }
}
