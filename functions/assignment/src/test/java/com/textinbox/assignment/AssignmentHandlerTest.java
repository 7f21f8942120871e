package com.textinbox.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.BulkJob;
import com.textinbox.shared.assignment.ConversationLists;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The assignment function against DynamoDB Local: the automatic assignment rule (previous
 * assignee, company default, A2, A4, A5, redeliveries) and bulk jobs (chunks counted once, one
 * notification event per job), with the DynamoDB requests they make.
 */
class AssignmentHandlerTest {
  private static final String TABLE = "assignment-test";
  private static final String MAPLE = "acct-maple";
  private static final Instant NOW = Instant.parse("2026-11-21T15:00:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;
  private static final List<EventQueue.Sent> SENT = new CopyOnWriteArrayList<>();
  private static final List<String> STEPS = new CopyOnWriteArrayList<>();
  private static AssignmentHandler handler;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable(TABLE);
    handler = new AssignmentHandler(dynamoDb, TABLE, Clock.fixed(NOW, ZoneOffset.UTC), EventQueue.into(SENT), STEPS::addAll);
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @BeforeEach
  void seed() {
    for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(b -> b.tableName(TABLE)).items()) {
      dynamoDb.deleteItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, item.get(Table.PK), Table.SK, item.get(Table.SK))));
    }
    SENT.clear();
    STEPS.clear();
    put(Keys.account(MAPLE), Keys.ACCOUNT_SK, Map.of(Table.TYPE, s("Account"), "name", s("Maple")));
    user("user-alice", "Alice Martin");
    user("user-bruno", "Bruno Tremblay");
    user("user-chloe", "Chloé Roy");
    put(Keys.account(MAPLE), Keys.teamSk("team-service"), Map.of(Table.TYPE, s("Team"), "name", s("Service")));
  }

  // ------------------------------------------------------------------ automatic assignment

  @Test
  void aNewConversationGoesToTheCompanyDefaultOnceWhateverTheRedeliveries() {
    conversation("conv-new", "cust-new", "OPEN", null, null);
    // no default: it stays unassigned, and the message is still announced
    deliver(event("e1", "conversation.created", "conv-new", "cust-new"));
    assertNull(conversationItem("conv-new").get("assigneeId"));
    assertEquals(1, SENT.size());

    dynamoDb.updateItem(b -> b.tableName(TABLE).key(key(Keys.account(MAPLE), Keys.ACCOUNT_SK))
        .updateExpression("SET defaultAssigneeKind = :k, defaultAssigneeId = :i")
        .expressionAttributeValues(Map.of(":k", s("TEAM"), ":i", s("team-service"))));
    SENT.clear();
    deliver(event("e2", "conversation.created", "conv-new", "cust-new"));
    deliver(event("e2", "conversation.created", "conv-new", "cust-new"));
    Map<String, AttributeValue> conversation = conversationItem("conv-new");
    assertEquals("TEAM", conversation.get("assigneeKind").s());
    assertEquals("team-service", conversation.get("assigneeId").s());
    assertEquals(Keys.assigneeList(MAPLE, "TEAM", "team-service", "OPEN"), conversation.get(Table.GSI1PK).s());
    List<Map<String, AttributeValue>> events = assignedEvents("conv-new");
    assertEquals(1, events.size(), "the redelivery assigned nothing again");
    assertEquals("system", events.get(0).get("by").s());
    assertEquals("default-assignee", events.get(0).get("reason").s());
    assertEquals("Service", events.get(0).get("assigneeName").s());
    // each delivery announces the message (same eventId: the dispatcher dedupes)
    assertEquals(2, SENT.size());
    JsonNode notification = Json.read(SENT.get(0).json());
    assertEquals("message.received", notification.path("type").asText());
    assertEquals("e2", notification.path("eventId").asText());
    assertEquals("created", notification.path("conversationEvent").asText());
    assertEquals("conv-new", notification.path("conversationId").asText());
    assertEquals(SENT.get(0).json(), SENT.get(1).json());
  }

  @Test
  void aNewConversationOfAKnownCustomerGoesToTheAssigneeOfTheirPreviousOne() {
    defaultAssignee("USER", "user-alice");
    conversation("conv-old", "cust-john", "CLOSED", "USER", "user-chloe");
    conversation("conv-next", "cust-john", "OPEN", null, null);
    deliver(event("e3", "conversation.created", "conv-next", "cust-john"));
    assertEquals("user-chloe", conversationItem("conv-next").get("assigneeId").s());
    assertEquals("previous-assignee", assignedEvents("conv-next").get(0).get("reason").s());
  }

  @Test
  void aReopenedConversationStaysWithItsAssigneeOrGoesToTheAwayDelegate() {
    conversation("conv-r", "cust-john", "OPEN", "USER", "user-bruno");
    deliver(event("r1", "conversation.reopened", "conv-r", "cust-john"));
    assertEquals("user-bruno", conversationItem("conv-r").get("assigneeId").s());
    assertTrue(assignedEvents("conv-r").isEmpty(), "no change, no event");
    assertEquals("reopened", Json.read(SENT.get(0).json()).path("conversationEvent").asText());

    // A2: Bruno is away, Chloé his delegate
    away("user-bruno", "user-chloe", "2026-11-20T08:00:00.000Z");
    deliver(event("r2", "conversation.reopened", "conv-r", "cust-john"));
    Map<String, AttributeValue> moved = conversationItem("conv-r");
    assertEquals("user-chloe", moved.get("assigneeId").s());
    assertEquals(Keys.assigneeList(MAPLE, "USER", "user-chloe", "OPEN"), moved.get(Table.GSI1PK).s());
    Map<String, AttributeValue> event = assignedEvents("conv-r").get(0);
    assertEquals("away-delegate", event.get("reason").s());
    assertEquals("user-bruno", event.get("previousAssigneeId").s());
    assertEquals("Bruno Tremblay", event.get("previousAssigneeName").s());
  }

  @Test
  void aDelegateAwayTooOrNoDelegateKeepsItWithTheUser() {
    conversation("conv-a4", "cust-john", "OPEN", "USER", "user-bruno");
    away("user-bruno", "user-chloe", "2026-11-20T08:00:00.000Z");
    away("user-chloe", "user-alice", "2026-11-20T08:00:00.000Z");
    deliver(event("a4", "conversation.reopened", "conv-a4", "cust-john"));
    assertEquals("user-bruno", conversationItem("conv-a4").get("assigneeId").s(), "A4: no chain to Alice");

    away("user-bruno", null, "2026-11-20T08:00:00.000Z");
    deliver(event("a2", "conversation.reopened", "conv-a4", "cust-john"));
    assertEquals("user-bruno", conversationItem("conv-a4").get("assigneeId").s(), "A2 without a delegate: stays");
    assertTrue(assignedEvents("conv-a4").isEmpty());
  }

  @Test
  void aUserWhoTextedTheCustomerWhileAwayKeepsThem() {
    conversation("conv-a5", "cust-john", "OPEN", "USER", "user-bruno");
    away("user-bruno", "user-chloe", "2026-11-20T08:00:00.000Z");
    // Bruno replied on the 21st, while away (MessagesApi records it)
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(key(Keys.conversation(MAPLE, "conv-a5"), Keys.CONVERSATION_SK))
        .updateExpression("SET awayReplyUserId = :u, awayReplyAt = :at")
        .expressionAttributeValues(Map.of(":u", s("user-bruno"), ":at", s("2026-11-21T09:00:00.000Z"))));
    deliver(event("a5", "conversation.reopened", "conv-a5", "cust-john"));
    assertEquals("user-bruno", conversationItem("conv-a5").get("assigneeId").s());

    // a reply from an earlier away period does not count
    away("user-bruno", "user-chloe", "2026-11-21T10:00:00.000Z");
    deliver(event("a5b", "conversation.reopened", "conv-a5", "cust-john"));
    assertEquals("user-chloe", conversationItem("conv-a5").get("assigneeId").s());
  }

  @Test
  void aMessageInAnOpenConversationIsOnlyAnnounced() {
    conversation("conv-m", "cust-john", "OPEN", null, null);
    defaultAssignee("USER", "user-alice");
    deliver(event("m1", "message.received", "conv-m", "cust-john"));
    assertNull(conversationItem("conv-m").get("assigneeId"));
    JsonNode notification = Json.read(SENT.get(0).json());
    assertEquals("message.received", notification.path("type").asText());
    assertFalse(notification.has("conversationEvent"));
  }

  @Test
  void aMessageThatOvertakesItsConversationsCreationIsAssignedAndAnnouncedToTheAssignee() {
    // found by the chaos run: the conversation.created event came back after a crash, later than the next message's
    conversation("conv-o", "cust-john", "OPEN", null, null);
    defaultAssignee("USER", "user-alice");
    Map<String, Object> received = new java.util.HashMap<>(Json.mapper().convertValue(
        Json.read(event("o2", "message.received", "conv-o", "cust-john")), Map.class));
    received.put("unassigned", true);
    deliver(Json.write(received));
    assertEquals("user-alice", conversationItem("conv-o").get("assigneeId").s());
    deliver(event("o1", "conversation.created", "conv-o", "cust-john"));
    assertEquals(1, assignedEvents("conv-o").size(), "the late creation changes nothing");
    assertEquals(2, SENT.size(), "both messages announced");
    assertFalse(Json.read(SENT.get(0).json()).has("conversationEvent"));
  }

  @Test
  void aMalformedEventFailsItsMessageOnly() {
    JsonNode result = run(sqsEvent(List.of("{\"type\":\"conversation.created\"}", event("ok", "message.received", "conv-x", "c"))));
    assertEquals(1, result.path("batchItemFailures").size());
  }

  // ------------------------------------------------------------------ bulk jobs

  @Test
  void aBulkJobOfIdsAssignsEachOnceCountsEachChunkOnceAndSendsOneEvent() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String id = String.format("conv-b%03d", i);
      conversation(id, "cust-" + i, "OPEN", i % 2 == 0 ? "USER" : null, i % 2 == 0 ? "user-bruno" : null);
      ids.add(id);
    }
    conversation("conv-already", "cust-x", "OPEN", "USER", "user-chloe");
    ids.add("conv-already");
    ids.add("conv-missing");
    job("job-1", 62, true);
    BulkJob start = new BulkJob(BulkJob.IDS, MAPLE, "job-1", Assignee.user("user-chloe", "Chloé Roy"), "user-alice",
        "Alice Martin", ids, null, null, null, null);
    deliver(start.toJson());
    assertEquals(3, STEPS.size(), "62 ids: chunks of 25, 25 and 12");
    List<String> chunks = new ArrayList<>(STEPS);
    STEPS.clear();
    SortedMap<String, Integer> first = RequestCounter.during(() -> deliver(chunks.get(0)));
    System.out.println("DynamoDB requests of a chunk of 25: " + first);
    assertEquals(1, first.get("DynamoDb.BatchGetItem") == null ? 0 : first.get("DynamoDb.BatchGetItem") - 1,
        "one BatchGetItem of the conversations, one of the previous assignees' names: " + first);
    assertEquals(1, first.get("DynamoDb.TransactWriteItems"));
    assertEquals(1, first.get("DynamoDb.UpdateItem"));
    // a redelivered chunk assigns and counts nothing again
    deliver(chunks.get(0));
    deliver(chunks.get(1));
    assertTrue(SENT.isEmpty(), "not finished yet");
    deliver(chunks.get(2));
    deliver(chunks.get(2));

    Map<String, AttributeValue> job = item(Keys.account(MAPLE), Keys.jobSk("job-1"));
    assertEquals("COMPLETED", job.get("status").s());
    assertEquals("62", job.get("processed").n());
    assertEquals("60", job.get("assigned").n());
    assertEquals("1", job.get("unchanged").n());
    assertEquals("1", job.get("notFound").n());
    assertEquals(1, SENT.size(), "one notification event for the job");
    JsonNode event = Json.read(SENT.get(0).json());
    assertEquals("conversation.assigned.bulk", event.path("type").asText());
    assertEquals("bulk-job-1", event.path("eventId").asText());
    assertEquals("user-alice", event.path("actorUserId").asText());
    assertEquals("USER", event.path("assigneeKind").asText());
    assertEquals("user-chloe", event.path("assigneeId").asText());
    assertEquals(60, event.path("count").asInt());
    assertEquals(20, event.path("conversationIds").size());
    for (String id : ids.subList(0, 60)) {
      assertEquals("user-chloe", conversationItem(id).get("assigneeId").s(), id);
      assertEquals(1, assignedEvents(id).size(), id);
    }
    Map<String, AttributeValue> moved = assignedEvents("conv-b000").get(0);
    assertEquals("user-bruno", moved.get("previousAssigneeId").s());
    assertEquals("Bruno Tremblay", moved.get("previousAssigneeName").s());
    assertEquals("job-1", moved.get("jobId").s());
    assertEquals("user-alice", moved.get("by").s());
  }

  @Test
  void aBulkJobOfAListTakesEveryConversationOfItPageByPage() {
    for (int i = 0; i < 130; i++) {
      conversation(String.format("conv-l%03d", i), "cust-" + i, i % 3 == 0 ? "CLOSED" : "OPEN", "USER", "user-bruno");
    }
    conversation("conv-other", "cust-o", "OPEN", "USER", "user-alice");
    job("job-2", 0, false);
    BulkJob start = new BulkJob(BulkJob.PAGE, MAPLE, "job-2", Assignee.team("team-service", "Service"), "user-bruno", "Bruno Tremblay",
        null, 0, null, ConversationLists.Spec.of("me", "all", null, "user-bruno"), null);
    List<String> queue = new ArrayList<>(List.of(start.toJson()));
    while (!queue.isEmpty()) {
      String step = queue.remove(0);
      deliver(step);
      if (step.contains("bulk.page")) {
        deliver(step); // a redelivered page re-sends the same steps and counts nothing twice
      }
      queue.addAll(STEPS);
      STEPS.clear();
    }
    Map<String, AttributeValue> job = item(Keys.account(MAPLE), Keys.jobSk("job-2"));
    assertEquals("COMPLETED", job.get("status").s());
    assertEquals("130", job.get("total").n());
    assertEquals("130", job.get("assigned").n());
    assertEquals(1, SENT.size());
    assertEquals("user-alice", conversationItem("conv-other").get("assigneeId").s());
    assertEquals(Keys.assigneeList(MAPLE, "TEAM", "team-service", "CLOSED"), conversationItem("conv-l000").get(Table.GSI1PK).s());
  }

  // ------------------------------------------------------------------ helpers

  static String event(String eventId, String type, String conversationId, String customerId) {
    return Json.write(Map.of("eventId", eventId, "type", type, "accountId", MAPLE, "conversationId", conversationId,
        "customerId", customerId, "messageId", eventId, "at", "2026-11-21T14:59:00.000Z"));
  }

  private static void deliver(String body) {
    JsonNode result = run(sqsEvent(List.of(body)));
    assertTrue(result.path("batchItemFailures").isEmpty(), result.toString());
  }

  private static JsonNode run(String sqsEvent) {
    return Json.mapper().valueToTree(Map.of("batchItemFailures", handler.processBatch(Json.read(sqsEvent)).stream()
        .map(id -> Map.of("itemIdentifier", id)).toList()));
  }

  static String sqsEvent(List<String> bodies) {
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    int i = 0;
    for (String body : bodies) {
      ObjectNode record = records.addObject();
      record.put("messageId", "m" + i++);
      record.put("body", body);
      record.put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:textinbox-dev-conversation-events");
    }
    return Json.write(event);
  }

  private static void job(String jobId, int total, boolean expanded) {
    Map<String, AttributeValue> item = new HashMap<>(Map.of(Table.TYPE, s("Job"), "kind", s("bulk-assign"), "jobId", s(jobId),
        "status", s("QUEUED"), "requestedBy", s("user-alice"), "assigneeKind", s("USER"), "assigneeId", s("user-chloe")));
    item.putAll(Map.of("total", AttributeValue.fromN(Integer.toString(total)), "expanded", AttributeValue.fromBool(expanded),
        "processed", AttributeValue.fromN("0"), "assigned", AttributeValue.fromN("0")));
    put(Keys.account(MAPLE), Keys.jobSk(jobId), item);
  }

  private static void defaultAssignee(String kind, String id) {
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(key(Keys.account(MAPLE), Keys.ACCOUNT_SK))
        .updateExpression("SET defaultAssigneeKind = :k, defaultAssigneeId = :i")
        .expressionAttributeValues(Map.of(":k", s(kind), ":i", s(id))));
  }

  private static void away(String userId, String delegateId, String since) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":on", AttributeValue.fromBool(true), ":since", s(since)));
    String update = "SET away = :on, awaySince = :since";
    if (delegateId != null) {
      update += ", awayDelegateId = :d";
      values.put(":d", s(delegateId));
    } else {
      update += " REMOVE awayDelegateId";
    }
    String u = update;
    dynamoDb.updateItem(b -> b.tableName(TABLE).key(key(Keys.account(MAPLE), Keys.userSk(userId)))
        .updateExpression(u).expressionAttributeValues(values));
  }

  private static void conversation(String id, String customerId, String status, String kind, String assigneeId) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Table.TYPE, s("Conversation"));
    item.put("conversationId", s(id));
    item.put("customerId", s(customerId));
    item.put("status", s(status));
    item.put("createdAt", s("2026-11-" + (id.equals("conv-old") ? "01" : "21") + "T10:00:00.000Z"));
    String activity = "2026-11-21T10:00:00.000Z";
    item.put("lastActivityAt", s(activity));
    item.put(Table.GSI2PK, s(Keys.conversationsOfCustomer(MAPLE, customerId)));
    item.put(Table.GSI2SK, item.get("createdAt"));
    item.put(Table.GSI3PK, s(Keys.conversationsByStatus(MAPLE, status)));
    item.put(Table.GSI3SK, s(Keys.activitySk(activity, id)));
    if (kind != null) {
      item.put("assigneeKind", s(kind));
      item.put("assigneeId", s(assigneeId));
      item.put(Table.GSI1PK, s(Keys.assigneeList(MAPLE, kind, assigneeId, status)));
      item.put(Table.GSI1SK, s(Keys.activitySk(activity, id)));
    }
    put(Keys.conversation(MAPLE, id), Keys.CONVERSATION_SK, item);
  }

  private static void user(String userId, String name) {
    put(Keys.account(MAPLE), Keys.userSk(userId), Map.of(Table.TYPE, s("User"), "name", s(name), "role", s("user")));
  }

  private static Map<String, AttributeValue> conversationItem(String id) {
    return item(Keys.conversation(MAPLE, id), Keys.CONVERSATION_SK);
  }

  private static List<Map<String, AttributeValue>> assignedEvents(String id) {
    return dynamoDb.query(b -> b.tableName(TABLE).keyConditionExpression("PK = :pk AND begins_with(SK, :t)")
        .expressionAttributeValues(Map.of(":pk", s(Keys.conversation(MAPLE, id)), ":t", s("T#")))).items().stream()
        .filter(i -> "assigned".equals(i.get("event") == null ? null : i.get("event").s())).toList();
  }

  private static Map<String, AttributeValue> item(String pk, String sk) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).key(key(pk, sk)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }

  private static void put(String pk, String sk, Map<String, AttributeValue> attributes) {
    Map<String, AttributeValue> item = new HashMap<>(attributes);
    item.put(Table.PK, s(pk));
    item.put(Table.SK, s(sk));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(item));
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(Table.PK, s(pk), Table.SK, s(sk));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
