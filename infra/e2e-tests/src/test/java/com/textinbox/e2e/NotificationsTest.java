package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Notification dispatch end to end (N1-N7): events put on NotificationEventsQueue, as the
 * assignment step and the conversations API will, become center items, emails read back from the
 * mailbox, pushes read back from the SNS stand-in, and daily digests sent by the DailyDigest
 * schedule. Its own users, team and conversation in the dealership (unique ids), so other tests'
 * mail and data do not interfere.
 */
class NotificationsTest {
  private static final String ACCOUNT = "acct-maple-motors";
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String ASSIGNEE = "user-ntf-assignee-" + RUN;
  private static final String MEMBER_1 = "user-ntf-member1-" + RUN;
  private static final String MEMBER_2 = "user-ntf-member2-" + RUN;
  private static final String ACTOR = "user-ntf-actor-" + RUN;
  private static final String DIGEST = "user-ntf-digest-" + RUN;
  private static final String TEAM = "team-ntf-" + RUN;
  private static final String CONVERSATION = "conv-ntf-" + RUN;
  private static final String DIGEST_CONVERSATION = "conv-ntf-digest-" + RUN;
  private static final String MESSAGE = "msg-ntf-" + RUN;
  private static final Instant MESSAGE_AT = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
  private static final String BODY = "Hi, is my car ready? I can come at 5.";

  private static String assigneeToken;

  @BeforeAll
  static void people() {
    for (String user : List.of(ASSIGNEE, MEMBER_1, MEMBER_2, ACTOR, DIGEST)) {
      put("A#" + ACCOUNT, "USER#" + user, Map.of("type", s("User"), "name", s(name(user)), "email", s(email(user)), "role", s("user")));
    }
    put("A#" + ACCOUNT, "TEAM#" + TEAM, Map.of("type", s("Team"), "name", s("Body shop " + RUN)));
    for (String member : List.of(MEMBER_1, MEMBER_2, ACTOR)) {
      put("A#" + ACCOUNT, "MEMBER#" + TEAM + "#" + member, Map.of("type", s("Membership"), "teamId", s(TEAM), "userId", s(member)));
    }
    conversation(CONVERSATION, ASSIGNEE);
    conversation(DIGEST_CONVERSATION, DIGEST);
    put("A#" + ACCOUNT + "#CONV#" + CONVERSATION, "T#" + time(MESSAGE_AT) + "#" + MESSAGE, Map.of(
        "type", s("Message"), "messageId", s(MESSAGE), "direction", s("INBOUND"), "body", s(BODY)));
    assigneeToken = token(ASSIGNEE, "user");
  }

  @Test
  void aCustomerMessageReachesTheAssigneeInTheCenterByEmailAndPushOnceEvenWhenRedelivered() {
    String deviceId = registerDevice(assigneeToken, "fcm-token-assignee-" + RUN);
    String endpointArn = LocalAws.item("A#" + ACCOUNT + "#U#" + ASSIGNEE + "#DEVICES", "DEVICE#" + deviceId).get("endpointArn").s();
    Map<String, Object> event = messageReceived("evt-msg-" + RUN, CONVERSATION, MESSAGE, MESSAGE_AT);

    send(event);
    JsonNode email = Eventually.await("the assignee's email", Duration.ofSeconds(30), () -> emailTo(ASSIGNEE, "New message from John Smith"));
    assertEquals("New message from John Smith", email.path("subject").asText());
    assertTrue(email.path("text").asText().contains(BODY), email.toString());
    assertTrue(email.path("text").asText().contains("View conversation: https://app.example.com/conversations/" + CONVERSATION), email.toString());
    assertTrue(email.path("html").asText().contains("href=\"https://app.example.com/conversations/" + CONVERSATION + "\""), email.toString());
    assertEquals("no-reply@example.com", email.path("replyTo").get(0).asText(), "replies must never reach the customer (N3)");
    JsonNode push = Eventually.await("the push", Duration.ofSeconds(30), () -> pushesTo(endpointArn).stream().findFirst().orElse(null));
    assertTrue(push.path("message").asText().contains("New message from John Smith"), push.toString());

    JsonNode center = Http.get(api("/notifications"), assigneeToken).json().path("notifications");
    assertEquals(1, center.size(), center.toString());
    assertEquals("New message from John Smith", center.get(0).path("title").asText());
    assertEquals("/conversations/" + CONVERSATION, center.get(0).path("link").asText());
    assertFalse(center.get(0).path("read").asBoolean());

    send(event); // SQS delivers again: nobody is told twice
    awaitQueueDrained();
    assertEquals(1, Http.get(api("/notifications"), assigneeToken).json().path("notifications").size());
    assertEquals(1, emailsTo(ASSIGNEE).size());
    assertEquals(1, pushesTo(endpointArn).size());
  }

