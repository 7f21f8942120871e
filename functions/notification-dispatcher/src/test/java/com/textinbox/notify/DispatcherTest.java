package com.textinbox.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.cache.Lazy;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.testing.SampleEvents;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Email;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationEvent;
import com.textinbox.shared.notifications.store.DigestStore;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The dispatcher against DynamoDB Local, with SES replaced by a recording sender and push by a
 * recording channel: recipients, N6, free users, digest items, idempotency per event and channel.
 */
class DispatcherTest {
  private static final String TABLE = "textinbox-test";
  private static final String ACCOUNT = "acct-maple-motors";
  private static final Instant AT = Instant.parse("2026-11-21T14:03:00.123Z");
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;

  private final List<Email> emails = new ArrayList<>();
  private final AtomicInteger emailFailures = new AtomicInteger();
  private final List<String> pushes = new ArrayList<>();
  private Dispatcher dispatcher;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable(TABLE);
    String account = Keys.account(ACCOUNT);
    user("user-alice", "Alice Martin", "admin");
    user("user-bruno", "Bruno Tremblay", "user");
    user("user-chloe", "Chloé Roy", "user");
    user("user-felix", "Félix Gagnon", "free");
    user("user-dana", "Dana Digest", "user");
    put(account, Keys.teamSk("team-service"), Map.of(Table.TYPE, s("Team"), "name", s("Service")));
    for (String member : List.of("user-bruno", "user-chloe", "user-alice")) {
      put(account, Keys.memberSk("team-service", member), Map.of(Table.TYPE, s("Membership"), "teamId", s("team-service"),
          "userId", s(member)));
    }
    put(Keys.customer(ACCOUNT, "cust-john"), Keys.PROFILE_SK, Map.of(Table.TYPE, s("Customer"), "firstName", s("John"), "lastName", s("Smith")));
    put(Keys.conversation(ACCOUNT, "conv-john"), Keys.CONVERSATION_SK, Map.of(Table.TYPE, s("Conversation"),
        "assigneeKind", s("USER"), "assigneeId", s("user-bruno"), "lastMessagePreview", s("Is my car ready?")));
    put(Keys.conversation(ACCOUNT, "conv-john"), Keys.timelineSk(Keys.time(AT), "msg-1"), Map.of(Table.TYPE, s("Message"),
        "body", s("Is my car ready? I can come at 5.")));
    put(account, Keys.notificationSettingsSk("user-dana"), Map.of("emailMode", s("digest"), "digestHour", AttributeValue.fromN("8"),
        "timeZone", s("America/Toronto")));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @BeforeEach
  void wire() {
    NotificationChannel push = new NotificationChannel() {
      @Override
      public Channel channel() {
        return Channel.PUSH;
      }

      @Override
      public void deliver(Recipient recipient, Notification notification) {
        pushes.add(recipient.userId() + ":" + notification.notificationId());
      }
    };
    DynamoTable table = new DynamoTable(dynamoDb, TABLE);
    dispatcher = new Dispatcher(table, List.of(new EmailChannel(email -> {
      if (emailFailures.getAndDecrement() > 0) {
        throw new IllegalStateException("SES throttled");
      }
      emails.add(email);
      return "ses-" + emails.size();
    }, new DigestStore(table), "https://app.example.com"), push), Clock.fixed(AT, ZoneOffset.UTC));
  }

  @Test
  void aCustomerMessageNotifiesTheAssigneeInTheCenterByEmailAndPushOnce() {
    NotificationEvent event = messageReceived("evt-" + UUID.randomUUID());
    Map<String, Integer> made = RequestCounter.during(() -> dispatcher.dispatch(event));
    assertEquals(1, emails.size());
    Email email = emails.get(0);
    assertEquals("bruno@maple-motors.example", email.to());
    assertEquals("New message from John Smith", email.subject());
    assertTrue(email.text().contains("Is my car ready? I can come at 5."));
    assertTrue(email.text().contains("View conversation: https://app.example.com/conversations/conv-john"));
    assertEquals(1, pushes.size());
    Map<String, AttributeValue> item = centerItem("user-bruno", event);
    assertEquals("New message from John Smith", item.get("title").s());
    assertFalse(item.containsKey("pending"), "both channels delivered");
    // one BatchGetItem of the facts, one of the recipient, the center item, the delivered mark
    assertEquals(Map.of("DynamoDb.BatchGetItem", 2, "DynamoDb.BatchGetItem.attempts", 2, "DynamoDb.PutItem", 1,
        "DynamoDb.PutItem.attempts", 1, "DynamoDb.UpdateItem", 1, "DynamoDb.UpdateItem.attempts", 1), made);

    dispatcher.dispatch(event); // redelivered
    assertEquals(1, emails.size());
    assertEquals(1, pushes.size());
  }

