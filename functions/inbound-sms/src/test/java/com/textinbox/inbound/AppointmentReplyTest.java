package com.textinbox.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.appointments.Appointment;
import com.textinbox.shared.appointments.AppointmentStatus;
import com.textinbox.shared.appointments.ReminderState;
import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.conversations.AppointmentEvent;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.conversations.store.TimelineMapper;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.reports.MonthlyCounter;
import com.textinbox.shared.reports.store.CounterStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Replies to appointment reminders (AP2) through the real handler, against DynamoDB Local with the
 * table's indexes: the outcome, its timeline event, counter and notification event; the nearest of
 * two; STOP wins; a redelivery changes nothing twice; an ordinary text costs what it did.
 */
class AppointmentReplyTest {
  private static final String TABLE = "inbox";
  private static final String COMPANY = "+15145550100";
  private static final Instant NOW = Instant.parse("2026-12-06T15:00:00Z");
  private static final AtomicInteger NUMBERS = new AtomicInteger(300);
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;
  private static DynamoTable table;

  private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
  private final List<JsonNode> notifications = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable(TABLE);
    table = new DynamoTable(dynamoDb, TABLE);
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  /** A company of its own with its number (each test's counters are its own). */
  private static String company(String number) {
    String accountId = "acct-" + UUID.randomUUID();
    dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of(Table.PK, AttributeValue.fromS(Keys.companyNumber(number)),
        Table.SK, AttributeValue.fromS(Keys.COMPANY_NUMBER_SK), Table.TYPE, AttributeValue.fromS("CompanyNumber"),
        "accountId", AttributeValue.fromS(accountId))));
    new AccountStore(table).put(new Account(accountId, "Maple Motors", number, "en", null, null, null, null, "America/Toronto"));
    return accountId;
  }

  private static String customer(String accountId, String mobile) {
    String id = "cust-" + UUID.randomUUID();
    new CustomerStore(table).create(accountId, new CustomerProfile(id, "Marie", "Lambert", null, mobile, "fr", null, true,
        null, null, null, "2026-01-01T00:00:00.000Z", null, "2026-01-01T00:00:00.000Z", "test"));
    return id;
  }

  /** An appointment whose reminder was texted, with the reply window on the customer's guard. */
  private static Appointment reminded(String accountId, String customerId, String mobile, Instant startsAt, String advisor) {
    String t = Keys.time(startsAt);
    Appointment a = new Appointment("appt-" + UUID.randomUUID(), customerId, t, "oil change", advisor,
        AppointmentStatus.SCHEDULED, null, ReminderState.SENT, Keys.time(startsAt.minusSeconds(86_400)),
        "2026-12-06T14:00:00.000Z", "msg-reminder", null, null, null, "2026-12-01T00:00:00.000Z", "2026-12-06T14:00:00.000Z");
    AppointmentStore store = new AppointmentStore(table);
    String window = store.phoneGuard(accountId, mobile).orElseThrow().replyWindowUntil();
    table.transact(store.createWrite(accountId, a), store.replyWindowWrite(accountId, mobile, window, t));
    return a;
  }

  /** A company of its own with its number, and one customer of it with a mobile. */
  private record Fixture(String number, String accountId, String mobile, String customerId) {}

  private static Fixture fixture() {
    String number = "+1438555" + String.format("%04d", NUMBERS.incrementAndGet());
    String accountId = company(number);
    String mobile = "+15145550" + NUMBERS.incrementAndGet();
    return new Fixture(number, accountId, mobile, customer(accountId, mobile));
  }

  private InboundSmsHandler handler() {
    return new InboundSmsHandler(dynamoDb, TABLE, "US", Clock.fixed(NOW, ZoneOffset.UTC),
        (eventId, type, json) -> events.add(Json.read(json)), command -> { },
        (eventId, type, json) -> notifications.add(Json.read(json)));
  }

  private static Appointment read(String accountId, String appointmentId) {
    return new AppointmentStore(table).find(accountId, appointmentId).orElseThrow();
  }

  private static long counter(String accountId, MonthlyCounter counter) {
    return new CounterStore(table).read(accountId, YearMonth.of(2026, 12)).get(counter);
  }

  private static List<AppointmentEvent> appointmentEvents(String accountId, String conversationId) {
    List<AppointmentEvent> found = new ArrayList<>();
    for (Map<String, AttributeValue> item : table.queryAll(
        Query.table(Keys.conversation(accountId, conversationId)).beginsWith(Keys.TIMELINE_PREFIX))) {
      TimelineEntry entry = TimelineMapper.fromItem(item);
      if (entry instanceof AppointmentEvent e) {
        found.add(e);
      }
    }
    return found;
  }

  @Test
  void ouiConfirmsCountsLinksAndNotifiesTheAdvisorOnceWhateverTheRedeliveries() {
    Fixture f = fixture();
    String number = f.number(), accountId = f.accountId(), mobile = f.mobile(), customerId = f.customerId();
    Appointment a = reminded(accountId, customerId, mobile, NOW.plusSeconds(86_400), "user-bruno");

    String carrierId = UUID.randomUUID().toString();
    Map<String, Integer> requests = RequestCounter.during(() -> deliver(carrierId, mobile, number, "Oui"));
    Appointment confirmed = read(accountId, a.appointmentId());
    assertEquals(AppointmentStatus.CONFIRMED, confirmed.status());
    assertEquals(1, counter(accountId, MonthlyCounter.APPOINTMENTS_CONFIRMED));
    assertEquals(1, notifications.size());
    JsonNode n = notifications.get(0);
    assertEquals("appointment.confirmed", n.path("type").asText());
    assertEquals(a.appointmentId(), n.path("appointmentId").asText());
    assertEquals("user-bruno", n.path("recipientUserIds").path(0).asText());
    List<AppointmentEvent> linked = appointmentEvents(accountId, confirmed.conversationId());
    assertEquals(1, linked.size());
    assertEquals(a.appointmentId(), linked.get(0).appointmentId());
    assertEquals(confirmed.replyMessageId(), linked.get(0).messageId());
    // a known customer without a conversation yet: the ordinary 7 requests (4 GetItem, 2 TransactWriteItems,
    // 1 UpdateItem: docs/data-model.md) + their appointments (1 Query); the outcome's counter joins the message's
    assertEquals(Map.of("DynamoDb.GetItem", 4, "DynamoDb.GetItem.attempts", 4, "DynamoDb.Query", 1,
        "DynamoDb.Query.attempts", 1, "DynamoDb.TransactWriteItems", 2, "DynamoDb.TransactWriteItems.attempts", 2,
        "DynamoDb.UpdateItem", 1, "DynamoDb.UpdateItem.attempts", 1), requests);

    deliver(carrierId, mobile, number, "Oui");   // the carrier's redelivery
    assertEquals(1, counter(accountId, MonthlyCounter.APPOINTMENTS_CONFIRMED));
    assertEquals(1, notifications.size());
    assertEquals(1, appointmentEvents(accountId, confirmed.conversationId()).size());
  }

  @Test
  void nonCancelsAndAnythingElseIsReplied() {
    Fixture f = fixture();
    String number = f.number(), accountId = f.accountId(), mobile = f.mobile(), customerId = f.customerId();
    Appointment first = reminded(accountId, customerId, mobile, NOW.plusSeconds(86_400), null);
    deliver(UUID.randomUUID().toString(), mobile, number, "NON");
    assertEquals(AppointmentStatus.CANCELLED, read(accountId, first.appointmentId()).status());
    assertEquals(1, counter(accountId, MonthlyCounter.APPOINTMENTS_CANCELLED));
    assertEquals("appointment.cancelled", notifications.get(0).path("type").asText());
    assertFalse(notifications.get(0).has("recipientUserIds"), "no advisor: the conversation's assignee is told");

    Appointment second = reminded(accountId, customerId, mobile, NOW.plusSeconds(2 * 86_400), null);
    deliver(UUID.randomUUID().toString(), mobile, number, "Can we make it 10?");
    assertEquals(AppointmentStatus.REPLIED, read(accountId, second.appointmentId()).status());
    assertEquals("appointment.replied", notifications.get(1).path("type").asText());
  }

  @Test
  void twoPendingTheNearestIsAnsweredAndTheConversationSaysWhich() {
    Fixture f = fixture();
    String number = f.number(), accountId = f.accountId(), mobile = f.mobile(), customerId = f.customerId();
    Appointment later = reminded(accountId, customerId, mobile, NOW.plusSeconds(3 * 86_400), null);
    Appointment nearest = reminded(accountId, customerId, mobile, NOW.plusSeconds(86_400), null);
    deliver(UUID.randomUUID().toString(), mobile, number, "yes");
    assertEquals(AppointmentStatus.CONFIRMED, read(accountId, nearest.appointmentId()).status());
    assertEquals(AppointmentStatus.SCHEDULED, read(accountId, later.appointmentId()).status());
    String conversationId = read(accountId, nearest.appointmentId()).conversationId();
    assertEquals(nearest.appointmentId(), appointmentEvents(accountId, conversationId).get(0).appointmentId());
  }

  @Test
  void stopAlwaysWinsTheAppointmentUntouched() {
    Fixture f = fixture();
    String number = f.number(), accountId = f.accountId(), mobile = f.mobile(), customerId = f.customerId();
    Appointment a = reminded(accountId, customerId, mobile, NOW.plusSeconds(86_400), null);
    deliver(UUID.randomUUID().toString(), mobile, number, "STOP");
    assertEquals(AppointmentStatus.SCHEDULED, read(accountId, a.appointmentId()).status());
    assertFalse(new CustomerStore(table).find(accountId, customerId).orElseThrow().subscribed());
    assertTrue(notifications.isEmpty());
  }

  @Test
  void anOrdinaryTextCostsWhatItDid() {
    Fixture f = fixture();
    String number = f.number(), mobile = f.mobile();
    deliver(UUID.randomUUID().toString(), mobile, number, "first");   // opens the conversation
    Map<String, Integer> requests = RequestCounter.during(() -> deliver(UUID.randomUUID().toString(), mobile, number, "Oui"));
    // docs/data-model.md "Inbound SMS", a cold container: 3 GetItem (company number, marker, guard; no account read
    // away from a month's turn), 1 BatchGetItem (profile and the conversation the guard notes), 1 TransactWriteItems,
    // 1 UpdateItem: no Query
    assertEquals(3, requests.get("DynamoDb.GetItem"), requests.toString());
    assertEquals(1, requests.get("DynamoDb.BatchGetItem"), requests.toString());
    assertEquals(1, requests.get("DynamoDb.TransactWriteItems"), requests.toString());
    assertEquals(1, requests.get("DynamoDb.UpdateItem"), requests.toString());
    assertFalse(requests.containsKey("DynamoDb.Query"), requests.toString());
    assertTrue(notifications.isEmpty());
  }

  private void deliver(String carrierId, String from, String to, String body) {
    String payload = new String(Json.bytes(Map.of("originationNumber", from, "destinationNumber", to,
        "messageBody", body, "messageKeyword", "KEYWORD_123456789012", "inboundMessageId", carrierId,
        "previousPublishedMessageId", UUID.randomUUID().toString())), StandardCharsets.UTF_8);
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("Type", "Notification");
    envelope.put("MessageId", UUID.randomUUID().toString());
    envelope.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:textinbox-dev-inbound-sms");
    envelope.put("Message", payload);
    envelope.put("Timestamp", NOW.toString());
    Map<String, Object> record = Map.of("messageId", UUID.randomUUID().toString(),
        "body", new String(Json.bytes(envelope), StandardCharsets.UTF_8), "attributes", Map.of("ApproximateReceiveCount", "1"),
        "eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:textinbox-dev-inbound-sms");
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler().handleRequest(new ByteArrayInputStream(Json.bytes(Map.of("Records", List.of(record)))), out, null);
      JsonNode answer = Json.mapper().readTree(out.toByteArray());
      assertEquals(0, answer.path("batchItemFailures").size(), answer.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