  @Test
  void aTeamAssignmentReachesEachMemberOnceButNeverTheActor() {
    send(assigned("evt-team-" + RUN, "TEAM", TEAM, ACTOR));
    for (String member : List.of(MEMBER_1, MEMBER_2)) {
      JsonNode email = Eventually.await("the email to " + member, Duration.ofSeconds(30),
          () -> emailTo(member, name(ACTOR) + " assigned your team Body shop " + RUN + " the conversation with John Smith"));
      assertNotNull(email);
      assertEquals(1, centerOf(member).size());
    }
    awaitQueueDrained();
    assertEquals(0, centerOf(ACTOR).size(), "the actor is never notified of their own action (N6)");
    assertTrue(emailsTo(ACTOR).isEmpty());
  }

  @Test
  void aChannelSwitchedOffStaysSilentButTheCenterKeepsTheNotification() {
    String token = token(MEMBER_2, "user");
    Http.Response off = Http.send("PUT", api("/me/notification-settings"), token,
        "{\"categories\":{\"mention\":{\"email\":false,\"push\":false}}}");
    assertEquals(200, off.status(), off.body());
    assertFalse(off.json().path("categories").path("mention").path("email").asBoolean());
    assertTrue(off.json().path("categories").path("conversation").path("email").asBoolean(), "other categories untouched");

    Map<String, Object> mention = base("evt-mention-" + RUN, "note.mention");
    mention.put("conversationId", CONVERSATION);
    mention.put("customerId", "cust-john");
    mention.put("noteId", "note-ntf-" + RUN);
    mention.put("mentionedUserId", MEMBER_2);
    mention.put("authorId", ACTOR);
    send(mention);
    Eventually.await("the mention in the center", Duration.ofSeconds(30), () -> centerOf(MEMBER_2).stream()
        .anyMatch(n -> n.path("type").asText().equals("note.mention")) ? true : null);
    awaitQueueDrained();
    assertTrue(emailsTo(MEMBER_2).stream().noneMatch(e -> e.path("subject").asText().contains("mentioned you")),
        "email is off for mentions");
  }