  @Test
  void aFailedEmailIsRetriedWithTheEventWithoutRepeatingThePushOrTheCenterItem() {
    NotificationEvent event = messageReceived("evt-" + UUID.randomUUID());
    emailFailures.set(1);
    assertThrows(Dispatcher.ChannelsFailed.class, () -> dispatcher.dispatch(event));
    assertEquals(0, emails.size());
    assertEquals(1, pushes.size(), "the push went out though the email failed");
    assertEquals(List.of("email"), centerItem("user-bruno", event).get("pending").ss());

    Dispatcher.Result retry = dispatcher.dispatch(event);
    assertEquals(0, retry.centerItemsWritten());
    assertEquals(1, emails.size());
    assertEquals(1, pushes.size());
    assertFalse(centerItem("user-bruno", event).containsKey("pending"));
  }

  @Test
  void aTeamAssignmentNotifiesEachMemberButNeverTheActor() {
    NotificationEvent event = NotificationEvent.parse(Json.write(Map.of("eventId", "evt-" + UUID.randomUUID(),
        "type", "conversation.assigned", "accountId", ACCOUNT, "at", Keys.time(AT), "conversationId", "conv-john",
        "customerId", "cust-john", "assigneeKind", "TEAM", "assigneeId", "team-service", "actorUserId", "user-alice")));
    Dispatcher.Result result = dispatcher.dispatch(event);
    assertEquals(2, result.recipients());
    assertEquals(List.of("bruno@maple-motors.example", "chloe@maple-motors.example"),
        emails.stream().map(Email::to).sorted().toList());
    assertEquals("Alice Martin assigned your team Service the conversation with John Smith", emails.get(0).subject());
  }

  @Test
  void aBulkAssignmentBecomesOneSummaryPerMember() {
    NotificationEvent event = NotificationEvent.parse(Json.write(Map.of("eventId", "job-1#team-service",
        "type", "conversation.assigned.bulk", "accountId", ACCOUNT, "at", Keys.time(AT), "assigneeKind", "TEAM",
        "assigneeId", "team-service", "count", 12, "jobId", "job-1", "conversationIds", List.of("conv-john"),
        "actorUserId", "user-bruno")));
    Dispatcher.Result result = dispatcher.dispatch(event);
    assertEquals(2, result.centerItemsWritten(), "chloe and alice, not bruno who acted");
    assertEquals(2, emails.size());
    assertEquals("12 conversations were assigned to your team Service by Bruno Tremblay", emails.get(0).subject());
    assertTrue(emails.get(0).text().contains("https://app.example.com/conversations?assignee=team:team-service"));
  }

  @Test
  void freeUsersAreNotNotifiedOfCustomerMatters() {
    NotificationEvent event = NotificationEvent.parse(Json.write(Map.of("eventId", "evt-" + UUID.randomUUID(),
        "type", "note.mention", "accountId", ACCOUNT, "at", Keys.time(AT), "conversationId", "conv-john",
        "customerId", "cust-john", "noteId", "note-1", "mentionedUserId", "user-felix", "authorId", "user-bruno")));
    assertEquals(0, dispatcher.dispatch(event).centerItemsWritten());
    assertTrue(emails.isEmpty());
  }

  @Test
  void aDigestUserGetsADigestItemInsteadOfAnEmail() {
    NotificationEvent event = NotificationEvent.parse(Json.write(Map.of("eventId", "evt-" + UUID.randomUUID(),
        "type", "invoice.paid", "accountId", ACCOUNT, "at", Keys.time(AT), "invoiceId", "inv-42", "customerId", "cust-john",
        "amount", 12050, "currency", "CAD", "recipientUserIds", List.of("user-dana"))));
    dispatcher.dispatch(event);
    assertTrue(emails.isEmpty());
    List<Map<String, AttributeValue>> digest = dynamoDb.query(b -> b.tableName(TABLE).keyConditionExpression("PK = :pk")
        .expressionAttributeValues(Map.of(":pk", s(Keys.digestOf(ACCOUNT, "user-dana"))))).items();
    assertEquals(1, digest.size());
    assertEquals("Invoice paid by John Smith: 120.50 CAD", digest.get(0).get("title").s());
    assertEquals("/invoices/inv-42", digest.get(0).get("linkPath").s());
  }

