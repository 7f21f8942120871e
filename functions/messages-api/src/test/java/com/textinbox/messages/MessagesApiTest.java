package com.textinbox.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import java.time.Clock;
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
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /conversations/{id}/messages through the real handler, against DynamoDB Local over HTTP. */
class MessagesApiTest {
  private static final String TABLE = "textinbox-messages-test";
  private static final String ACCOUNT = "acct-maple-motors";
  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  private static DynamoDbLocalServer server;
  private static DynamoDbClient dynamoDb;
  private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
  private final MessagesApi api = new MessagesApi(dynamoDb, TABLE, Clock.fixed(NOW, ZoneOffset.UTC), command -> commands.add(command.json()));

  @BeforeAll
  static void table() {
    server = DynamoDbLocalServer.start();
    dynamoDb = server.client();
    server.createInboxTable(TABLE);
    put(Keys.account(ACCOUNT), Keys.userSk("user-chloe"), Map.of(Table.TYPE, s("User"), "name", s("Chloé Roy")));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A customer and their open, unanswered conversation; returns the conversation id. */
  private static String conversation(String mobile, String language, Boolean subscribed) {
    String customerId = "cust-" + UUID.randomUUID();
    String conversationId = "conv-" + UUID.randomUUID();
    Map<String, AttributeValue> profile = new HashMap<>(Map.of(Table.TYPE, s("Customer"), "customerId", s(customerId),
        "language", s(language)));
    if (mobile != null) {
      profile.put("mobile", s(mobile));
    }
    if (subscribed != null) {
      profile.put("subscribed", AttributeValue.fromBool(subscribed));
    }
    put(Keys.customer(ACCOUNT, customerId), Keys.PROFILE_SK, profile);
    put(Keys.conversation(ACCOUNT, conversationId), Keys.CONVERSATION_SK, Map.of(Table.TYPE, s("Conversation"),
        "conversationId", s(conversationId), "customerId", s(customerId), "status", s("OPEN"),
        "assigneeKind", s("USER"), "assigneeId", s("user-bruno"),
        "lastActivityAt", s("2026-03-02T14:00:00.000Z"), "unansweredSince", s("2026-03-02T14:00:00.000Z"),
        Table.GSI4PK, s(Keys.unansweredConversations(ACCOUNT)), Table.GSI4SK, s("2026-03-02T14:00:00.000Z#" + conversationId)));
    return conversationId;
  }

  private ApiResponse post(String account, String userId, String role, String conversationId, String body) {
    ObjectNode event = Json.object();
    event.put("httpMethod", "POST");
    event.put("resource", "/conversations/{conversationId}/messages");
    event.put("path", "/conversations/" + conversationId + "/messages");
    event.putObject("pathParameters").put("conversationId", conversationId);
    event.put("body", body);
    ObjectNode authorizer = event.putObject("requestContext").putObject("authorizer");
    authorizer.put("accountId", account);
    authorizer.put("userId", userId);
    authorizer.put("role", role);
    return api.handle(event);
  }

  private ApiResponse post(String conversationId, String body) {
    return post(ACCOUNT, "user-chloe", "user", conversationId, body);
  }

  private static JsonNode json(ApiResponse response) {
    return Json.mapper().valueToTree(response.body());
  }

  /** A customer who never texted: no conversation yet. */
  private static String customerWithoutConversation(String mobile) {
    String customerId = "cust-" + UUID.randomUUID();
    Map<String, AttributeValue> profile = new HashMap<>(Map.of(Table.TYPE, s("Customer"), "customerId", s(customerId),
        "language", s("en")));
    if (mobile != null) {
      profile.put("mobile", s(mobile));
    }
    put(Keys.customer(ACCOUNT, customerId), Keys.PROFILE_SK, profile);
    return customerId;
  }

  private ApiResponse postToCustomer(String account, String customerId, String body) {
    return postOn(account, "customers", "customerId", customerId, body);
  }

  /** POST /{collection}/{id}/messages as Chloé. */
  private ApiResponse postOn(String account, String collection, String parameter, String id, String body) {
    ObjectNode event = Json.object();
    event.put("httpMethod", "POST");
    event.put("resource", "/" + collection + "/{" + parameter + "}/messages");
    event.put("path", "/" + collection + "/" + id + "/messages");
    event.putObject("pathParameters").put(parameter, id);
    event.put("body", body);
    ObjectNode authorizer = event.putObject("requestContext").putObject("authorizer");
    authorizer.put("accountId", account);
    authorizer.put("userId", "user-chloe");
    authorizer.put("role", "user");
    return api.handle(event);
  }

  @Test
  void textingACustomerWithoutAConversationOpensOneAndTheNextTextUsesIt() {
    String customerId = customerWithoutConversation("+15145550161");
    ApiResponse first = postToCustomer(ACCOUNT, customerId, "{\"body\":\"Your tires are in.\"}");
    assertEquals(202, first.status(), String.valueOf(first.body()));
    String conversationId = json(first).path("conversationId").asText();
    Map<String, AttributeValue> profile = item(Keys.customer(ACCOUNT, customerId), Keys.PROFILE_SK);
    assertEquals(conversationId, profile.get("activeConversationId").s());
    Map<String, AttributeValue> conversation = item(Keys.conversation(ACCOUNT, conversationId), Keys.CONVERSATION_SK);
    assertEquals("OPEN", conversation.get("status").s());
    assertEquals(customerId, conversation.get("customerId").s());
    assertEquals("user-chloe", conversation.get("openedBy").s());
    assertEquals(Keys.conversationsByStatus(ACCOUNT, "OPEN"), conversation.get(Table.GSI3PK).s());
    assertEquals("1", conversation.get("messageCount").n());
    assertEquals("Chloé: Your tires are in.\nReply STOP to unsubscribe, HELP for help.", json(first).path("smsText").asText());

    ApiResponse second = postToCustomer(ACCOUNT, customerId, "{\"body\":\"See you soon.\"}");
    assertEquals(202, second.status());
    assertEquals(conversationId, json(second).path("conversationId").asText(), "the same active conversation");
    assertEquals(2, commands.size());
  }

  @Test
  void textingAboutAnAppointmentUsesItsCustomersConversationWithTheAppointmentAsSource() {
    String customerId = customerWithoutConversation("+15145550171");
    com.textinbox.shared.appointments.Appointment appointment = new com.textinbox.shared.appointments.Appointment(
        "appt-c9", customerId, "2026-03-03T14:00:00.000Z", "oil change", null,
        com.textinbox.shared.appointments.AppointmentStatus.SCHEDULED, null,
        com.textinbox.shared.appointments.ReminderState.PENDING, "2026-03-02T14:00:00.000Z", null, null, null, null, null,
        "2026-03-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z");
    com.textinbox.shared.store.DynamoTable table = new com.textinbox.shared.store.DynamoTable(dynamoDb, TABLE);
    table.transact(new com.textinbox.shared.appointments.store.AppointmentStore(table).createWrite(ACCOUNT, appointment));
    ApiResponse sent = postAbout(ACCOUNT, "appt-c9", "{\"body\":\"See you tomorrow at 9.\"}");
    assertEquals(202, sent.status(), String.valueOf(sent.body()));
    assertEquals("appointment", json(sent).path("source").path("type").asText());
    assertEquals("appt-c9", json(sent).path("source").path("id").asText());
    assertEquals(item(Keys.customer(ACCOUNT, customerId), Keys.PROFILE_SK).get("activeConversationId").s(),
        json(sent).path("conversationId").asText(), "the customer's conversation, opened for them");
    assertEquals(404, postAbout("acct-harbor-clinic", "appt-c9", "{\"body\":\"Hi\"}").status(), "another company's");
    assertEquals(400, postAbout(ACCOUNT, "appt-c9", "{\"body\":\"Hi\", \"source\": {\"type\": \"user\"}}").status());
  }

  private ApiResponse postAbout(String account, String appointmentId, String body) {
    return postOn(account, "appointments", "appointmentId", appointmentId, body);
  }

  @Test
  void textingACustomerWhoCannotBeTextedOpensNothing() {
    String customerId = customerWithoutConversation(null);
    ApiResponse refused = postToCustomer(ACCOUNT, customerId, "{\"body\":\"Hello\"}");
    assertEquals(422, refused.status());
    assertNull(item(Keys.customer(ACCOUNT, customerId), Keys.PROFILE_SK).get("activeConversationId"));
    assertEquals(404, postToCustomer("acct-harbor-clinic", customerId, "{\"body\":\"Hello\"}").status(),
        "another company's customer");
    // the request's shape is checked before anything is read (decision 55): a 400 that tells nothing of the customer
    assertEquals(400, postToCustomer(ACCOUNT, "cust-nobody", "{}").status());
    assertEquals(404, postToCustomer(ACCOUNT, "cust-nobody", "{\"body\":\"Hello\"}").status());
    assertEquals(400, postToCustomer(ACCOUNT, customerWithoutConversation("+15145550162"), "{\"body\":\" \"}").status());
    assertTrue(commands.isEmpty());
  }

  @Test
  void aReplyIsQueuedWithTheSendersNameAndTheStopNoticeOnlyTheFirstTime() {
    String conversationId = conversation("+15145550111", "fr", null);
    SortedMap<String, Integer> requests = RequestCounter.during(() -> {
      ApiResponse first = post(conversationId, "{\"body\":\"Votre voiture est prête.\"}");
      assertEquals(202, first.status(), String.valueOf(first.body()));
    });
    // conversation, profile, sender; one transaction (message, conversation, profile's notice flag)
    assertEquals(3, requests.get("DynamoDb.GetItem"), requests.toString());
    assertEquals(1, requests.get("DynamoDb.TransactWriteItems"), requests.toString());
    System.out.println("MessagesApi, one send (first message): " + requests);

    JsonNode command = Json.read(commands.get(0));
    assertEquals(ACCOUNT, command.path("accountId").asText());
    Map<String, AttributeValue> message = item(Keys.conversation(ACCOUNT, conversationId), command.path("timelineSk").asText());
    assertEquals("Message", message.get("type").s());
    assertEquals("OUTBOUND", message.get("direction").s());
    assertEquals("QUEUED", message.get("status").s());
    assertEquals("Votre voiture est prête.", message.get("body").s());
    assertEquals("Chloé: Votre voiture est prête.\nRépondez ARRET pour vous désabonner, AIDE pour de l'aide.",
        message.get("smsText").s());
    assertEquals("user-chloe", message.get("senderUserId").s());
    assertEquals("Chloé Roy", message.get("senderName").s());
    assertEquals("user", message.get("sourceType").s());
    assertEquals("user-chloe", message.get("sourceId").s());
    assertEquals("2", message.get("segments").n(), "ê is not GSM-7: UCS-2, 67 characters a part");
    assertEquals("UCS2", message.get("encoding").s());

    Map<String, AttributeValue> conversation = item(Keys.conversation(ACCOUNT, conversationId), Keys.CONVERSATION_SK);
    assertNull(conversation.get("unansweredSince"), "answered");
    assertNull(conversation.get(Table.GSI4PK), "out of the unanswered list");
    assertEquals("user-bruno", conversation.get("assigneeId").s(), "stays with its assignee (C2)");
    assertEquals("OUTBOUND", conversation.get("lastMessageDirection").s());
    assertEquals("2026-03-02T15:00:00.000Z", conversation.get("lastActivityAt").s());
    assertEquals("2026-03-02T15:00:00.000Z#" + conversationId, conversation.get(Table.GSI1SK).s());

    ApiResponse second = post(conversationId, "{\"body\":\"À demain\"}");
    assertEquals(202, second.status());
    assertEquals("Chloé: À demain", json(second).path("smsText").asText(), "the notice only once");
    assertEquals("QUEUED", json(second).path("status").asText());
    assertEquals("user", json(second).path("source").path("type").asText());
  }

  @Test
  void placeholdersAreFilledFromTheProfileBeforeTheMessageIsStoredAndAMissingOneIsA400() {
    String conversationId = conversation("+15145550116", "en", true);
    String customerId = item(Keys.conversation(ACCOUNT, conversationId), Keys.CONVERSATION_SK).get("customerId").s();
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, s(Keys.customer(ACCOUNT, customerId)), Table.SK, s(Keys.PROFILE_SK)))
        .updateExpression("SET firstName = :f, attributes = :a").expressionAttributeValues(Map.of(":f", s("John"),
            ":a", AttributeValue.fromM(Map.of("vehicle", AttributeValue.fromM(Map.of("text", s("Civic"))))))));
    SortedMap<String, Integer> requests = RequestCounter.during(() -> {
      ApiResponse sent = post(conversationId, "{\"body\":\"Hi {{firstName}}, your {{attributes.vehicle}} is ready\"}");
      assertEquals(202, sent.status(), String.valueOf(sent.body()));
      assertEquals("Chloé: Hi John, your Civic is ready\nReply STOP to unsubscribe, HELP for help.", json(sent).path("smsText").asText());
      assertEquals("Hi John, your Civic is ready", json(sent).path("body").asText(), "the timeline shows what was texted");
    });
    assertEquals(3, requests.get("DynamoDb.GetItem"), "no more requests than a text without placeholders: " + requests);
    assertEquals(1, requests.get("DynamoDb.TransactWriteItems"), requests.toString());

    commands.clear();
    ApiResponse missing = post(conversationId, "{\"body\":\"{{firstName}} {{lastName}}, {{attributes.dueOn}}\"}");
    assertEquals(400, missing.status());
    JsonNode error = json(missing).path("error");
    assertEquals("missing_placeholders", error.path("code").asText());
    assertEquals("body", error.path("field").asText());
    assertTrue(error.path("message").asText().contains("{{lastName}}, {{attributes.dueOn}}"), error.toString());
    assertTrue(commands.isEmpty(), "nothing sent");
    ApiResponse refusedFirst = postToCustomer(ACCOUNT, customerWithoutConversation("+15145550117"), "{\"body\":\"Hi {{firstName}}\"}");
    assertEquals(400, refusedFirst.status(), "refused before a conversation is opened");
  }

  @Test
  void textingACustomerWhoseConversationIsClosedReopensIt() {
    String conversationId = conversation("+15145550121", "en", null);
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(Map.of("PK", s(Keys.conversation(ACCOUNT, conversationId)),
        "SK", s(Keys.CONVERSATION_SK))).updateExpression("SET #s = :closed, GSI3PK = :list, GSI1PK = :assigneeList")
        .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":closed", s("CLOSED"),
            ":list", s(Keys.conversationsByStatus(ACCOUNT, "CLOSED")),
            ":assigneeList", s(Keys.assigneeList(ACCOUNT, "USER", "user-bruno", "CLOSED")))));
    SortedMap<String, Integer> requests = RequestCounter.during(() ->
        assertEquals(202, post(conversationId, "{\"body\":\"Your car is ready.\"}").status()));
    assertEquals(1, requests.get("DynamoDb.TransactWriteItems"), "the reopening is in the message's transaction");

    Map<String, AttributeValue> conversation = item(Keys.conversation(ACCOUNT, conversationId), Keys.CONVERSATION_SK);
    assertEquals("OPEN", conversation.get("status").s());
    assertEquals(Keys.conversationsByStatus(ACCOUNT, "OPEN"), conversation.get(Table.GSI3PK).s());
    assertEquals(Keys.assigneeList(ACCOUNT, "USER", "user-bruno", "OPEN"), conversation.get(Table.GSI1PK).s(),
        "back on its assignee's open list");
    assertEquals("2026-03-02T15:00:00.000Z", conversation.get("reopenedAt").s());
    JsonNode command = Json.read(commands.get(commands.size() - 1));
    String messageId = command.path("messageId").asText();
    Map<String, AttributeValue> event = item(Keys.conversation(ACCOUNT, conversationId),
        Keys.timelineSk("2026-03-02T14:59:59.999Z", messageId + "-reopened"));
    assertEquals("reopened", event.get("event").s());
    assertEquals("user-chloe", event.get("by").s());
  }

  @Test
  void aReplyWhileAwayIsRecordedOnTheConversationForA5() {
    String present = conversation("+15145550115", "en", true);
    assertEquals(202, post(present, "{\"body\":\"Hi\"}").status());
    assertEquals(null, item(Keys.conversation(ACCOUNT, present), Keys.CONVERSATION_SK).get("awayReplyUserId"));

    put(Keys.account(ACCOUNT), Keys.userSk("user-dana"), Map.of(Table.TYPE, s("User"), "name", s("Dana Away"),
        "away", AttributeValue.fromBool(true)));
    String awayReply = conversation("+15145550116", "en", true);
    assertEquals(202, post(ACCOUNT, "user-dana", "user", awayReply, "{\"body\":\"From my vacation\"}").status());
    Map<String, AttributeValue> conversation = item(Keys.conversation(ACCOUNT, awayReply), Keys.CONVERSATION_SK);
    assertEquals("user-dana", conversation.get("awayReplyUserId").s());
    assertEquals(Keys.time(NOW), conversation.get("awayReplyAt").s());
    assertEquals("user-bruno", conversation.get("assigneeId").s(), "the assignee is not touched (C2)");
  }

  @Test
  void automatedSourcesHaveNoNamePrefix() {
    String conversationId = conversation("+15145550113", "en", true);
    ApiResponse response = post(conversationId, "{\"body\":\"Your appointment is tomorrow at 9.\",\"source\":{\"type\":\"appointment\",\"id\":\"appt-1\"}}");
    assertEquals(202, response.status(), String.valueOf(response.body()));
    assertEquals("Your appointment is tomorrow at 9.\nReply STOP to unsubscribe, HELP for help.", json(response).path("smsText").asText());
    assertEquals("appt-1", json(response).path("source").path("id").asText());
  }

  @Test
  void refusals() {
    String conversationId = conversation("+15145550114", "en", null);
    ApiResponse empty = post(conversationId, "{\"body\":\"  \"}");
    assertEquals(400, empty.status());
    assertEquals("body", json(empty).path("error").path("field").asText());
    ApiResponse tooLong = post(conversationId, "{\"body\":\"" + "x".repeat(1600) + "\"}");
    assertEquals(400, tooLong.status());
    assertEquals("too_long", json(tooLong).path("error").path("code").asText());
    assertEquals(400, post(conversationId, "{\"body\":\"hi\",\"source\":{\"type\":\"robot\"}}").status());

    assertEquals(404, post("acct-harbor-clinic", "user-olivia", "admin", conversationId, "{\"body\":\"hi\"}").status(),
        "another company's conversation does not exist for the caller");
    assertEquals(404, post("conv-nope", "{\"body\":\"hi\"}").status());
    assertEquals(403, post(ACCOUNT, "user-felix", "free", conversationId, "{\"body\":\"hi\"}").status());

    ApiResponse unsubscribed = post(conversation("+15145550115", "en", false), "{\"body\":\"hi\"}");
    assertEquals(409, unsubscribed.status());
    assertEquals("unsubscribed", json(unsubscribed).path("error").path("code").asText());
    assertTrue(json(unsubscribed).path("error").path("message").asText().contains("START"));

    ApiResponse noMobile = post(conversation(null, "fr", null), "{\"body\":\"hi\"}");
    assertEquals(422, noMobile.status());
    assertEquals("no_mobile", json(noMobile).path("error").path("code").asText());
    assertTrue(json(noMobile).path("error").path("message").asText().contains("internal note"));
    assertTrue(commands.isEmpty(), "nothing queued");
    assertFalse(item(Keys.conversation(ACCOUNT, conversationId), Keys.CONVERSATION_SK).containsKey("lastMessageDirection"));
  }

  // ---- Idempotency-Key (decision 74)

  /** POST /{collection}/{id}/messages as {@code userId}, with an Idempotency-Key header. */
  private ApiResponse postWithKey(String userId, String collection, String parameter, String id, String body, String key) {
    ObjectNode event = Json.object();
    event.put("httpMethod", "POST");
    event.put("resource", "/" + collection + "/{" + parameter + "}/messages");
    event.put("path", "/" + collection + "/" + id + "/messages");
    event.putObject("pathParameters").put(parameter, id);
    event.putObject("headers").put("Idempotency-Key", key);
    event.put("body", body);
    ObjectNode authorizer = event.putObject("requestContext").putObject("authorizer");
    authorizer.put("accountId", ACCOUNT);
    authorizer.put("userId", userId);
    authorizer.put("role", "user");
    return api.handle(event);
  }

  private ApiResponse replyWithKey(String conversationId, String body, String key) {
    return postWithKey("user-chloe", "conversations", "conversationId", conversationId, body, key);
  }

  private static long outboundMessagesIn(String conversationId) {
    return dynamoDb.query(b -> b.tableName(TABLE).consistentRead(true).keyConditionExpression("PK = :pk AND begins_with(SK, :t)")
        .expressionAttributeValues(Map.of(":pk", s(Keys.conversation(ACCOUNT, conversationId)), ":t", s("T#"))))
        .items().stream().filter(i -> i.containsKey("direction") && i.get("direction").s().equals("OUTBOUND")).count();
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyStoresAndTextsNothingMoreAndAnswersTheSameMessage() {
    String conversationId = conversation("+15145550181", "en", true);
    String key = UUID.randomUUID().toString();
    ApiResponse[] sent = new ApiResponse[1];
    SortedMap<String, Integer> keyed = RequestCounter.during(() ->
        sent[0] = replyWithKey(conversationId, "{\"body\":\"Your car is ready.\"}", key));
    ApiResponse first = sent[0];
    assertEquals(202, first.status(), String.valueOf(first.body()));
    // an unkeyed send's 3 GetItem, and the key's; the key rides in the message's one transaction
    assertEquals(4, keyed.get("DynamoDb.GetItem"), keyed.toString());
    assertEquals(1, keyed.get("DynamoDb.TransactWriteItems"), keyed.toString());
    SortedMap<String, Integer> requests = RequestCounter.during(() -> {
      ApiResponse retry = replyWithKey(conversationId, "{ \"body\": \"Your car is ready.\" }", key);
      assertEquals(202, retry.status(), String.valueOf(retry.body()));
      assertEquals(json(first).path("id").asText(), json(retry).path("id").asText(), "the same message answered");
      assertEquals("QUEUED", json(retry).path("status").asText());
    });
    // the conversation, the key, the message: nothing written, nothing sent
    assertEquals(3, requests.get("DynamoDb.GetItem"), requests.toString());
    assertEquals(List.of("DynamoDb.GetItem"), requests.keySet().stream().filter(r -> !r.endsWith(".attempts")).toList(),
        requests.toString());
    assertEquals(1, commands.size(), "one command: texted once");
    assertEquals(1, outboundMessagesIn(conversationId), "stored once");
    Map<String, AttributeValue> keyItem = item(Keys.sendKey(ACCOUNT, "user-chloe", key), Keys.SEND_KEY_SK);
    assertEquals(NOW.plus(java.time.Duration.ofHours(24)).getEpochSecond(), Long.parseLong(keyItem.get("expiresAt").n()),
        "kept a day (TTL)");
  }

  @Test
  void aKeySentAgainWithAnotherRequestIs422AndAnotherUsersSameKeyIsTheirOwn() {
    String conversationId = conversation("+15145550182", "en", true);
    String other = conversation("+15145550183", "en", true);
    String key = "retry-" + UUID.randomUUID();
    assertEquals(202, replyWithKey(conversationId, "{\"body\":\"See you at 3\"}", key).status());
    for (ApiResponse refused : List.of(replyWithKey(conversationId, "{\"body\":\"See you at 4\"}", key),
        replyWithKey(other, "{\"body\":\"See you at 3\"}", key))) {
      assertEquals(422, refused.status(), String.valueOf(refused.body()));
      assertEquals("idempotency_key_reused", json(refused).path("error").path("code").asText());
      assertEquals("Idempotency-Key", json(refused).path("error").path("field").asText());
    }
    ApiResponse bruno = postWithKey("user-bruno", "conversations", "conversationId", conversationId, "{\"body\":\"See you at 3\"}", key);
    assertEquals(202, bruno.status(), "a key is the user's own");
    assertEquals(2, commands.size(), "Chloé's message and Bruno's");
    assertEquals(2, outboundMessagesIn(conversationId));
    assertEquals(0, outboundMessagesIn(other), "nothing stored by the refused request");
  }

  @Test
  void aKeyThatIsNotOneTo255VisibleCharactersIs400AndStoresNothing() {
    String conversationId = conversation("+15145550184", "en", true);
    for (String key : List.of("", "two words", "x".repeat(256), "caf\u00e9")) {
      ApiResponse refused = replyWithKey(conversationId, "{\"body\":\"Hello\"}", key);
      assertEquals(400, refused.status(), key);
      assertEquals("Idempotency-Key", json(refused).path("error").path("field").asText());
    }
    assertEquals(0, outboundMessagesIn(conversationId));
    assertEquals(202, replyWithKey(conversationId, "{\"body\":\"Hello\"}", "x".repeat(255)).status());
  }

  @Test
  void aKeyPastItsDayIsFreeAgainEvenBeforeTtlDeletesIt() {
    String conversationId = conversation("+15145550185", "en", true);
    String key = "old-" + UUID.randomUUID();
    put(Keys.sendKey(ACCOUNT, "user-chloe", key), Keys.SEND_KEY_SK, Map.of(Table.TYPE, s("SendKey"), "fingerprint", s("another"),
        "conversationId", s(conversationId), "timelineSk", s("T#2026-02-28T10:00:00.000Z#msg-old"), "messageId", s("msg-old"),
        "expiresAt", AttributeValue.fromN(String.valueOf(NOW.getEpochSecond() - 1))));
    ApiResponse sent = replyWithKey(conversationId, "{\"body\":\"Hello again\"}", key);
    assertEquals(202, sent.status(), String.valueOf(sent.body()));
    assertEquals(json(sent).path("id").asText(), item(Keys.sendKey(ACCOUNT, "user-chloe", key), Keys.SEND_KEY_SK).get("messageId").s());
  }

  @Test
  void twinRequestsWithOneKeyAtOnceStoreAndTextOneMessage() throws Exception {
    String conversationId = conversation("+15145550186", "en", true);
    String key = UUID.randomUUID().toString();
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<ApiResponse>> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(clients.submit(() -> replyWithKey(conversationId, "{\"body\":\"On my way\"}", key)));
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (java.util.concurrent.Future<ApiResponse> answer : answers) {
      assertEquals(202, answer.get().status(), String.valueOf(answer.get().body()));
      ids.add(json(answer.get()).path("id").asText());
    }
    clients.shutdown();
    assertEquals(1, ids.size(), "every twin answered with the one message: " + ids);
    assertEquals(1, commands.size(), "texted once");
    assertEquals(1, outboundMessagesIn(conversationId), "stored once");
  }

  @Test
  void aRetriedTextToACustomerOpensOneConversationAndStoresOneMessage() {
    String customerId = customerWithoutConversation("+15145550187");
    String key = UUID.randomUUID().toString();
    ApiResponse first = postWithKey("user-chloe", "customers", "customerId", customerId, "{\"body\":\"Welcome\"}", key);
    ApiResponse retry = postWithKey("user-chloe", "customers", "customerId", customerId, "{\"body\":\"Welcome\"}", key);
    assertEquals(202, first.status(), String.valueOf(first.body()));
    assertEquals(202, retry.status(), String.valueOf(retry.body()));
    assertEquals(json(first).path("id").asText(), json(retry).path("id").asText());
    assertEquals(1, commands.size());
  }

  private static Map<String, AttributeValue> item(String pk, String sk) {
    return dynamoDb.getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(Table.PK, s(pk), Table.SK, s(sk)))).item();
  }

  private static void put(String pk, String sk, Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = new HashMap<>(attributes);
    item.put(Table.PK, s(pk));
    item.put(Table.SK, s(sk));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(item));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