  @Test
  void aDigestUserGetsNoImmediateEmailAndExactlyOneDigestWhenTheScheduleRunsTwice() {
    String token = token(DIGEST, "user");
    Http.Response digest = Http.send("PUT", api("/me/notification-settings"), token,
        "{\"email\":{\"mode\":\"digest\",\"digestHour\":7,\"timeZone\":\"America/Toronto\"}}");
    assertEquals(200, digest.status(), digest.body());
    assertNotNull(digest.json().path("email").path("nextDigestAt").textValue());

    send(messageReceived("evt-digest-" + RUN, DIGEST_CONVERSATION, "msg-ntf-digest-" + RUN, MESSAGE_AT));
    Eventually.await("the digest user's center item", Duration.ofSeconds(30), () -> centerOf(DIGEST).isEmpty() ? null : true);
    awaitQueueDrained();
    assertTrue(emailsTo(DIGEST).isEmpty(), "a digest user gets no immediate email");

    // the clock reaches their hour: the settings item says the digest is due now
    String due = time(Instant.now().minusSeconds(5));
    LocalAws.dynamoDb().updateItem(b -> b.tableName(LocalAws.table())
        .key(Map.of("PK", s("A#" + ACCOUNT), "SK", s("NOTIFYSETTINGS#" + DIGEST)))
        .updateExpression("SET nextDigestAt = :due, GSI4SK = :sk")
        .expressionAttributeValues(Map.of(":due", s(due), ":sk", s(due + "#" + ACCOUNT + "#" + DIGEST))));
    for (int run = 0; run < 2; run++) {
      Http.Response ran = Http.post(LocalCloudProcess.endpoints().path("schedules").asText() + "/DailyDigest", null, null);
      assertEquals(200, ran.status(), ran.body());
    }
    List<JsonNode> digests = emailsTo(DIGEST);
    assertEquals(1, digests.size(), digests.toString());
    assertEquals("Your daily summary: 1 notification", digests.get(0).path("subject").asText());
    assertTrue(digests.get(0).path("text").asText().contains("New message from John Smith"));
    assertTrue(digests.get(0).path("text").asText().contains("/conversations/" + DIGEST_CONVERSATION));
    JsonNode after = Http.get(api("/me/notification-settings"), token).json();
    assertTrue(after.path("email").path("nextDigestAt").asText().compareTo(due) > 0, "the next digest is tomorrow: " + after);
  }

  @Test
  void theCenterListsUnreadFirstCountsAndMarksReadOneOrAll() {
    String member = MEMBER_1;
    String token = token(member, "user");
    for (int i = 0; i < 3; i++) {
      Map<String, Object> event = assigned("evt-center-" + i + "-" + RUN, "USER", member, ACTOR);
      event.put("at", time(MESSAGE_AT.plusSeconds(i + 1)));
      send(event);
    }
    Eventually.await("the three center items", Duration.ofSeconds(30), () -> centerOf(member).stream()
        .filter(n -> n.path("type").asText().equals("conversation.assigned")).count() >= 3 ? true : null);
    awaitQueueDrained();
    int unread = Http.get(api("/notifications/unread-count"), token).json().path("unread").asInt();
    assertEquals(centerOf(member).size(), unread);

    JsonNode byTime = Http.get(api("/notifications?order=time"), token).json().path("notifications");
    String oldest = byTime.get(byTime.size() - 1).path("id").asText();
    assertEquals(200, Http.post(api("/notifications/" + oldest + "/read"), token, null).status());
    assertEquals(unread - 1, Http.get(api("/notifications/unread-count"), token).json().path("unread").asInt());
    JsonNode unreadFirst = Http.get(api("/notifications?limit=2"), token).json();
    assertFalse(unreadFirst.path("notifications").get(0).path("read").asBoolean());
    List<JsonNode> all = new ArrayList<>();
    unreadFirst.path("notifications").forEach(all::add);
    String cursor = unreadFirst.path("nextCursor").textValue();
    while (cursor != null) {
      JsonNode page = Http.get(api("/notifications?limit=2&cursor=" + cursor), token).json();
      page.path("notifications").forEach(all::add);
      cursor = page.path("nextCursor").textValue();
    }
    assertEquals(byTime.size(), all.size(), all.toString());
    assertEquals(oldest, all.get(all.size() - 1).path("id").asText(), "the read one comes after every unread one");
    assertTrue(all.get(all.size() - 1).path("read").asBoolean());

    assertEquals(404, Http.post(api("/notifications/n1700000000000-0123456789abcdef/read"), token, null).status());
    assertEquals(400, Http.get(api("/notifications?cursor=bm9wZQ"), token).status());
    JsonNode marked = Http.post(api("/notifications/read-all"), token, null).json();
    assertEquals(unread - 1, marked.path("marked").asInt());
    assertEquals(0, Http.get(api("/notifications/unread-count"), token).json().path("unread").asInt());
  }