  /**
   * Decision 69: SES and SNS are built by the first email or push (the handler's wiring hands the
   * channels lazy clients), so an event whose recipient keeps a digest item and has no device
   * builds neither.
   */
  @Test
  void anEventThatEmailsAndPushesNobodyBuildsNeitherClient() {
    DynamoTable table = new DynamoTable(dynamoDb, TABLE);
    Lazy<SesClient> ses = Lazy.of(() -> SesClient.builder().region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create()).build());
    Lazy<SnsClient> sns = Lazy.of(() -> SnsClient.builder().region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create()).build());
    Dispatcher lazy = new Dispatcher(table, List.of(
        new EmailChannel(EmailSender.ses(ses, "inbox@textinbox.example", "no-reply@textinbox.example"), new DigestStore(table),
            "https://app.example.com"),
        new PushChannel(sns, new com.textinbox.shared.notifications.store.DeviceStore(table))), Clock.fixed(AT, ZoneOffset.UTC));

    lazy.dispatch(NotificationEvent.parse(Json.write(Map.of("eventId", "evt-" + UUID.randomUUID(), "type", "invoice.paid",
        "accountId", ACCOUNT, "at", Keys.time(AT), "invoiceId", "inv-43", "customerId", "cust-john", "amount", 900,
        "currency", "CAD", "recipientUserIds", List.of("user-dana")))));

    assertFalse(ses.built(), "SES client built for a digest item");
    assertFalse(sns.built(), "SNS client built for a user without devices");
  }

  @Test
  void theSampleEventThroughTheHandlerEmailsTheAssignee() {
    put(Keys.conversation(ACCOUNT, "conv-demo-john"), Keys.CONVERSATION_SK, Map.of(Table.TYPE, s("Conversation"),
        "assigneeKind", s("USER"), "assigneeId", s("user-bruno"), "lastMessagePreview", s("Hi, is my car ready?")));
    JsonNode answer = SampleEvents.invoke(new NotificationDispatcher(dispatcher), "notification-dispatcher/sqs-message-received.json");
    assertEquals(0, answer.path("batchItemFailures").size(), answer.toString());
    assertEquals("New message from John Smith", emails.get(0).subject());
    assertTrue(emails.get(0).text().contains("Hi, is my car ready?"));
  }

  @Test
  void aMalformedEventFailsItsRecordOnly() {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("messageId", "bad-1");
    record.put("body", "{\"type\":\"message.received\"}");
    JsonNode batch = Json.mapper().valueToTree(Map.of("Records", List.of(record)));
    assertEquals(List.of("bad-1"), new NotificationDispatcher(dispatcher).processBatch(batch));
  }

  private static NotificationEvent messageReceived(String eventId) {
    return NotificationEvent.parse(Json.write(Map.of("eventId", eventId, "type", "message.received", "accountId", ACCOUNT,
        "at", Keys.time(AT), "conversationId", "conv-john", "customerId", "cust-john", "messageId", "msg-1")));
  }

  private static Map<String, AttributeValue> centerItem(String userId, NotificationEvent event) {
    String id = com.textinbox.shared.notifications.NotificationIds.of(event.eventId(), userId, event.at());
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).consistentRead(true)
        .key(Map.of(Table.PK, s(Keys.notificationsOf(ACCOUNT, userId)), Table.SK, s(Keys.notificationSk(Keys.time(event.at()), id))))).item();
    assertNotNull(item);
    assertFalse(item.isEmpty());
    return item;
  }


  /**
   * SnapStart priming (docs/decisions.md 46): an event of an account that does not exist is read
   * (nothing found) and built for each channel, the real push channel included (with no SNS client:
   * a publish would fail); reads only, no email, no push.
   */
  @Test
  void primingOnlyReadsAndSendsNothing() {
    DynamoTable table = new DynamoTable(dynamoDb, TABLE);
    NotificationDispatcher primed = new NotificationDispatcher(new Dispatcher(table, List.of(new EmailChannel(email -> {
      emails.add(email);
      return "ses-" + emails.size();
    }, new DigestStore(table), "https://app.example.com"), new PushChannel(() -> nowhereSns(),
        new com.textinbox.shared.notifications.store.DeviceStore(table))), Clock.fixed(AT, ZoneOffset.UTC)));
    Map<String, Integer> made = com.textinbox.shared.aws.RequestCounter.during(primed::prime);
    assertFalse(made.isEmpty(), "priming made no request");
    assertEquals(List.of(), com.textinbox.shared.observability.Priming.notReads(made), made.toString());
    assertTrue(made.keySet().stream().anyMatch(call -> call.endsWith("Publish")), "the push's publish, stopped: " + made);
    assertEquals(List.of(), emails);
  }

  /** SNS as the function builds it, at an address where nothing listens: only a stopped call can succeed. */
  private static software.amazon.awssdk.services.sns.SnsClient nowhereSns() {
    return com.textinbox.shared.aws.AwsClients.buildAt(software.amazon.awssdk.services.sns.SnsClient.builder()
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("priming", "priming"))),
        java.net.URI.create("http://127.0.0.1:9"));
  }

  private static void user(String id, String name, String role) {
    put(Keys.account(ACCOUNT), Keys.userSk(id), Map.of(Table.TYPE, s("User"), "name", s(name),
        "email", s(id.substring(5) + "@maple-motors.example"), "role", s(role)));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static void put(String pk, String sk, Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = new HashMap<>(attributes);
    item.put(Table.PK, s(pk));
    item.put(Table.SK, s(sk));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(item));
  }
}
