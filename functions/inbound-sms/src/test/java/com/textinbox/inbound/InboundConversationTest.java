package com.textinbox.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.messaging.SendSmsCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** The inbound conversation flow through the real handler, against DynamoDB Local (embedded). */
class InboundConversationTest {
  private static final String TABLE = "textinbox-conversations-test";
  private static final String ACCOUNT = "acct-maple-motors";
  private static final String COMPANY = "+15145550100";
  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  private static AmazonDynamoDBLocal local;
  private static DynamoDbClient dynamoDb;

  private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
  private final List<SendSmsCommand> commands = Collections.synchronizedList(new ArrayList<>());
  private static final AtomicInteger NUMBERS = new AtomicInteger(120);

  @BeforeAll
  static void table() {
    local = DynamoDBEmbedded.create(true);
    dynamoDb = local.dynamoDbClient();
    dynamoDb.createTable(b -> b.tableName(TABLE)
        .keySchema(k -> k.attributeName(Table.PK).keyType(KeyType.HASH), k -> k.attributeName(Table.SK).keyType(KeyType.RANGE))
        .attributeDefinitions(a -> a.attributeName(Table.PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(Table.SK).attributeType(ScalarAttributeType.S))
        .billingMode("PAY_PER_REQUEST"));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of(
        Table.PK, s(Keys.companyNumber(COMPANY)), Table.SK, s(Keys.COMPANY_NUMBER_SK),
        Table.TYPE, s("CompanyNumber"), "accountId", s(ACCOUNT))));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(Map.of(
        Table.PK, s(Keys.account(ACCOUNT)), Table.SK, s(Keys.ACCOUNT_SK), Table.TYPE, s("Account"), "name", s("Maple Motors"))));
  }

  @AfterAll
  static void stop() {
    local.shutdownNow();
  }

  @BeforeEach
  void clear() {
    events.clear();
    commands.clear();
  }

  // ------------------------------------------------------------------ tests

  @Test
  void aNewNumberGetsAProfileItsPhoneGuardAConversationAndTheMessage() {
    String from = newNumber();
    String carrierId = UUID.randomUUID().toString();
    deliver(handler(), carrierId, from, "Hello, do you repair 🚗 brakes?", NOW.minusSeconds(2));

    String customerId = customerIdOf(from);
    Map<String, AttributeValue> profile = profile(customerId);
    assertEquals("Customer", profile.get(Table.TYPE).s());
    assertEquals(from, profile.get("mobile").s());
    assertTrue(profile.get("subscribed").bool());
    String conversationId = profile.get("activeConversationId").s();

    Map<String, AttributeValue> conversation = conversation(conversationId);
    assertEquals("OPEN", conversation.get("status").s());
    assertEquals(customerId, conversation.get("customerId").s());
    assertEquals(Keys.conversationsByStatus(ACCOUNT, "OPEN"), conversation.get(Table.GSI3PK).s());
    assertEquals(Keys.conversationsOfCustomer(ACCOUNT, customerId), conversation.get(Table.GSI2PK).s());
    assertEquals("2026-03-02T14:59:58.000Z", conversation.get("lastActivityAt").s());
    assertEquals("2026-03-02T14:59:58.000Z#" + conversationId, conversation.get(Table.GSI3SK).s());
    assertEquals("2026-03-02T14:59:58.000Z", conversation.get("lastInboundAt").s());
    assertEquals("2026-03-02T14:59:58.000Z", conversation.get("unansweredSince").s());
    assertEquals(Keys.unansweredConversations(ACCOUNT), conversation.get(Table.GSI4PK).s());
    assertEquals("Hello, do you repair 🚗 brakes?", conversation.get("lastMessagePreview").s());

    List<Map<String, AttributeValue>> timeline = timeline(conversationId);
    assertEquals(1, timeline.size());
    Map<String, AttributeValue> message = timeline.get(0);
    assertEquals("Message", message.get(Table.TYPE).s());
    assertEquals("INBOUND", message.get("direction").s());
    assertEquals("RECEIVED", message.get("status").s());
    assertEquals("Hello, do you repair 🚗 brakes?", message.get("body").s());
    assertEquals(from, message.get("from").s());
    assertEquals(COMPANY, message.get("to").s());
    assertEquals(carrierId, message.get("carrierMessageId").s());
    assertEquals(Keys.time(NOW), message.get("receivedAt").s());
    assertTrue(message.get(Table.SK).s().startsWith("T#2026-03-02T14:59:58.000Z#msg-"));

    assertEquals(1, events.size());
    JsonNode event = events.get(0);
    assertEquals("conversation.created", event.path("type").asText());
    assertEquals(ACCOUNT, event.path("accountId").asText());
    assertEquals(conversationId, event.path("conversationId").asText());
    assertEquals(customerId, event.path("customerId").asText());
    assertEquals(message.get("messageId").s(), event.path("messageId").asText());
    assertEquals(event.path("messageId").asText(), event.path("eventId").asText());
    assertEquals("2026-03-02T14:59:58.000Z", event.path("at").asText());
  }

  @Test
  void aKnownCustomerStaysInTheSameConversation() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "first", NOW);
    deliver(handler(), UUID.randomUUID().toString(), from, "second", NOW.plusSeconds(30));

    String conversationId = profile(customerIdOf(from)).get("activeConversationId").s();
    assertEquals(List.of("first", "second"), bodies(conversationId));
    assertEquals(List.of("conversation.created", "message.received"), eventTypes());
    assertEquals(conversationId, events.get(1).path("conversationId").asText());
    // never assigned yet (no assignment step here): the assignment step assigns on this event if its creation came later
    assertTrue(events.get(1).path("unassigned").asBoolean(), events.get(1).toString());
    assertFalse(events.get(0).has("unassigned"), "a creation is assigned anyway");
    Map<String, AttributeValue> conversation = conversation(conversationId);
    assertEquals("second", conversation.get("lastMessagePreview").s());
    assertEquals(Keys.time(NOW), conversation.get("unansweredSince").s(), "unanswered since the first unanswered message");
    assertEquals(Keys.time(NOW.plusSeconds(30)), conversation.get("lastInboundAt").s());
  }

  /**
   * Issue 15: the guard notes the conversation a text went to (the next one reads profile and
   * conversation at once); a hint gone stale (a reply or a reminder opened another conversation)
   * never misfiles a text: the profile's active conversation wins, and the guard notes it.
   */
  @Test
  void theGuardNotesTheConversationAndAStaleNoteNeverMisfilesAText() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "first", NOW);
    String customerId = customerIdOf(from);
    String first = profile(customerId).get("activeConversationId").s();
    assertEquals(first, guard(from).get("lastConversationId").s());

    // another conversation becomes the active one, as MessagesApi opens one (the guard is not told)
    String opened = "conv-" + UUID.randomUUID();
    var table = new com.textinbox.shared.store.DynamoTable(dynamoDb, TABLE);
    table.transact(new com.textinbox.shared.conversations.store.ConversationStore(table).createWrite(ACCOUNT,
        com.textinbox.shared.conversations.Conversation.opened(opened, customerId, Keys.time(NOW), Keys.time(NOW), null, null)));
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(key(Keys.customer(ACCOUNT, customerId), Keys.PROFILE_SK))
        .updateExpression("SET activeConversationId = :c").expressionAttributeValues(Map.of(":c", s(opened))));

    deliver(handler(), UUID.randomUUID().toString(), from, "second", NOW.plusSeconds(30));
    assertEquals(List.of("first"), bodies(first));
    assertEquals(List.of("second"), bodies(opened), "the profile's active conversation, not the guard's note");
    assertEquals(opened, guard(from).get("lastConversationId").s(), "the note follows");
    deliver(handler(), UUID.randomUUID().toString(), from, "third", NOW.plusSeconds(60));
    assertEquals(List.of("second", "third"), bodies(opened));
  }

  private static Map<String, AttributeValue> guard(String from) {
    return dynamoDb.getItem(b -> b.tableName(TABLE).key(key(Keys.customerPhone(ACCOUNT, from), Keys.PHONE_SK))).item();
  }

  @Test
  void aClosedConversationIsReopenedWithAnEvent() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "first", NOW);
    String conversationId = profile(customerIdOf(from)).get("activeConversationId").s();
    // closed by the staff (what the close function will do), assigned to Bruno
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(key(Keys.conversation(ACCOUNT, conversationId), Keys.CONVERSATION_SK))
        .updateExpression("SET #s = :closed, GSI3PK = :closedList, assigneeKind = :user, assigneeId = :bruno, GSI1PK = :brunoClosed,"
            + " GSI1SK = GSI3SK REMOVE unansweredSince, GSI4PK, GSI4SK")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":closed", s("CLOSED"), ":closedList", s(Keys.conversationsByStatus(ACCOUNT, "CLOSED")),
            ":user", s("USER"), ":bruno", s("user-bruno"),
            ":brunoClosed", s(Keys.assigneeList(ACCOUNT, "USER", "user-bruno", "CLOSED")))));

    deliver(handler(), UUID.randomUUID().toString(), from, "me again", NOW.plusSeconds(3600));

    assertEquals(conversationId, profile(customerIdOf(from)).get("activeConversationId").s(), "the same conversation, reopened");
    Map<String, AttributeValue> conversation = conversation(conversationId);
    assertEquals("OPEN", conversation.get("status").s());
    assertEquals(Keys.conversationsByStatus(ACCOUNT, "OPEN"), conversation.get(Table.GSI3PK).s());
    assertEquals(Keys.assigneeList(ACCOUNT, "USER", "user-bruno", "OPEN"), conversation.get(Table.GSI1PK).s());
    String activity = Keys.activitySk(Keys.time(NOW.plusSeconds(3600)), conversationId);
    assertEquals(activity, conversation.get(Table.GSI1SK).s());
    assertEquals(activity, conversation.get(Table.GSI3SK).s());
    assertEquals(Keys.time(NOW.plusSeconds(3600)), conversation.get("unansweredSince").s());

    List<Map<String, AttributeValue>> timeline = timeline(conversationId);
    assertEquals(List.of("Message", "ConversationEvent", "Message"), timeline.stream().map(i -> i.get(Table.TYPE).s()).toList());
    assertEquals("reopened", timeline.get(1).get("event").s());
    assertEquals(List.of("conversation.created", "conversation.reopened"), eventTypes());
  }

  @Test
  void stopUnsubscribesStartResubscribesAndBothStayInTheTimeline() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "hi", NOW);
    String customerId = customerIdOf(from);

    deliver(handler(), UUID.randomUUID().toString(), from, "STOP", NOW.plusSeconds(10));
    Map<String, AttributeValue> profile = profile(customerId);
    assertFalse(profile.get("subscribed").bool());
    assertEquals(Keys.time(NOW.plusSeconds(10)), profile.get("unsubscribedAt").s());
    assertEquals(Keys.unsubscribedCustomers(ACCOUNT), profile.get(Table.GSI3PK).s());
    assertEquals(Keys.time(NOW.plusSeconds(10)), profile.get(Table.GSI3SK).s());
    assertEquals("unsubscribed", events.get(1).path("compliance").path("action").asText());
    assertEquals("STOP", events.get(1).path("compliance").path("keyword").asText());

    deliver(handler(), UUID.randomUUID().toString(), from, "Start", NOW.plusSeconds(20));
    profile = profile(customerId);
    assertTrue(profile.get("subscribed").bool());
    assertNull(profile.get("unsubscribedAt"));
    assertNull(profile.get(Table.GSI3PK));
    assertNull(profile.get(Table.GSI3SK));
    assertEquals("resubscribed", events.get(2).path("compliance").path("action").asText());

    String conversationId = profile.get("activeConversationId").s();
    List<Map<String, AttributeValue>> timeline = timeline(conversationId);
    assertEquals(List.of("Message", "Message", "ComplianceEvent", "Message", "Message", "ComplianceEvent", "Message"),
        timeline.stream().map(i -> i.get(Table.TYPE).s()).toList(), "each keyword, its compliance entry, its reply");
    assertEquals("STOP", timeline.get(1).get("body").s(), "staff see the keyword message itself");
    assertEquals("unsubscribed", timeline.get(2).get("event").s());
    assertEquals("Maple Motors: You are unsubscribed and will receive no more messages. Reply START to resubscribe.",
        timeline.get(3).get("body").s());
    assertEquals("resubscribed", timeline.get(5).get("event").s());
    assertEquals("Maple Motors: You are subscribed again. Reply STOP to unsubscribe, HELP for help.",
        timeline.get(6).get("body").s());
    assertEquals(Keys.time(NOW), conversation(conversationId).get("unansweredSince").s());
    assertEquals("5", conversation(conversationId).get("messageCount").n(), "three from the customer, two replies");
    assertEquals(2, commands.size(), "both replies queued for the sender");
  }

  @Test
  void arretFromANewFrenchSpeakerUnsubscribes() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "Arrêt", NOW);
    Map<String, AttributeValue> profile = profile(customerIdOf(from));
    assertFalse(profile.get("subscribed").bool());
    assertEquals(Keys.time(NOW), profile.get("unsubscribedAt").s());
    assertEquals("fr", events.get(0).path("compliance").path("language").asText());
    assertEquals("ARRET", events.get(0).path("compliance").path("keyword").asText());
    Map<String, AttributeValue> conversation = conversation(profile.get("activeConversationId").s());
    assertNull(conversation.get("unansweredSince"), "a keyword needs no answer from the staff");
  }

  @Test
  void arretGivesTheProfileFrenchSoStartIsAnsweredInFrench() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "ARRÊT", NOW);
    String customerId = customerIdOf(from);
    assertEquals("fr", profile(customerId).get("language").s(), "P6: the keyword's language becomes the customer's");
    deliver(handler(), UUID.randomUUID().toString(), from, "START", NOW.plusSeconds(60));
    List<Map<String, AttributeValue>> timeline = timeline(profile(customerId).get("activeConversationId").s());
    assertTrue(timeline.get(timeline.size() - 1).get("body").s().startsWith("Maple Motors : votre abonnement est réactivé."),
        timeline.get(timeline.size() - 1).toString());
  }

  @Test
  void aKeywordKeepsTheLanguageAProfileHasAndAidePassesItsOwnToAProfileWithout() {
    String english = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), english, "STOP", NOW);
    deliver(handler(), UUID.randomUUID().toString(), english, "ARRET", NOW.plusSeconds(60));
    assertEquals("en", profile(customerIdOf(english)).get("language").s(), "the first keyword's language stays");
    String french = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), french, "aide", NOW);
    assertEquals("fr", profile(customerIdOf(french)).get("language").s(), "HELP changes no subscription, but the language");
    String unknown = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), unknown, "INFO", NOW);
    assertNull(profile(customerIdOf(unknown)).get("language"), "INFO is a word of both languages");
  }

  @Test
  void helpIsRecordedButChangesNothingOnTheProfile() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "help", NOW);
    Map<String, AttributeValue> profile = profile(customerIdOf(from));
    assertTrue(profile.get("subscribed").bool());
    assertNull(profile.get("unsubscribedAt"));
    List<Map<String, AttributeValue>> timeline = timeline(profile.get("activeConversationId").s());
    assertEquals("help-requested", timeline.get(1).get("event").s());
    assertEquals("help-requested", events.get(0).path("compliance").path("action").asText());
  }

  @Test
  void aStopIsAnsweredByItsConfirmationQueuedAsAnAutomaticOutboundMessage() {
    String from = newNumber();
    String carrierId = UUID.randomUUID().toString();
    deliver(handler(), carrierId, from, " stop ", NOW);
    String conversationId = profile(customerIdOf(from)).get("activeConversationId").s();
    List<Map<String, AttributeValue>> timeline = timeline(conversationId);
    Map<String, AttributeValue> entry = timeline.get(1);
    Map<String, AttributeValue> reply = timeline.get(2);
    assertEquals("ComplianceEvent", entry.get(Table.TYPE).s());
    assertEquals("PENDING", entry.get("reply").s(), "until the sender texts it");
    assertEquals(reply.get("messageId").s(), entry.get("replyMessageId").s());

    assertEquals("OUTBOUND", reply.get("direction").s());
    assertEquals("QUEUED", reply.get("status").s());
    assertEquals("automation", reply.get("sourceType").s());
    assertEquals("keyword-reply:stop", reply.get("sourceId").s());
    assertEquals("STOP", reply.get("complianceReply").s());
    assertEquals(entry.get(Table.SK).s(), reply.get("complianceEventSk").s());
    assertEquals(timeline.get(0).get("messageId").s(), reply.get("inReplyTo").s());
    assertEquals(reply.get("body").s(), reply.get("smsText").s(), "no sender's name, no first-message notice");
    assertTrue(reply.get("smsText").s().startsWith("Maple Motors: You are unsubscribed"), reply.toString());
    assertEquals("GSM7", reply.get("encoding").s());
    assertEquals("1", reply.get("segments").n());
    assertEquals(Keys.QUEUED_SMS, reply.get(Table.GSI4PK).s(), "on the sweep's list while QUEUED");
    assertFalse(reply.containsKey("senderUserId"));

    assertEquals(List.of(new SendSmsCommand(ACCOUNT, conversationId, reply.get(Table.SK).s(), reply.get("messageId").s())), commands);
    Map<String, AttributeValue> marker = dynamoDb.getItem(b -> b.tableName(TABLE)
        .key(key(Keys.inboundCarrierMessage(ACCOUNT, carrierId), Keys.INBOUND_SK))).item();
    assertEquals(commands.get(0).json(), marker.get("replyCommand").s());
  }

  @Test
  void theSameStopDeliveredThreeTimesIsAnsweredOnce() {
    String from = newNumber();
    String carrierId = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      deliver(handler(), carrierId, from, "STOP", NOW);
    }
    String conversationId = profile(customerIdOf(from)).get("activeConversationId").s();
    assertEquals(1, timeline(conversationId).stream().filter(i -> i.containsKey("complianceReply")).count());
    assertEquals(1, commands.size());
  }

  @Test
  void aCrashBeforeTheReplysCommandWasSentSendsTheSameCommandOnTheRedelivery() {
    String from = newNumber();
    String carrierId = UUID.randomUUID().toString();
    AtomicInteger calls = new AtomicInteger();
    InboundSmsHandler failingOnce = new InboundSmsHandler(dynamoDb, TABLE, "US", Clock.fixed(NOW, ZoneOffset.UTC),
        (eventId, type, json) -> events.add(Json.read(json)), command -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("SQS unreachable");
          }
          commands.add(command);
        });
    assertEquals(1, deliver(failingOnce, carrierId, from, "HELP", NOW).path("batchItemFailures").size());
    deliver(failingOnce, carrierId, from, "HELP", NOW);
    deliver(failingOnce, carrierId, from, "HELP", NOW);
    assertEquals(1, commands.size(), "sent again once, then done");
    String conversationId = profile(customerIdOf(from)).get("activeConversationId").s();
    List<Map<String, AttributeValue>> replies = timeline(conversationId).stream().filter(i -> i.containsKey("complianceReply")).toList();
    assertEquals(1, replies.size());
    assertEquals(replies.get(0).get("messageId").s(), commands.get(0).messageId());
  }

  @Test
  void helpIsAnsweredWithTheCompanysHelpTextInTheCustomersLanguage() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "HELP", NOW);
    assertEquals("Maple Motors: For help, reply to this message and the Maple Motors team will answer. Reply STOP to unsubscribe.",
        replyBodies(from).get(0), "no help text set: a default naming the company");

    dynamoDb.updateItem(b -> b.tableName(TABLE).key(key(Keys.account(ACCOUNT), Keys.ACCOUNT_SK))
        .updateExpression("SET helpText = :h").expressionAttributeValues(Map.of(":h", s("Call us at 514-555-0100"))));
    try {
      deliver(handler(), UUID.randomUUID().toString(), from, "aide", NOW.plusSeconds(10));
      assertEquals("Maple Motors : Call us at 514-555-0100. Répondez ARRET pour vous désabonner.", replyBodies(from).get(1),
          "AIDE is French: the answer is too");
    } finally {
      dynamoDb.updateItem(b -> b.tableName(TABLE).key(key(Keys.account(ACCOUNT), Keys.ACCOUNT_SK)).updateExpression("REMOVE helpText"));
    }
  }

  /**
   * Decision 63, the staleness written down: a warm container keeps the account a minute, so a
   * help text changed meanwhile answers HELP from the next minute on, never later.
   */
  @Test
  void aWarmContainerAnswersHelpWithAChangedHelpTextWithinAMinute() {
    String from = newNumber();
    com.textinbox.shared.testing.MovingClock clock = new com.textinbox.shared.testing.MovingClock(NOW);
    InboundSmsHandler warm = new InboundSmsHandler(dynamoDb, TABLE, "US", clock,
        (eventId, type, json) -> events.add(Json.read(json)), commands::add);
    String defaultAnswer = "Maple Motors: For help, reply to this message and the Maple Motors team will answer. Reply STOP to unsubscribe.";
    deliver(warm, UUID.randomUUID().toString(), from, "HELP", NOW);
    assertEquals(defaultAnswer, replyBodies(from).get(0));
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(key(Keys.account(ACCOUNT), Keys.ACCOUNT_SK))
        .updateExpression("SET helpText = :h").expressionAttributeValues(Map.of(":h", s("Call us at 514-555-0100"))));
    try {
      clock.set(NOW.plusSeconds(30));
      deliver(warm, UUID.randomUUID().toString(), from, "HELP", NOW.plusSeconds(30));
      assertEquals(defaultAnswer, replyBodies(from).get(1), "within the minute: the account as this container read it");
      clock.set(NOW.plusSeconds(60));
      deliver(warm, UUID.randomUUID().toString(), from, "HELP", NOW.plusSeconds(60));
      assertEquals("Maple Motors: Call us at 514-555-0100. Reply STOP to unsubscribe.", replyBodies(from).get(2),
          "a minute after it was read: the account is read again");
    } finally {
      dynamoDb.updateItem(b -> b.tableName(TABLE).key(key(Keys.account(ACCOUNT), Keys.ACCOUNT_SK)).updateExpression("REMOVE helpText"));
    }
  }

  @Test
  void aStopFromAnUnsubscribedCustomerIsConfirmedAgainButHelpGetsNoAnswer() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "STOP", NOW);
    deliver(handler(), UUID.randomUUID().toString(), from, "STOP", NOW.plusSeconds(10));
    deliver(handler(), UUID.randomUUID().toString(), from, "HELP", NOW.plusSeconds(20));
    assertEquals(2, replyBodies(from).size(), "each STOP confirmed; HELP not answered (only a STOP's confirmation goes to"
        + " an unsubscribed customer)");
    Map<String, AttributeValue> helpEntry = timeline(profile(customerIdOf(from)).get("activeConversationId").s()).stream()
        .filter(i -> "help-requested".equals(i.containsKey("event") ? i.get("event").s() : null)).findFirst().orElseThrow();
    assertEquals("NONE", helpEntry.get("reply").s());
    assertEquals("unsubscribed", helpEntry.get("replyNotSentReason").s());
  }

  @Test
  void aKeywordSupersededByALaterOneGetsNoReply() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "STOP", NOW);
    deliver(handler(), UUID.randomUUID().toString(), from, "START", NOW.plusSeconds(20));
    deliver(handler(), UUID.randomUUID().toString(), from, "STOP", NOW.plusSeconds(10));   // sent before the START
    List<String> replies = replyBodies(from);
    assertEquals(2, replies.size(), replies.toString());
    assertTrue(replies.get(1).contains("subscribed again"), "the START's confirmation stands: the customer is subscribed");
  }

  private List<String> replyBodies(String from) {
    return timeline(profile(customerIdOf(from)).get("activeConversationId").s()).stream()
        .filter(i -> i.containsKey("complianceReply")).map(i -> i.get("body").s()).toList();
  }

  @Test
  void aStopAndAStartDeliveredOutOfOrderLeaveTheLaterOne() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "hi", NOW);
    deliver(handler(), UUID.randomUUID().toString(), from, "START", NOW.plusSeconds(20));   // sent last, arrives first
    deliver(handler(), UUID.randomUUID().toString(), from, "STOP", NOW.plusSeconds(10));
    // START on a subscribed customer changes nothing; STOP then unsubscribes (nothing later changed it)
    assertFalse(profile(customerIdOf(from)).get("subscribed").bool());

    String other = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), other, "STOP", NOW);
    deliver(handler(), UUID.randomUUID().toString(), other, "START", NOW.plusSeconds(20));
    deliver(handler(), UUID.randomUUID().toString(), other, "STOP", NOW.plusSeconds(10));   // sent before the START
    assertTrue(profile(customerIdOf(other)).get("subscribed").bool(), "the START, sent later, wins");
  }

  @Test
  void theSameCarrierMessageThreeTimesIsOneMessageAndOneEvent() {
    String from = newNumber();
    String carrierId = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      deliver(handler(), carrierId, from, "once", NOW.plusSeconds(i));
    }
    String conversationId = profile(customerIdOf(from)).get("activeConversationId").s();
    assertEquals(List.of("once"), bodies(conversationId));
    assertEquals(1, events.size());
    assertEquals("1", conversation(conversationId).get("messageCount").n());
  }

  @Test
  void aCrashBeforeTheEventWasSentSendsItOnTheRedelivery() {
    String from = newNumber();
    String carrierId = UUID.randomUUID().toString();
    AtomicInteger calls = new AtomicInteger();
    InboundSmsHandler failingOnce = new InboundSmsHandler(dynamoDb, TABLE, "US", Clock.fixed(NOW, ZoneOffset.UTC),
        (eventId, type, json) -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("SQS unreachable");
          }
          events.add(Json.read(json));
        }, commands::add);
    JsonNode first = deliver(failingOnce, carrierId, from, "are you open?", NOW);
    assertEquals(1, first.path("batchItemFailures").size(), "the message is retried");
    deliver(failingOnce, carrierId, from, "are you open?", NOW);
    deliver(failingOnce, carrierId, from, "are you open?", NOW);
    assertEquals(1, events.size());
    assertEquals("conversation.created", events.get(0).path("type").asText());
    assertEquals(List.of("are you open?"), bodies(profile(customerIdOf(from)).get("activeConversationId").s()));
  }

  @Test
  void messagesDeliveredOutOfOrderSitInTheOrderSentAndActivityNeverMovesBack() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "one", NOW);
    deliver(handler(), UUID.randomUUID().toString(), from, "three", NOW.plusSeconds(20));
    deliver(handler(), UUID.randomUUID().toString(), from, "two", NOW.plusSeconds(10));   // late
    String conversationId = profile(customerIdOf(from)).get("activeConversationId").s();
    assertEquals(List.of("one", "two", "three"), bodies(conversationId));
    Map<String, AttributeValue> conversation = conversation(conversationId);
    assertEquals(Keys.time(NOW.plusSeconds(20)), conversation.get("lastActivityAt").s());
    assertEquals("three", conversation.get("lastMessagePreview").s());
    assertEquals(Keys.time(NOW.plusSeconds(20)), conversation.get("lastInboundAt").s());
    assertEquals("3", conversation.get("messageCount").n());
  }

  @Test
  void withoutAnSnsTimestampTheReceptionTimeOrdersTheMessage() {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "raw", null);
    String conversationId = profile(customerIdOf(from)).get("activeConversationId").s();
    assertTrue(timeline(conversationId).get(0).get(Table.SK).s().startsWith("T#" + Keys.time(NOW) + "#"));
  }

  @Test
  void twoFirstMessagesFromTheSameNumberAtOnceMakeOneProfile() throws Exception {
    String from = newNumber();
    // both read the phone guard (absent) before either writes: a real race, every time
    CyclicBarrier bothRead = new CyclicBarrier(2);
    DynamoDbClient racing = new DynamoDbClient() {
      @Override
      public GetItemResponse getItem(GetItemRequest request) {
        GetItemResponse response = dynamoDb.getItem(request);
        if (request.key().get(Table.SK).s().equals(Keys.PHONE_SK) && !response.hasItem()) {
          try {
            bothRead.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            // the second read of the loser: nobody else to wait for
          }
        }
        return response;
      }

      @Override
      public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return dynamoDb.transactWriteItems(request);
      }

      @Override
      public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return dynamoDb.updateItem(request);
      }

      @Override
      public String serviceName() {
        return dynamoDb.serviceName();
      }

      @Override
      public void close() {}
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<JsonNode>> results = new ArrayList<>();
      for (String body : List.of("first", "also first")) {
        results.add(pool.submit(() -> deliver(new InboundSmsHandler(racing, TABLE, "US", Clock.fixed(NOW, ZoneOffset.UTC),
            (eventId, type, json) -> events.add(Json.read(json)), commands::add), UUID.randomUUID().toString(), from, body, NOW)));
      }
      for (Future<JsonNode> result : results) {
        assertTrue(result.get(30, TimeUnit.SECONDS).path("batchItemFailures").isEmpty());
      }
    } finally {
      pool.shutdownNow();
    }
    List<Map<String, AttributeValue>> profiles = dynamoDb.scan(b -> b.tableName(TABLE)
        .filterExpression("#t = :customer AND mobile = :from")
        .expressionAttributeNames(Map.of("#t", Table.TYPE))
        .expressionAttributeValues(Map.of(":customer", s("Customer"), ":from", s(from)))).items();
    assertEquals(1, profiles.size(), "one profile per number");
    String conversationId = profiles.get(0).get("activeConversationId").s();
    assertEquals(2, bodies(conversationId).size(), "both messages in its one conversation");
    assertEquals(2, events.size());
    assertNotEquals(events.get(0).path("eventId").asText(), events.get(1).path("eventId").asText());
  }

  @Test
  void twoMessagesOfAKnownCustomerAtOnceBothLandAndActivityIsTheLatest() throws Exception {
    String from = newNumber();
    deliver(handler(), UUID.randomUUID().toString(), from, "first", NOW);
    String conversationId = profile(customerIdOf(from)).get("activeConversationId").s();
    // both read the conversation before either writes: one transaction fails its condition, re-reads and retries
    CyclicBarrier bothRead = new CyclicBarrier(2);
    AtomicInteger conversationReads = new AtomicInteger();
    // the conversation is read with the profile (the guard notes it, issue 15) or alone after a failed condition
    DynamoDbClient racing = new DelegatingClient() {
      @Override
      public GetItemResponse getItem(GetItemRequest request) {
        GetItemResponse response = dynamoDb.getItem(request);
        if (request.key().get(Table.SK).s().equals(Keys.CONVERSATION_SK)) {
          conversationRead();
        }
        return response;
      }

      @Override
      public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        BatchGetItemResponse response = dynamoDb.batchGetItem(request);
        if (request.requestItems().values().stream().flatMap(keys -> keys.keys().stream())
            .anyMatch(key -> key.get(Table.SK).s().equals(Keys.CONVERSATION_SK))) {
          conversationRead();
        }
        return response;
      }

      private void conversationRead() {
        if (conversationReads.incrementAndGet() <= 2) {
          try {
            bothRead.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<JsonNode>> results = new ArrayList<>();
      for (int i = 1; i <= 2; i++) {
        Instant sent = NOW.plusSeconds(i * 10L);
        String body = "message " + i;
        results.add(pool.submit(() -> deliver(new InboundSmsHandler(racing, TABLE, "US", Clock.fixed(NOW, ZoneOffset.UTC),
            (eventId, type, json) -> events.add(Json.read(json)), commands::add), UUID.randomUUID().toString(), from, body, sent)));
      }
      for (Future<JsonNode> result : results) {
        assertTrue(result.get(30, TimeUnit.SECONDS).path("batchItemFailures").isEmpty());
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(conversationReads.get() >= 3, "one of them read the conversation again");
    assertEquals(List.of("first", "message 1", "message 2"), bodies(conversationId));
    Map<String, AttributeValue> conversation = conversation(conversationId);
    assertEquals(Keys.time(NOW.plusSeconds(20)), conversation.get("lastActivityAt").s());
    assertEquals("message 2", conversation.get("lastMessagePreview").s());
    assertEquals("3", conversation.get("messageCount").n());
  }

  /** Passes the calls the function makes to DynamoDB Local. */
  private static class DelegatingClient implements DynamoDbClient {
    @Override
    public GetItemResponse getItem(GetItemRequest request) {
      return dynamoDb.getItem(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
      return dynamoDb.batchGetItem(request);
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
      return dynamoDb.transactWriteItems(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
      return dynamoDb.updateItem(request);
    }

    @Override
    public String serviceName() {
      return dynamoDb.serviceName();
    }

    @Override
    public void close() {}
  }

  @Test
  void aLongBodyWithEmojiIsStoredIntactAndThePreviewIsItsStart() {
    String from = newNumber();
    String body = "🙂".repeat(100) + "x".repeat(4_800);
    deliver(handler(), UUID.randomUUID().toString(), from, body, NOW);
    String conversationId = profile(customerIdOf(from)).get("activeConversationId").s();
    assertEquals(body, timeline(conversationId).get(0).get("body").s());
    assertEquals("🙂".repeat(100) + "x".repeat(60), conversation(conversationId).get("lastMessagePreview").s());
  }

  @Test
  void aMessageCountsOnceInTheMonthOfTheCompanysZone() {
    // 03:30 UTC on April 1st is March 31st in Toronto (the company's zone, the default)
    Instant lateMarch = Instant.parse("2026-04-01T03:30:00Z");
    long march = received("2026-03");
    long april = received("2026-04");
    String from = newNumber();
    String carrierId = UUID.randomUUID().toString();
    deliver(handler(), carrierId, from, "Still open tonight?", lateMarch);
    deliver(handler(), carrierId, from, "Still open tonight?", lateMarch);
    assertEquals(march + 1, received("2026-03"), "counted once, whatever the deliveries");
    assertEquals(april, received("2026-04"));
  }

  private static long received(String month) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).consistentRead(true)
        .key(Map.of(Table.PK, s(Keys.account(ACCOUNT)), Table.SK, s(Keys.statsSk(month))))).item();
    return item == null || !item.containsKey("messagesReceived") ? 0 : Long.parseLong(item.get("messagesReceived").n());
  }

  // ------------------------------------------------------------------ helpers

  private InboundSmsHandler handler() {
    return new InboundSmsHandler(dynamoDb, TABLE, "US", Clock.fixed(NOW, ZoneOffset.UTC),
        (eventId, type, json) -> events.add(Json.read(json)), commands::add);
  }

  /** A number no other test uses (514-555-01xx numbers are fictional, and valid for libphonenumber). */
  private static String newNumber() {
    return "+15145550" + NUMBERS.incrementAndGet();
  }

  /** One SQS record holding SNS's envelope of the carrier's payload, as the InboundSms queue delivers it. */
  private static JsonNode deliver(InboundSmsHandler handler, String carrierId, String from, String body, Instant snsTimestamp) {
    String payload = new String(Json.bytes(Map.of("originationNumber", from, "destinationNumber", COMPANY,
        "messageBody", body, "messageKeyword", "KEYWORD_123456789012", "inboundMessageId", carrierId,
        "previousPublishedMessageId", UUID.randomUUID().toString())), java.nio.charset.StandardCharsets.UTF_8);
    Map<String, Object> envelope = new java.util.LinkedHashMap<>();
    envelope.put("Type", "Notification");
    envelope.put("MessageId", UUID.randomUUID().toString());
    envelope.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:textinbox-dev-inbound-sms");
    envelope.put("Message", payload);
    if (snsTimestamp != null) {
      envelope.put("Timestamp", snsTimestamp.toString());
    }
    Map<String, Object> record = Map.of("messageId", UUID.randomUUID().toString(),
        "body", new String(Json.bytes(envelope), java.nio.charset.StandardCharsets.UTF_8),
        "attributes", Map.of("ApproximateReceiveCount", "1"),
        "eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:textinbox-dev-inbound-sms");
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(Json.bytes(Map.of("Records", List.of(record)))), out, null);
      return Json.mapper().readTree(out.toByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String customerIdOf(String from) {
    Map<String, AttributeValue> guard = dynamoDb.getItem(b -> b.tableName(TABLE)
        .key(key(Keys.customerPhone(ACCOUNT, from), Keys.PHONE_SK))).item();
    assertNotNull(guard, "no phone guard for the number");
    assertFalse(guard.isEmpty(), "no phone guard for the number");
    return guard.get("customerId").s();
  }

  private static Map<String, AttributeValue> profile(String customerId) {
    return dynamoDb.getItem(b -> b.tableName(TABLE).key(key(Keys.customer(ACCOUNT, customerId), Keys.PROFILE_SK))).item();
  }

  private static Map<String, AttributeValue> conversation(String conversationId) {
    return dynamoDb.getItem(b -> b.tableName(TABLE).key(key(Keys.conversation(ACCOUNT, conversationId), Keys.CONVERSATION_SK))).item();
  }

  private static List<Map<String, AttributeValue>> timeline(String conversationId) {
    return dynamoDb.query(b -> b.tableName(TABLE)
        .keyConditionExpression("PK = :pk AND begins_with(SK, :t)")
        .expressionAttributeValues(Map.of(":pk", s(Keys.conversation(ACCOUNT, conversationId)), ":t", s(Keys.TIMELINE_PREFIX)))).items();
  }

  private static List<String> bodies(String conversationId) {
    return timeline(conversationId).stream().filter(i -> "Message".equals(i.get(Table.TYPE).s())).map(i -> i.get("body").s()).toList();
  }

  private List<String> eventTypes() {
    return events.stream().map(e -> e.path("type").asText()).toList();
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(Table.PK, s(pk), Table.SK, s(sk));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