  @Test
  void aDisabledPushEndpointIsCleanedUpAndARemovedDeviceGetsNothing() {
    String token = token(MEMBER_1, "user");
    String kept = registerDevice(token, "fcm-token-disabled-" + RUN);
    String removed = registerDevice(token, "fcm-token-removed-" + RUN);
    String devices = "A#" + ACCOUNT + "#U#" + MEMBER_1 + "#DEVICES";
    String disabledArn = LocalAws.item(devices, "DEVICE#" + kept).get("endpointArn").s();
    assertEquals(204, Http.send("DELETE", api("/me/devices/" + removed), token, null).status());
    assertEquals(404, Http.send("DELETE", api("/me/devices/" + removed), token, null).status());
    assertNull(LocalAws.item(devices, "DEVICE#" + removed));
    sns().setEndpointAttributes(b -> b.endpointArn(disabledArn).attributes(Map.of("Enabled", "false")));

    send(assigned("evt-push-" + RUN, "USER", MEMBER_1, ACTOR));
    Eventually.await("the disabled device removed", Duration.ofSeconds(30), () -> LocalAws.item(devices, "DEVICE#" + kept) == null ? true : null);
    assertTrue(pushesTo(disabledArn).isEmpty());
  }

  @Test
  void malformedEventsGoToTheDlqAndTheNextOneIsStillDelivered() {
    int before = LocalAws.visibleMessages("NotificationEventsDLQ");
    sqs().sendMessage(b -> b.queueUrl(queueUrl()).messageBody("{not json"));
    Map<String, Object> unknown = base("evt-unknown-" + RUN, "task.due");
    sqs().sendMessage(b -> b.queueUrl(queueUrl()).messageBody(Http.json(unknown)));
    send(assigned("evt-after-bad-" + RUN, "USER", MEMBER_2, ACTOR));
    Eventually.await("the next event delivered", Duration.ofSeconds(30), () -> centerOf(MEMBER_2).stream()
        .anyMatch(n -> n.path("type").asText().equals("conversation.assigned")) ? true : null);
    Eventually.await("both malformed events in the DLQ", Duration.ofSeconds(60),
        () -> LocalAws.visibleMessages("NotificationEventsDLQ") >= before + 2 ? true : null);
  }

  @Test
  void freeUsersGetNoCustomerNotificationsButKeepTheirCenter() {
    Map<String, Object> mention = base("evt-free-" + RUN, "note.mention");
    mention.put("conversationId", CONVERSATION);
    mention.put("customerId", "cust-john");
    mention.put("noteId", "note-free-" + RUN);
    mention.put("mentionedUserId", "user-felix");
    mention.put("authorId", ACTOR);
    send(mention);
    awaitQueueDrained();
    Http.Response center = Http.get(api("/notifications"), Tokens.of("free"));
    assertEquals(200, center.status(), center.body());
    assertTrue(center.json().path("notifications").isEmpty(), center.body());
  }

  @Test
  void settingsAreValidatedWithClearErrors() {
    Http.Response zone = Http.send("PUT", api("/me/notification-settings"), assigneeToken, "{\"email\":{\"timeZone\":\"Mars/Olympus\"}}");
    assertEquals(400, zone.status());
    assertEquals("email.timeZone", zone.json().path("error").path("field").asText());
    Http.Response category = Http.send("PUT", api("/me/notification-settings"), assigneeToken, "{\"categories\":{\"sms\":{\"email\":true}}}");
    assertEquals(400, category.status());
    assertEquals("categories.sms", category.json().path("error").path("field").asText());
    Http.Response hour = Http.send("PUT", api("/me/notification-settings"), assigneeToken, "{\"email\":{\"digestHour\":24}}");
    assertEquals("email.digestHour", hour.json().path("error").path("field").asText());
    Http.Response device = Http.post(api("/me/devices"), assigneeToken, "{\"platform\":\"windows\",\"token\":\"x\"}");
    assertEquals("platform", device.json().path("error").path("field").asText());
    JsonNode defaults = Http.get(api("/me/notification-settings"), Tokens.of("user2")).json();
    assertTrue(defaults.path("categories").path("conversation").path("push").asBoolean(), defaults.toString());
    assertFalse(defaults.path("categories").path("conversation").path("telegram").asBoolean());
    assertEquals("immediate", defaults.path("email").path("mode").asText());
  }

