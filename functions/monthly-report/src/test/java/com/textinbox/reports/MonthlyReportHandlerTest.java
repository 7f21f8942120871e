package com.textinbox.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.notifications.Email;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.notifications.NotificationSettingsItem;
import com.textinbox.shared.notifications.store.NotificationSettingsStore;
import com.textinbox.shared.notifications.store.NotificationStore;
import com.textinbox.shared.reports.MonthlyCounter;
import com.textinbox.shared.reports.store.CounterStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.testing.SampleEvents;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.AccountStore;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The monthly report (N4) against DynamoDB Local over HTTP, with a fake SES. */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class MonthlyReportHandlerTest {
  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  /** Toronto's December begins at 05:00 UTC. */
  private static final Instant DECEMBER_IN_TORONTO = Instant.parse("2026-12-01T05:10:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoTable table;
  private static CounterStore counters;

  private final List<Email> sent = new ArrayList<>();
  private final List<String> refuse = new ArrayList<>();

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("inbox");
    table = new DynamoTable(local.client(), "inbox");
    counters = new CounterStore(table);
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  private MonthlyReportHandler handler() {
    return new MonthlyReportHandler(table, email -> {
      if (refuse.contains(email.to())) {
        throw new IllegalStateException("SES refused " + email.to());
      }
      sent.add(email);
      return "ses-" + sent.size();
    }, "https://app.example.com/", Clock.fixed(DECEMBER_IN_TORONTO, ZoneOffset.UTC));
  }

  /** A company in Toronto with: an admin (on by default), a user (off by default), a user who turned it on, an admin who turned it off. */
  private static void company(String accountId, String language) {
    new AccountStore(table).put(new Account(accountId, "Maple Motors", "+15145550100", language, null, null, null, null, null));
    UserStore users = new UserStore(table);
    users.put(User.of(accountId, "admin", "Alice", "alice@" + accountId + ".example", Role.ADMIN));
    users.put(User.of(accountId, "user", "Bruno", "bruno@" + accountId + ".example", Role.USER));
    users.put(User.of(accountId, "user-on", "Chloe", "chloe@" + accountId + ".example", Role.USER));
    users.put(User.of(accountId, "admin-off", "Dan", "dan@" + accountId + ".example", Role.ADMIN));
    NotificationSettingsStore settings = new NotificationSettingsStore(table);
    settings.put(new NotificationSettingsItem(accountId, "user-on", NotificationSettings.defaults()
        .merge(com.textinbox.shared.json.Json.read("{\"categories\":{\"monthlyReport\":{\"email\":true}}}")), null, null, null));
    settings.put(new NotificationSettingsItem(accountId, "admin-off", NotificationSettings.defaults().forRole(true)
        .merge(com.textinbox.shared.json.Json.read("{\"categories\":{\"monthlyReport\":{\"email\":false,\"browser\":false}}}")),
        null, null, null));
  }

  private static void count(String accountId, YearMonth month, long sent, long received) {
    table.write(List.of(counters.add(accountId, month, Map.of(MonthlyCounter.MESSAGES_SENT, sent,
        MonthlyCounter.MESSAGES_RECEIVED, received))));
  }

  private static List<Notification> centerOf(String accountId, String userId) {
    return new NotificationStore(table).all(accountId, userId, null, 10, false).items();
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void oneEmailPerOptedInUserOnceTheMonthHasBegunInTheCompanysZone() {
    company("acct-en", "en");
    count("acct-en", YearMonth.of(2026, 10), 8, 10);
    counters.reportsSent("acct-en", YearMonth.of(2026, 10)); // October's reports went out in November
    count("acct-en", NOVEMBER, 12, 15);
    count("acct-en", YearMonth.of(2026, 12), 1, 1); // December's own, not due

    // 04:00 UTC: still November in Toronto
    assertEquals(new MonthlyReportHandler.Summary(0, 1, 0, 0, 0, 0), handler().run(Instant.parse("2026-12-01T04:00:00Z")));
    assertEquals(List.of(), sent);

    AtomicReference<MonthlyReportHandler.Summary> ran = new AtomicReference<>();
    Map<String, Integer> requests = RequestCounter.during(() -> ran.set(handler().run(DECEMBER_IN_TORONTO)));
    assertEquals(new MonthlyReportHandler.Summary(1, 0, 2, 2, 0, 0), ran.get());
    assertEquals(List.of("alice@acct-en.example", "chloe@acct-en.example"), sent.stream().map(Email::to).toList());
    Email email = sent.get(0);
    assertEquals("Monthly report: November 2026 - Maple Motors", email.subject());
    assertTrue(email.text().contains("Messages sent: 12 (October 2026: 8, +50%)"), email.text());
    assertTrue(email.text().contains("Messages received: 15 (October 2026: 10, +50%)"), email.text());
    assertTrue(email.html().contains("bgcolor=\"#1a73e8\""), "bars as coloured table cells");
    assertTrue(email.html().contains("https://app.example.com/reports/monthly?month=2026-11"));
    // the center has it too, for the same users
    assertEquals("report.monthly", centerOf("acct-en", "admin").get(0).eventType());
    assertTrue(centerOf("acct-en", "admin").get(0).content().body().contains("Messages sent: 12 (October 2026: 8)"));
    assertEquals(List.of(), centerOf("acct-en", "user"));
    assertEquals(List.of(), centerOf("acct-en", "admin-off"));
    // per company: the list, account, counters (batch), users, settings; per recipient: center put,
    // claim, sent; then the month off the list. Never per message.
    assertEquals(Map.of("DynamoDb.Query", 3, "DynamoDb.Query.attempts", 3, "DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1,
        "DynamoDb.BatchGetItem", 1, "DynamoDb.BatchGetItem.attempts", 1, "DynamoDb.PutItem", 2, "DynamoDb.PutItem.attempts", 2,
        "DynamoDb.UpdateItem", 5, "DynamoDb.UpdateItem.attempts", 5), requests);

    // a rerun: nothing is due any more
    assertEquals(new MonthlyReportHandler.Summary(0, 0, 0, 0, 0, 0), handler().run(DECEMBER_IN_TORONTO));
    // a late count of November puts it back on the list: the markers keep each email sent once
    count("acct-en", NOVEMBER, 1, 0);
    assertEquals(new MonthlyReportHandler.Summary(1, 0, 0, 0, 2, 0), handler().run(DECEMBER_IN_TORONTO.plusSeconds(3600)));
    assertEquals(2, sent.size(), "still one email per user");
    assertEquals(1, centerOf("acct-en", "admin").size());
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void aFailedEmailIsSentByTheNextRunAndOnlyIt() {
    company("acct-fr", "fr");
    count("acct-fr", NOVEMBER, 3, 0);
    refuse.add("chloe@acct-fr.example");
    assertEquals(new MonthlyReportHandler.Summary(0, 1, 2, 1, 0, 1), handler().run(DECEMBER_IN_TORONTO));
    assertEquals(List.of("alice@acct-fr.example"), sent.stream().map(Email::to).toList());
    assertEquals("Rapport mensuel : novembre 2026 - Maple Motors", sent.get(0).subject());
    assertTrue(sent.get(0).text().contains("Messages envoyés: 3 (octobre 2026: 0, nouveau)"), sent.get(0).text());
    refuse.clear();
    assertEquals(new MonthlyReportHandler.Summary(1, 0, 0, 1, 1, 0), handler().run(DECEMBER_IN_TORONTO.plusSeconds(3600)));
    assertEquals(List.of("alice@acct-fr.example", "chloe@acct-fr.example"), sent.stream().map(Email::to).toList());
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void theSampleEventRunsAtItsTime() {
    JsonNode summary = SampleEvents.invoke(handler(), "monthly-report/scheduled.json");
    assertEquals(0, summary.path("failed").asInt(), summary.toString());
  }
}
