package com.textinbox.reminders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.appointments.Appointment;
import com.textinbox.shared.appointments.AppointmentBook;
import com.textinbox.shared.appointments.AppointmentInput;
import com.textinbox.shared.appointments.AppointmentStatus;
import com.textinbox.shared.appointments.QuietHours;
import com.textinbox.shared.appointments.ReminderSettings;
import com.textinbox.shared.appointments.ReminderState;
import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.conversations.AppointmentEvent;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.conversations.store.TimelineMapper;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.reports.MonthlyCounter;
import com.textinbox.shared.reports.store.CounterStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Against DynamoDB Local: the due list is a real sparse index, the once-only condition a real
 * transaction, and the client counts its requests (docs/performance.md, "Appointment reminders").
 */
class AppointmentRemindersHandlerTest {
  private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
  /** Sunday 6 December 2026, 10:00 in Toronto. */
  private static final Instant SUNDAY_10AM = Instant.parse("2026-12-06T15:00:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;
  /** A table per test: the due list is global, and each test's runs must see only its own. */
  private final String TABLE = "inbox-" + UUID.randomUUID();
  private DynamoTable table;
  private final List<String> commands = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
  }

  @org.junit.jupiter.api.BeforeEach
  void table() {
    local.createInboxTable(TABLE);
    table = new DynamoTable(dynamoDb, TABLE);
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  /** A company of its own (the due list is global: each test reads only its own results). */
  private String company(ReminderSettings settings) {
    String accountId = "acct-" + UUID.randomUUID();
    new AccountStore(table).put(new Account(accountId, "Maple Motors", "+15145550100", "en", null, null, null, null,
        "America/Toronto"));
    new AppointmentStore(table).putSettings(accountId, settings);
    return accountId;
  }

  private static final ReminderSettings ON = new ReminderSettings(true, 24,
      new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)), null, null, null);

  private String customer(String accountId, String mobile, boolean subscribed, String language) {
    String id = "cust-" + UUID.randomUUID();
    new CustomerStore(table).create(accountId, new CustomerProfile(id, "Marie", "Lambert", null, mobile, language, null,
        subscribed, subscribed ? null : "2026-01-01T00:00:00.000Z", null, null, null, null, "2026-01-01T00:00:00.000Z", "test"));
    return id;
  }

  private Appointment book(String accountId, String customerId, Instant startsAt, Instant now) {
    return AppointmentBook.on(table, Clock.fixed(now, ZoneOffset.UTC)).create(accountId, TORONTO,
        new AppointmentInput(customerId, null, startsAt, "oil change", null, null));
  }

  /** A subscribed customer with this mobile, and their appointment booked the day before its reminder is due. */
  private Appointment bookedADayAhead(String accountId, String mobile, String language, Instant startsAt) {
    return book(accountId, customer(accountId, mobile, true, language), startsAt, SUNDAY_10AM.minusSeconds(86_400));
  }

  private AppointmentRemindersHandler handler(Instant now) {
    return new AppointmentRemindersHandler(dynamoDb, TABLE, Clock.fixed(now, ZoneOffset.UTC), c -> commands.add(c.json()));
  }

  private Appointment read(String accountId, String appointmentId) {
    return new AppointmentStore(table).find(accountId, appointmentId).orElseThrow();
  }

  private List<TimelineEntry> timeline(String accountId, String conversationId) {
    return table.queryAll(Query.table(Keys.conversation(accountId, conversationId)).beginsWith(Keys.TIMELINE_PREFIX)).stream()
        .map(TimelineMapper::fromItem).toList();
  }

  @Test
  void aReminderDueIsTextedOnceWhateverTheReruns() {
    String accountId = company(ON);
    Instant tomorrow9am = Instant.parse("2026-12-07T14:00:00Z");
    Appointment booked = bookedADayAhead(accountId, "+15145550111", "en", tomorrow9am);
    Instant due = Instant.parse("2026-12-06T14:00:00Z");

    AtomicReference<Reminders.Summary> first = new AtomicReference<>();
    Map<String, Integer> requests = RequestCounter.during(() -> first.set(handler(SUNDAY_10AM).run(SUNDAY_10AM)));
    assertEquals(1, first.get().reminded(), first.get().toString());
    assertEquals(1, commands.size());
    // pinned in docs/performance.md: 1 Query; per company 2 GetItem (account, settings); per reminder
    // 3 GetItem (profile, guard, conversation: none yet, so 1 TransactWriteItems opens it) + 1 TransactWriteItems
    assertEquals(Map.of("DynamoDb.Query", 1, "DynamoDb.Query.attempts", 1, "DynamoDb.GetItem", 4,
        "DynamoDb.GetItem.attempts", 4, "DynamoDb.TransactWriteItems", 2, "DynamoDb.TransactWriteItems.attempts", 2),
        requests, "a reminder for a customer without a conversation yet");

    Appointment reminded = read(accountId, booked.appointmentId());
    assertEquals(ReminderState.SENT, reminded.reminder());
    List<TimelineEntry> entries = timeline(accountId, reminded.conversationId());
    Message text = (Message) entries.get(0);
    assertEquals(new Message.Source("automation", "appointment-reminders"), text.source());
    assertTrue(text.body().startsWith("Hi Marie, this is Maple Motors: a reminder of your oil change appointment on "
        + "Monday, December 7 at 9:00 AM."), text.body());
    AppointmentEvent linked = (AppointmentEvent) entries.get(1);
    assertEquals(booked.appointmentId(), linked.appointmentId());
    assertEquals(AppointmentEvent.REMINDED, linked.event());

    // a rerun of the same schedule, and a later one: nothing more
    handler(SUNDAY_10AM).run(SUNDAY_10AM);
    handler(SUNDAY_10AM.plusSeconds(900)).run(SUNDAY_10AM.plusSeconds(900));
    assertEquals(1, commands.size());
    assertEquals(1, timeline(accountId, reminded.conversationId()).stream().filter(e -> e instanceof Message).count());
    assertTrue(due.isBefore(SUNDAY_10AM));
  }

  @Test
  void aFrenchCustomerGetsTheFrenchMessageOnceEvenFromAnotherRunAtTheSameTime() {
    String accountId = company(ON);
    Appointment booked = bookedADayAhead(accountId, "+15145550121", "fr", Instant.parse("2026-12-07T14:00:00Z"));
    Reminders other = new Reminders(new AppointmentStore(table), new AccountStore(table),
        new com.textinbox.shared.messaging.OutboundMessages(com.textinbox.shared.messaging.OutboundStores.on(table),
            Clock.fixed(SUNDAY_10AM, ZoneOffset.UTC), c -> commands.add(c.json())));
    handler(SUNDAY_10AM).run(SUNDAY_10AM);
    assertEquals(0, other.run(SUNDAY_10AM).reminded());
    assertEquals(1, commands.size());
    String conversationId = read(accountId, booked.appointmentId()).conversationId();
    List<TimelineEntry> entries = timeline(accountId, conversationId);
    assertEquals(1, entries.stream().filter(e -> e instanceof Message).count());
    assertTrue(((Message) entries.get(0)).body().startsWith("Bonjour Marie, ici Maple Motors : rappel de votre rendez-vous "
        + "(oil change) le lundi 7 décembre à 9h00."), ((Message) entries.get(0)).body());
  }

  @Test
  void inQuietHoursTheReminderWaitsForTheirEnd() {
    String accountId = company(ON);
    // Monday 7:00 local: its reminder is due Sunday 7:00 local, in quiet hours until 8:00
    Instant monday7am = Instant.parse("2026-12-07T12:00:00Z");
    Appointment booked = bookedADayAhead(accountId, "+15145550131", "en", monday7am);
    Instant sunday730am = Instant.parse("2026-12-06T12:30:00Z");
    Reminders.Summary summary = handler(sunday730am).run(sunday730am);
    assertTrue(summary.deferred() >= 1, summary.toString());
    Appointment deferred = read(accountId, booked.appointmentId());
    assertEquals(ReminderState.PENDING, deferred.reminder());
    assertEquals("2026-12-06T13:00:00.000Z", deferred.remindAt(), "8:00 in Toronto");
    int before = commands.size();
    Instant sunday8am = Instant.parse("2026-12-06T13:00:00Z");
    handler(sunday8am).run(sunday8am);
    assertEquals(before + 1, commands.size());
  }

  @Test
  void neverToAnUnsubscribedCustomerNorForACancelledAppointment() {
    String accountId = company(ON);
    String unsubscribed = customer(accountId, "+15145550141", false, "en");
    String subscribed = customer(accountId, "+15145550142", true, "en");
    Instant tomorrow = Instant.parse("2026-12-07T14:00:00Z");
    Appointment one = book(accountId, unsubscribed, tomorrow, SUNDAY_10AM.minusSeconds(86_400));
    Appointment two = book(accountId, subscribed, tomorrow, SUNDAY_10AM.minusSeconds(86_400));
    new AppointmentStore(table).save(accountId, TORONTO, two, two.withStatus(AppointmentStatus.CANCELLED, "2026-12-05T00:00:00.000Z"),
        SUNDAY_10AM);
    int before = commands.size();
    handler(SUNDAY_10AM).run(SUNDAY_10AM);
    assertEquals(before, commands.size());
    assertEquals(ReminderState.SKIPPED, read(accountId, one.appointmentId()).reminder());
  }

  @Test
  void anAppointmentWhoseTimePassedUnconfirmedBecomesNotConfirmedAndIsCountedOnce() {
    String accountId = company(new ReminderSettings(false, 24, null, null, null, null));
    String customerId = customer(accountId, "+15145550151", true, "en");
    Instant start = Instant.parse("2026-12-07T14:00:00Z");
    Appointment booked = book(accountId, customerId, start, SUNDAY_10AM);
    handler(SUNDAY_10AM).run(SUNDAY_10AM);   // the automation is off: the reminder is skipped for good
    assertEquals(ReminderState.SKIPPED, read(accountId, booked.appointmentId()).reminder());
    Instant after = start.plusSeconds(60);
    handler(after).run(after);
    handler(after).run(after);
    assertEquals(AppointmentStatus.NOT_CONFIRMED, read(accountId, booked.appointmentId()).status());
    assertEquals(1L, new CounterStore(table).read(accountId, YearMonth.of(2026, 12)).get(MonthlyCounter.APPOINTMENTS_NOT_CONFIRMED));
  }
}