  /** The whole chain: carrier -> InboundSms -> Assignment -> NotificationDispatcher -> mailbox and push outbox. */
  @Test
  void aCustomersTextReachesTheAssigneeByCenterEmailAndPushEndToEnd() {
    String user = "user-ntf-chain-" + RUN;
    put("A#" + ACCOUNT, "USER#" + user, Map.of("type", s("User"), "name", s(name(user)), "email", s(email(user)), "role", s("user")));
    String token = token(user, "user");
    String deviceId = registerDevice(token, "fcm-token-chain-" + RUN);
    String endpointArn = LocalAws.item("A#" + ACCOUNT + "#U#" + user + "#DEVICES", "DEVICE#" + deviceId).get("endpointArn").s();
    String number = String.format("+1514557%04d", Math.abs(RUN.hashCode()) % 10_000);

    String conversation = textIn(number, "Hello, is my car ready?").get("conversationId").s();
    Http.Response assigned = Http.post(api("/conversations/" + conversation + "/assign"), Tokens.of("admin"),
        Http.json(Map.of("assignee", Map.of("kind", "user", "id", user))));
    assertEquals(200, assigned.status(), assigned.body());
    textIn(number, "Can I pick it up at 5?");

    JsonNode email = Eventually.await("the assignee's email for the customer's text", Duration.ofSeconds(30), () ->
        emailsTo(user).stream().filter(e -> e.path("text").asText().contains("Can I pick it up at 5?")).findFirst().orElse(null));
    assertTrue(email.path("subject").asText().startsWith("New message from"), email.toString());
    assertTrue(email.path("text").asText().contains("/conversations/" + conversation), email.toString());
    Eventually.await("the push for the customer's text", Duration.ofSeconds(30), () -> pushesTo(endpointArn).stream()
        .filter(p -> p.path("message").asText().contains("New message from")).findFirst().orElse(null));
    List<JsonNode> center = centerOf(user);
    assertTrue(center.stream().anyMatch(n -> n.path("type").asText().equals("message.received")
        && conversation.equals(n.path("conversationId").asText())), center.toString());
    assertTrue(center.stream().anyMatch(n -> n.path("type").asText().equals("conversation.assigned")), center.toString());
  }

  private static Map<String, AttributeValue> textIn(String from, String body) {
    Http.Response sent = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, sent.status(), sent.body());
    String carrierId = sent.json().path("inboundMessageId").asText();
    return Eventually.await("inbound SMS " + carrierId, Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> m = LocalAws.item("A#" + ACCOUNT + "#INBOUND#" + carrierId, "INBOUND");
      return m != null && m.containsKey("eventSentAt") ? m : null;
    });
  }

  @Test
  void anOpenBrowserAndAConnectedTelegramChatGetTheNotificationAndABlockedChatIsForgotten() throws Exception {
    String user = "user-ntf-live-" + RUN;
    String conversation = "conv-ntf-live-" + RUN;
    long chatId = 700_000_000L + Math.abs(RUN.hashCode() % 1_000_000);
    put("A#" + ACCOUNT, "USER#" + user, Map.of("type", s("User"), "name", s(name(user)), "email", s(email(user)),
        "role", s("user"), "telegram", AttributeValue.fromM(Map.of("chatId", AttributeValue.fromN(Long.toString(chatId))))));
    conversation(conversation, user);
    String token = token(user, "user");
    Http.Response on = Http.send("PUT", api("/me/notification-settings"), token,
        "{\"categories\":{\"conversation\":{\"telegram\":true,\"email\":false,\"push\":false}}}");
    assertEquals(200, on.status(), on.body());
    LiveNotificationsTest.Client browser = LiveNotificationsTest.connect(token);
    try {
      Eventually.await("the connection stored", Duration.ofSeconds(10), () ->
          LocalAws.dynamoDb().query(b -> b.tableName(LocalAws.table()).keyConditionExpression("PK = :pk")
              .expressionAttributeValues(Map.of(":pk", s("A#" + ACCOUNT + "#U#" + user + "#LIVE")))).count() > 0 ? true : null);

      send(messageReceived("evt-live-" + RUN, conversation, MESSAGE, MESSAGE_AT));

      JsonNode live = browser.next(Duration.ofSeconds(30));
      assertEquals("notification", live.path("type").asText(), live.toString());
      assertEquals("New message from John Smith", live.path("title").asText(), live.toString());
      assertEquals("/conversations/" + conversation, live.path("link").asText(), live.toString());
      assertEquals(centerOf(user).getFirst().path("id").asText(), live.path("notificationId").asText(),
          "the live message names the center item, so the web app can mark it read");
      JsonNode telegram = Eventually.await("the Telegram message", Duration.ofSeconds(30), () -> telegramSentTo(chatId).stream()
          .findFirst().orElse(null));
      assertTrue(telegram.path("text").asText().startsWith("New message from John Smith"), telegram.toString());
      assertTrue(telegram.path("text").asText().contains("https://app.example.com/conversations/" + conversation), telegram.toString());
      assertTrue(emailsTo(user).isEmpty(), "email is off for conversations");

      // the user blocks the bot: the next notification finds the chat unavailable and forgets it
      Http.Response blocked = Http.post(LocalCloudProcess.endpoints().path("telegram").path("block").asText(), null,
          "{\"chatId\":" + chatId + "}");
      assertTrue(blocked.status() < 300, blocked.body());
      send(messageReceived("evt-live-2-" + RUN, conversation, MESSAGE, MESSAGE_AT));
      Eventually.await("the blocked chat forgotten", Duration.ofSeconds(30), () ->
          LocalAws.item("A#" + ACCOUNT, "USER#" + user).get("telegram") == null ? true : null);
      assertEquals(2, centerOf(user).size(), "the center keeps both");
      assertEquals(1, telegramSentTo(chatId).size(), "nothing more reached the blocked chat");
    } finally {
      browser.close();
    }
  }

  private static List<JsonNode> telegramSentTo(long chatId) {
    List<JsonNode> sent = new ArrayList<>();
    Http.get(LocalCloudProcess.endpoints().path("telegram").path("sent").asText(), null).json().forEach(m -> {
      if (m.path("chatId").asLong() == chatId) {
        sent.add(m);
      }
    });
    return sent;
  }

  // ------------------------------------------------------------------ helpers

  private static Map<String, Object> base(String eventId, String type) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", eventId);
    event.put("type", type);
    event.put("accountId", ACCOUNT);
    event.put("at", time(MESSAGE_AT));
    return event;
  }

  private static Map<String, Object> messageReceived(String eventId, String conversation, String messageId, Instant at) {
    Map<String, Object> event = base(eventId, "message.received");
    event.put("conversationId", conversation);
    event.put("customerId", "cust-john");
    event.put("messageId", messageId);
    event.put("at", time(at));
    return event;
  }

  private static Map<String, Object> assigned(String eventId, String kind, String assignee, String actor) {
    Map<String, Object> event = base(eventId, "conversation.assigned");
    event.put("conversationId", CONVERSATION);
    event.put("customerId", "cust-john");
    event.put("assigneeKind", kind);
    event.put("assigneeId", assignee);
    event.put("actorUserId", actor);
    return event;
  }

  private static void conversation(String id, String assignee) {
    put("A#" + ACCOUNT + "#CONV#" + id, "CONVERSATION", Map.of("type", s("Conversation"), "conversationId", s(id),
        "customerId", s("cust-john"), "status", s("OPEN"), "assigneeKind", s("USER"), "assigneeId", s(assignee),
        "lastMessagePreview", s(BODY)));
  }

  private static void send(Map<String, Object> event) {
    String body = Http.json(event);
    sqs().sendMessage(b -> b.queueUrl(queueUrl()).messageBody(body));
  }

  /** Waits until the queue has nothing visible or in flight: every event sent so far was handled. */
  private static void awaitQueueDrained() {
    Eventually.await("the notification queue drained", Duration.ofSeconds(30), () -> {
      for (JsonNode queue : Http.get(LocalCloudProcess.endpoints().path("queues").asText(), null).json()) {
        if (queue.path("logicalId").asText().equals("NotificationEventsQueue")) {
          return queue.path("visible").asInt() + queue.path("inFlight").asInt() + queue.path("delayed").asInt() == 0 ? true : null;
        }
      }
      return null;
    });
  }

  private static List<JsonNode> centerOf(String user) {
    List<JsonNode> items = new ArrayList<>();
    Http.get(api("/notifications?order=time&limit=100"), token(user, "user")).json().path("notifications").forEach(items::add);
    return items;
  }

  private static List<JsonNode> emailsTo(String user) {
    List<JsonNode> emails = new ArrayList<>();
    for (JsonNode email : Http.get(LocalCloudProcess.endpoints().path("mailbox").asText(), null).json()) {
      for (JsonNode to : email.path("to")) {
        if (to.asText().contains(email(user))) {
          emails.add(email);
        }
      }
    }
    return emails;
  }

  private static JsonNode emailTo(String user, String subject) {
    return emailsTo(user).stream().filter(e -> e.path("subject").asText().equals(subject)).findFirst().orElse(null);
  }

  private static List<JsonNode> pushesTo(String endpointArn) {
    List<JsonNode> pushes = new ArrayList<>();
    for (JsonNode push : Http.get(LocalCloudProcess.endpoints().path("pushOutbox").asText(), null).json()) {
      if (push.path("endpointArn").asText().equals(endpointArn)) {
        pushes.add(push);
      }
    }
    return pushes;
  }

  private static String registerDevice(String token, String fcmToken) {
    Http.Response registered = Http.post(api("/me/devices"), token, "{\"platform\":\"android\",\"token\":\"" + fcmToken + "\"}");
    assertEquals(201, registered.status(), registered.body());
    return registered.json().path("deviceId").asText();
  }

  private static String token(String userId, String role) {
    Map<String, Object> claims = Map.of("accountId", ACCOUNT, "userId", userId, "role", role, "email", email(userId));
    return Http.post(LocalCloudProcess.endpoints().path("tokenIssuer").asText(), null, Http.json(claims)).json().path("token").asText();
  }

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  private static String queueUrl() {
    for (JsonNode queue : Http.get(LocalCloudProcess.endpoints().path("queues").asText(), null).json()) {
      if (queue.path("logicalId").asText().equals("NotificationEventsQueue")) {
        return queue.path("url").asText();
      }
    }
    throw new AssertionError("no NotificationEventsQueue");
  }

  private static String name(String user) {
    return "Ntf " + user.replace("user-ntf-", "").replace("-" + RUN, "");
  }

  private static String email(String user) {
    return user + "@maple-motors.example";
  }

  private static String time(Instant instant) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC).format(instant);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static void put(String pk, String sk, Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = new HashMap<>(attributes);
    item.put("PK", s(pk));
    item.put("SK", s(sk));
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(item));
  }

  private static SqsClient sqs;
  private static SnsClient sns;

  private static synchronized SqsClient sqs() {
    if (sqs == null) {
      JsonNode aws = LocalCloudProcess.endpoints().path("aws");
      sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(aws.path("region").asText()))
          .credentialsProvider(credentials(aws)).endpointOverride(URI.create(aws.path("sqs").asText())).build();
    }
    return sqs;
  }

  private static synchronized SnsClient sns() {
    if (sns == null) {
      JsonNode aws = LocalCloudProcess.endpoints().path("aws");
      sns = SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(aws.path("region").asText()))
          .credentialsProvider(credentials(aws)).endpointOverride(URI.create(aws.path("sns").asText())).build();
    }
    return sns;
  }

  private static StaticCredentialsProvider credentials(JsonNode aws) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(aws.path("accessKeyId").asText(), aws.path("secretAccessKey").asText()));
  }
}
