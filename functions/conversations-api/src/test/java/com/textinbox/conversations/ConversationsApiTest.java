package com.textinbox.conversations;

import com.textinbox.shared.testing.TestCursors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The conversations API through the handler against DynamoDB Local: lists and their filters,
 * paging, unread / unanswered, admin flags, close / reopen, notes and mentions, 404 across
 * companies, 400s.
 */
class ConversationsApiTest {
  private static final String TABLE = "conversations-test";
  private static final String MAPLE = "acct-maple";
  private static final String CLINIC = "acct-clinic";
  private static final Instant NOW = Instant.parse("2026-11-21T15:00:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;
  private static ConversationsApi api;
  private static final List<JsonNode> SENT = new CopyOnWriteArrayList<>();
  private static final List<JsonNode> BULK = new CopyOnWriteArrayList<>();
  /** SQS refusing the bulk assignment queue's messages (docs/decisions.md 65). */
  private static volatile boolean refuseBulkJobs;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable(TABLE);
    api = new ConversationsApi(dynamoDb, TABLE, Clock.fixed(NOW, ZoneOffset.UTC),
        (eventId, type, json) -> SENT.add(Json.read(json)), (eventId, type, json) -> {
          if (refuseBulkJobs) {
            throw software.amazon.awssdk.services.sqs.model.SqsException.builder().message("Service Unavailable").statusCode(503).build();
          }
          BULK.add(Json.read(json));
        }, TestCursors.codec());
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
    BULK.clear();
    put(Keys.account(MAPLE), Keys.ACCOUNT_SK, Map.of(Table.TYPE, s("Account"), "name", s("Maple"),
        "unansweredAfterHours", AttributeValue.fromN("2")));
    user(MAPLE, "user-alice", "Alice Martin");
    user(MAPLE, "user-bruno", "Bruno Tremblay");
    user(MAPLE, "user-chloe", "Chloé Roy");
    user(CLINIC, "user-olivia", "Olivia Chen");
    put(Keys.account(MAPLE), Keys.teamSk("team-service"), Map.of(Table.TYPE, s("Team"), "name", s("Service")));
    for (String member : List.of("user-bruno", "user-chloe")) {
      put(Keys.account(MAPLE), Keys.memberSk("team-service", member), Map.of(Table.TYPE, s("TeamMember"),
          "teamId", s("team-service"), "userId", s(member)));
    }
    put(Keys.customer(MAPLE, "cust-john"), Keys.PROFILE_SK, Map.of(Table.TYPE, s("Customer"), "customerId", s("cust-john"),
        "firstName", s("John"), "lastName", s("Smith"), "mobile", s("+15145550112")));
    // c1: Bruno's, open, inbound 10:00 unanswered (flagged: over 2 h); c2: the team's, open,
    // answered; c3: unassigned, open, unanswered since 14:30 (not flagged); c4: Bruno's, closed
    conversation("c1", "OPEN", "2026-11-21T10:00:00.000Z", "2026-11-21T10:00:00.000Z", "USER", "user-bruno", "2026-11-21T10:00:00.000Z");
    conversation("c2", "OPEN", "2026-11-21T12:00:00.000Z", "2026-11-21T11:00:00.000Z", "TEAM", "team-service", null);
    conversation("c3", "OPEN", "2026-11-21T14:30:00.000Z", "2026-11-21T14:30:00.000Z", null, null, "2026-11-21T14:30:00.000Z");
    conversation("c4", "CLOSED", "2026-11-21T13:00:00.000Z", "2026-11-21T09:00:00.000Z", "USER", "user-bruno", null);
    message("c1", "2026-11-21T09:59:00.000Z", "m0", "OUTBOUND");
    message("c1", "2026-11-21T10:00:00.000Z", "m1", "INBOUND");
    // Chloé read the team's conversation after its last inbound message
    put(Keys.conversation(MAPLE, "c2"), Keys.readSk("user-chloe"), Map.of(Table.TYPE, s("ReadState"), "readAt", s("2026-11-21T11:30:00.000Z")));
  }

  // ------------------------------------------------------------------ lists

  @Test
  void allOpenNewestFirstWithCustomerPreviewAndFlags() {
    Answer answer = call("user-alice", "admin", "GET", "/conversations", Map.of(), Map.of("assignee", "all", "status", "open"), null);
    assertEquals(200, answer.status, answer.body.toString());
    assertEquals(List.of("c3", "c2", "c1"), ids(answer));
    JsonNode c1 = answer.body.path("conversations").get(2);
    assertEquals("John Smith", c1.path("customer").path("name").asText());
    assertEquals("+15145550112", c1.path("customer").path("number").asText());
    assertEquals("preview of c1", c1.path("lastMessagePreview").asText());
    assertEquals("user", c1.path("assignee").path("kind").asText());
    assertEquals("Bruno Tremblay", c1.path("assignee").path("name").asText());
    assertTrue(c1.path("unreadForMe").asBoolean());
    assertTrue(c1.path("unansweredFlagged").asBoolean(), "10:00 is more than 2 hours before 15:00");
    assertFalse(c1.path("assigneeHasRead").asBoolean());
    JsonNode c3 = answer.body.path("conversations").get(0);
    assertTrue(!c3.has("assignee"));
    assertFalse(c3.path("unansweredFlagged").asBoolean(), "14:30 is within 2 hours");
    assertTrue(!c3.has("assigneeHasRead"));
    JsonNode c2 = answer.body.path("conversations").get(1);
    assertEquals("Service", c2.path("assignee").path("name").asText());
    assertTrue(c2.path("assigneeHasRead").asBoolean(), "Chloé, a member of the team, read it");
    assertTrue(answer.body.path("nextCursor").isValueNode() == false);
  }

  @Test
  void assigneeListsStatusesAndFilters() {
    assertEquals(List.of("c1"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "me"), null)));
    assertEquals(List.of("c4", "c1"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "me", "status", "all"), null)));
    assertEquals(List.of("c4"), ids(call("user-alice", "admin", "GET", "/conversations", Map.of(), Map.of("assignee", "user-bruno", "status", "closed"), null)));
    assertEquals(List.of("c2"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "team:team-service"), null)));
    assertEquals(List.of("c3"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "unassigned"), null)));
    assertEquals(List.of("c3", "c1"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("filter", "unanswered"), null)));
    // Chloé read c2: read for her, unread for Bruno
    assertEquals(List.of("c2"), ids(call("user-chloe", "user", "GET", "/conversations", Map.of(), Map.of("filter", "read"), null)));
    assertEquals(List.of("c3", "c2", "c1"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("filter", "unread"), null)));
    assertEquals(List.of("c3", "c4", "c2", "c1"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("status", "all"), null)));
    assertEquals(List.of(), ids(call("user-olivia", "admin", CLINIC, "GET", "/conversations", Map.of(), Map.of("status", "all"), null)));
  }

  @Test
  void pagesFollowTheCursorAcrossMergedLists() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    for (int i = 0; i < 10; i++) {
      Map<String, String> query = new HashMap<>(Map.of("status", "all", "limit", "1"));
      if (cursor != null) {
        query.put("cursor", cursor);
      }
      Answer page = call("user-bruno", "user", "GET", "/conversations", Map.of(), query, null);
      assertEquals(200, page.status, page.body.toString());
      seen.addAll(ids(page));
      if (page.body.path("nextCursor").isValueNode() == false) {
        break;
      }
      cursor = page.body.path("nextCursor").asText();
    }
    assertEquals(List.of("c3", "c4", "c2", "c1"), seen);
    // a filtered page is filled from further down the list
    Answer unread = call("user-chloe", "user", "GET", "/conversations", Map.of(), Map.of("filter", "unread", "limit", "2"), null);
    assertEquals(List.of("c3", "c1"), ids(unread));
  }

  @Test
  void badParametersAre400() {
    for (Map<String, String> query : List.of(Map.of("cursor", "not a cursor!"), Map.of("cursor", "eHl6"), Map.of("status", "pending"),
        Map.of("filter", "starred"), Map.of("limit", "0"), Map.of("limit", "abc"), Map.of("assignee", "team:"))) {
      Answer answer = call("user-bruno", "user", "GET", "/conversations", Map.of(), query, null);
      assertEquals(400, answer.status, query + ": " + answer.body);
    }
    assertEquals(400, call("user-bruno", "user", "GET", "/conversations/{conversationId}", Map.of("conversationId", "c1"),
        Map.of("cursor", "%%%"), null).status);
  }

  @Test
  void freeUsersAre403() {
    assertEquals(403, call("user-felix", "free", "GET", "/conversations", Map.of(), Map.of(), null).status);
    assertEquals(403, call("user-felix", "free", "POST", "/conversations/{conversationId}/read", Map.of("conversationId", "c1"), Map.of(), null).status);
  }

  // ------------------------------------------------------------------ one conversation

  @Test
  void aConversationWithItsTimelineNewestFirstPaged() {
    Answer first = call("user-bruno", "user", "GET", "/conversations/{conversationId}", Map.of("conversationId", "c1"), Map.of("limit", "1"), null);
    assertEquals(200, first.status, first.body.toString());
    assertEquals("c1", first.body.path("conversation").path("conversationId").asText());
    assertEquals("newest-first", first.body.path("order").asText());
    assertEquals(1, first.body.path("timeline").size());
    JsonNode m1 = first.body.path("timeline").get(0);
    assertEquals("Message", m1.path("type").asText());
    assertEquals("m1", m1.path("id").asText());
    assertEquals("INBOUND", m1.path("direction").asText());
    assertFalse(m1.has("PK"));
    Answer second = call("user-bruno", "user", "GET", "/conversations/{conversationId}", Map.of("conversationId", "c1"),
        Map.of("limit", "1", "cursor", first.body.path("nextCursor").asText()), null);
    assertEquals("m0", second.body.path("timeline").get(0).path("id").asText());
    assertTrue(second.body.path("nextCursor").isValueNode() == false);
  }

  @Test
  void anotherCompanysConversationIs404Everywhere() {
    Map<String, String> c1 = Map.of("conversationId", "c1");
    assertEquals(404, call("user-olivia", "admin", CLINIC, "GET", "/conversations/{conversationId}", c1, Map.of(), null).status);
    for (String action : List.of("read", "close", "reopen")) {
      assertEquals(404, call("user-olivia", "admin", CLINIC, "POST", "/conversations/{conversationId}/" + action, c1, Map.of(), "{}").status);
    }
    assertEquals(404, call("user-olivia", "admin", CLINIC, "POST", "/conversations/{conversationId}/notes", c1, Map.of(),
        "{\"text\":\"hello\"}").status);
    assertEquals(404, call("user-bruno", "user", "GET", "/conversations/{conversationId}", Map.of("conversationId", "nope"), Map.of(), null).status);
  }

  // ------------------------------------------------------------------ read, close, reopen

  @Test
  void markingReadMakesItReadForTheCallerOnly() {
    Map<String, String> c1 = Map.of("conversationId", "c1");
    assertEquals(200, call("user-bruno", "user", "POST", "/conversations/{conversationId}/read", c1, Map.of(), null).status);
    assertEquals(List.of("c3", "c2"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("filter", "unread"), null)));
    Answer admin = call("user-alice", "admin", "GET", "/conversations", Map.of(), Map.of("assignee", "user-bruno"), null);
    JsonNode view = admin.body.path("conversations").get(0);
    assertTrue(view.path("unreadForMe").asBoolean(), "still unread for Alice");
    assertTrue(view.path("assigneeHasRead").asBoolean(), "Bruno read it");
  }

  @Test
  void closeAndReopenMoveTheListsWriteEventsAndAreIdempotent() {
    Map<String, String> c1 = Map.of("conversationId", "c1");
    Answer closed = call("user-bruno", "user", "POST", "/conversations/{conversationId}/close", c1, Map.of(), null);
    assertEquals(200, closed.status, closed.body.toString());
    assertTrue(closed.body.path("changed").asBoolean());
    Answer again = call("user-bruno", "user", "POST", "/conversations/{conversationId}/close", c1, Map.of(), null);
    assertEquals(200, again.status);
    assertFalse(again.body.path("changed").asBoolean());
    assertEquals(List.of(), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "me"), null)));
    assertEquals(List.of("c4", "c1"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "me", "status", "closed"), null)));
    assertEquals(List.of("c4", "c1"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("status", "closed"), null)));
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, s(Keys.conversation(MAPLE, "c1")),
        Table.SK, s(Keys.CONVERSATION_SK)))).item();
    assertEquals("CLOSED", item.get("status").s());
    assertEquals("user-bruno", item.get("closedBy").s());

    Answer reopened = call("user-alice", "admin", "POST", "/conversations/{conversationId}/reopen", c1, Map.of(), null);
    assertTrue(reopened.body.path("changed").asBoolean());
    assertEquals(List.of("c1"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "me"), null)));

    Answer timeline = call("user-bruno", "user", "GET", "/conversations/{conversationId}", c1, Map.of(), null);
    List<String> events = new ArrayList<>();
    timeline.body.path("timeline").forEach(e -> {
      if ("ConversationEvent".equals(e.path("type").asText())) {
        events.add(e.path("event").asText() + " by " + e.path("by").asText());
      }
    });
    assertEquals(2, events.size(), events.toString());
    assertTrue(events.contains("closed by user-bruno") && events.contains("reopened by user-alice"), events.toString());
    assertEquals(4, timeline.body.path("timeline").size(), "nothing deleted: two messages and two events");
  }

  // ------------------------------------------------------------------ notes

  @Test
  void aNoteMentioningUsersSendsAnEventToEachButTheAuthor() {
    Answer note = call("user-bruno", "user", "POST", "/conversations/{conversationId}/notes", Map.of("conversationId", "c1"), Map.of(),
        "{\"text\":\"@user-chloe @Alice please call back; @bruno noted, @nobody\"}");
    assertEquals(201, note.status, note.body.toString());
    assertEquals("Note", note.body.path("type").asText());
    assertEquals("user-bruno", note.body.path("authorId").asText());
    assertEquals(2, note.body.path("mentions").size());
    assertEquals(2, SENT.size(), SENT.toString());
    JsonNode event = SENT.get(0);
    assertEquals("note.mention", event.path("type").asText());
    assertEquals(MAPLE, event.path("accountId").asText());
    assertEquals("c1", event.path("conversationId").asText());
    assertEquals("user-chloe", event.path("mentionedUserId").asText());
    assertEquals("user-alice", SENT.get(1).path("mentionedUserId").asText());
    assertFalse(event.toString().contains("please call back"), "events carry no text");

    // an accent-free first name mentions Chloé
    call("user-alice", "admin", "POST", "/conversations/{conversationId}/notes", Map.of("conversationId", "c1"), Map.of(),
        "{\"text\":\"@chloe look\"}");
    assertEquals("user-chloe", SENT.get(2).path("mentionedUserId").asText());

    Answer timeline = call("user-bruno", "user", "GET", "/conversations/{conversationId}", Map.of("conversationId", "c1"), Map.of(), null);
    long notes = 0;
    for (JsonNode e : timeline.body.path("timeline")) {
      if ("Note".equals(e.path("type").asText())) {
        notes++;
        assertNotNull(e.path("text").asText());
      }
    }
    assertEquals(2, notes);
  }

  @Test
  void emptyOrTooLongNotesAre400() {
    Map<String, String> c1 = Map.of("conversationId", "c1");
    for (String body : List.of("{\"text\":\"   \"}", "{}", "{\"text\":5}", "{\"text\":\"" + "x".repeat(2001) + "\"}")) {
      Answer answer = call("user-bruno", "user", "POST", "/conversations/{conversationId}/notes", c1, Map.of(), body);
      assertEquals(400, answer.status, body.length() > 50 ? "2001 chars" : body);
    }
    assertEquals(201, call("user-bruno", "user", "POST", "/conversations/{conversationId}/notes", c1, Map.of(),
        "{\"text\":\"" + "x".repeat(2000) + "\"}").status);
    assertTrue(SENT.isEmpty());
  }

  // ------------------------------------------------------------------ assignment (C4)

  @Test
  void assigningMovesTheConversationBetweenListsWithATimelineEventAndANotificationEvent() {
    Map<String, String> c1 = Map.of("conversationId", "c1");
    Answer answer = call("user-alice", "admin", "POST", "/conversations/{conversationId}/assign", c1, Map.of(),
        "{\"assignee\":{\"kind\":\"user\",\"id\":\"user-chloe\"},\"note\":\"@bruno over to you, Chloé: @chloe\"}");
    assertEquals(200, answer.status, answer.body.toString());
    assertTrue(answer.body.path("changed").asBoolean());
    assertEquals("Chloé Roy", answer.body.path("assignee").path("name").asText());
    assertEquals("user-bruno", answer.body.path("previousAssignee").path("id").asText());
    // it left Bruno's list and joined Chloé's, still open
    assertEquals(List.of(), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "me"), null)));
    assertEquals(List.of("c1"), ids(call("user-chloe", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "me"), null)));
    // the timeline: the assignment (who, whom, when, from whom) and the note
    Answer timeline = call("user-bruno", "user", "GET", "/conversations/{conversationId}", c1, Map.of(), null);
    JsonNode assigned = null;
    for (JsonNode e : timeline.body.path("timeline")) {
      if ("assigned".equals(e.path("event").asText())) {
        assigned = e;
      }
    }
    assertNotNull(assigned, timeline.body.toString());
    assertEquals("user-chloe", assigned.path("assigneeId").asText());
    assertEquals("Chloé Roy", assigned.path("assigneeName").asText());
    assertEquals("user-bruno", assigned.path("previousAssigneeId").asText());
    assertEquals("Bruno Tremblay", assigned.path("previousAssigneeName").asText());
    assertEquals("user-alice", assigned.path("by").asText());
    assertEquals("Alice Martin", assigned.path("byName").asText());
    assertEquals("2026-11-21T15:00:00.000Z", assigned.path("at").asText());
    assertEquals(answer.body.path("noteId").asText(), assigned.path("noteId").asText());
    // events: conversation.assigned (actor Alice), then the note's mentions (Bruno, Chloé)
    assertEquals(3, SENT.size(), SENT.toString());
    assertEquals("conversation.assigned", SENT.get(0).path("type").asText());
    assertEquals("user-alice", SENT.get(0).path("actorUserId").asText());
    assertEquals("USER", SENT.get(0).path("assigneeKind").asText());
    assertEquals("user-chloe", SENT.get(0).path("assigneeId").asText());
    assertEquals("cust-john", SENT.get(0).path("customerId").asText());
    assertEquals(answer.body.path("noteId").asText(), SENT.get(0).path("noteId").asText());
    assertEquals("note.mention", SENT.get(1).path("type").asText());
    assertEquals("user-alice", SENT.get(1).path("actorUserId").asText());

    // again to Chloé: no change, nothing sent
    SENT.clear();
    Answer again = call("user-bruno", "user", "POST", "/conversations/{conversationId}/assign", c1, Map.of(),
        "{\"assignee\":{\"kind\":\"user\",\"id\":\"user-chloe\"}}");
    assertEquals(200, again.status, again.body.toString());
    assertFalse(again.body.path("changed").asBoolean());
    assertTrue(SENT.isEmpty());

    // to a team, then unassigned
    assertEquals(200, call("user-bruno", "user", "POST", "/conversations/{conversationId}/assign", c1, Map.of(),
        "{\"assignee\":{\"kind\":\"team\",\"id\":\"team-service\"}}").status);
    assertEquals(List.of("c2", "c1"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "team:team-service"), null)));
    assertEquals("TEAM", SENT.get(0).path("assigneeKind").asText());
    assertEquals(200, call("user-bruno", "user", "POST", "/conversations/{conversationId}/assign", c1, Map.of(),
        "{\"assignee\":null}").status);
    assertEquals(List.of("c3", "c1"), ids(call("user-bruno", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "unassigned"), null)));
    assertEquals(1, SENT.size(), "unassigning notifies nobody");
  }

  @Test
  void oneAssignmentCostsThreeDynamoDbRequestsAndFourWithANote() {
    java.util.SortedMap<String, Integer> plain = com.textinbox.shared.aws.RequestCounter.during(() -> assertEquals(200,
        call("user-bruno", "user", "POST", "/conversations/{conversationId}/assign", Map.of("conversationId", "c3"), Map.of(),
            "{\"assignee\":{\"kind\":\"user\",\"id\":\"user-chloe\"}}").status));
    System.out.println("DynamoDB requests of one assignment: " + plain);
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.BatchGetItem", 1, "DynamoDb.TransactWriteItems", 1), calls(plain));
    java.util.SortedMap<String, Integer> noted = com.textinbox.shared.aws.RequestCounter.during(() -> assertEquals(200,
        call("user-bruno", "user", "POST", "/conversations/{conversationId}/assign", Map.of("conversationId", "c3"), Map.of(),
            "{\"assignee\":{\"kind\":\"team\",\"id\":\"team-service\"},\"note\":\"@alice FYI\"}").status));
    System.out.println("DynamoDB requests of one assignment with a note: " + noted);
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.BatchGetItem", 1, "DynamoDb.Query", 1, "DynamoDb.TransactWriteItems", 1),
        calls(noted));
  }

  private static Map<String, Integer> calls(Map<String, Integer> counted) {
    Map<String, Integer> calls = new HashMap<>();
    counted.forEach((k, v) -> {
      if (!k.endsWith(com.textinbox.shared.aws.RequestCounter.ATTEMPTS)) {
        calls.put(k, v);
      }
    });
    return calls;
  }

  @Test
  void assigningAClosedConversationKeepsItClosedAndTheRefusals() {
    Map<String, String> c4 = Map.of("conversationId", "c4");
    assertEquals(200, call("user-bruno", "user", "POST", "/conversations/{conversationId}/assign", c4, Map.of(),
        "{\"assignee\":{\"kind\":\"user\",\"id\":\"user-chloe\"}}").status);
    assertEquals(List.of("c4"), ids(call("user-chloe", "user", "GET", "/conversations", Map.of(), Map.of("assignee", "me", "status", "closed"), null)));
    String toChloe = "{\"assignee\":{\"kind\":\"user\",\"id\":\"user-chloe\"}}";
    // another company's admin: 404 (conversation), free users: 403, unknown assignee: 404, bad bodies: 400
    assertEquals(404, call("user-olivia", "admin", CLINIC, "POST", "/conversations/{conversationId}/assign", c4, Map.of(), toChloe).status);
    assertEquals(403, call("user-bruno", "free", "POST", "/conversations/{conversationId}/assign", c4, Map.of(), toChloe).status);
    assertEquals(404, call("user-bruno", "user", "POST", "/conversations/{conversationId}/assign", c4, Map.of(),
        "{\"assignee\":{\"kind\":\"user\",\"id\":\"user-olivia\"}}").status);
    assertEquals(404, call("user-bruno", "user", "POST", "/conversations/{conversationId}/assign", c4, Map.of(),
        "{\"assignee\":{\"kind\":\"team\",\"id\":\"team-nope\"}}").status);
    for (String body : List.of("{}", "{\"assignee\":\"chloe\"}", "{\"assignee\":{\"kind\":\"robot\",\"id\":\"x\"}}",
        "{\"assignee\":{\"kind\":\"user\"}}", "{\"assignee\":null,\"note\":\" \"}")) {
      Answer answer = call("user-bruno", "user", "POST", "/conversations/{conversationId}/assign", c4, Map.of(), body);
      assertEquals(400, answer.status, body + " -> " + answer.body);
      assertNotNull(answer.body.path("error").path("field").asText(null), body);
    }
  }

  /** docs/decisions.md 65: a bulk job whose message SQS refuses is a 503 "try again" (the job FAILED), not the queue's error as a 500. */
  @Test
  void aBulkJobSqsRefusesIsA503() {
    refuseBulkJobs = true;
    try {
      Answer refused = call("user-bruno", "user", "POST", "/assignment-jobs", Map.of(), Map.of(),
          "{\"assignee\":{\"kind\":\"user\",\"id\":\"user-chloe\"},\"conversationIds\":[\"c1\"]}");
      assertEquals(503, refused.status, refused.body.toString());
      assertEquals("unavailable", refused.body.path("error").path("code").asText());
      assertTrue(BULK.isEmpty(), "nothing queued");
    } finally {
      refuseBulkJobs = false;
    }
  }

  @Test
  void bulkJobsAreQueuedAndReadableAndTheDefaultAssigneeIsAnAdminSetting() {
    Answer created = call("user-bruno", "user", "POST", "/assignment-jobs", Map.of(), Map.of(),
        "{\"assignee\":{\"kind\":\"user\",\"id\":\"user-chloe\"},\"conversationIds\":[\"c1\",\"c3\",\"c1\"]}");
    assertEquals(202, created.status, created.body.toString());
    String jobId = created.body.path("jobId").asText();
    assertEquals("QUEUED", created.body.path("status").asText());
    assertEquals(2, created.body.path("total").asInt());
    assertEquals(1, BULK.size());
    assertEquals("bulk.ids", BULK.get(0).path("type").asText());
    assertEquals(List.of("c1", "c3"), List.of(BULK.get(0).path("conversationIds").get(0).asText(), BULK.get(0).path("conversationIds").get(1).asText()));
    Answer read = call("user-chloe", "user", "GET", "/assignment-jobs/{jobId}", Map.of("jobId", jobId), Map.of(), null);
    assertEquals(200, read.status);
    assertEquals(0, read.body.path("processed").asInt());
    assertEquals(404, call("user-olivia", "admin", CLINIC, "GET", "/assignment-jobs/{jobId}", Map.of("jobId", jobId), Map.of(), null).status);

    Answer byList = call("user-bruno", "user", "POST", "/assignment-jobs", Map.of(), Map.of(),
        "{\"assignee\":{\"kind\":\"team\",\"id\":\"team-service\"},\"list\":{\"assignee\":\"me\",\"status\":\"all\"}}");
    assertEquals(202, byList.status, byList.body.toString());
    assertEquals("bulk.page", BULK.get(1).path("type").asText());
    assertEquals("user-bruno", BULK.get(1).path("list").path("userId").asText());
    assertFalse(byList.body.path("totalKnown").asBoolean());
    assertEquals(400, call("user-bruno", "user", "POST", "/assignment-jobs", Map.of(), Map.of(),
        "{\"assignee\":{\"kind\":\"team\",\"id\":\"team-service\"},\"list\":{\"status\":\"nope\"}}").status);
    assertEquals(400, call("user-bruno", "user", "POST", "/assignment-jobs", Map.of(), Map.of(),
        "{\"assignee\":{\"kind\":\"team\",\"id\":\"team-service\"}}").status);
    assertEquals(403, call("user-bruno", "free", "POST", "/assignment-jobs", Map.of(), Map.of(), "{}").status);

    // the default assignee: admins set it, everyone (but free users) reads it
    assertFalse(call("user-bruno", "user", "GET", "/settings/default-assignee", Map.of(), Map.of(), null).body.path("assignee").has("id"));
    assertEquals(403, call("user-bruno", "user", "PUT", "/settings/default-assignee", Map.of(), Map.of(),
        "{\"assignee\":{\"kind\":\"team\",\"id\":\"team-service\"}}").status);
    assertEquals(200, call("user-alice", "admin", "PUT", "/settings/default-assignee", Map.of(), Map.of(),
        "{\"assignee\":{\"kind\":\"team\",\"id\":\"team-service\"}}").status);
    Answer setting = call("user-bruno", "user", "GET", "/settings/default-assignee", Map.of(), Map.of(), null);
    assertEquals("Service", setting.body.path("assignee").path("name").asText());
    assertEquals("team", setting.body.path("assignee").path("kind").asText());
    assertEquals(404, call("user-alice", "admin", "PUT", "/settings/default-assignee", Map.of(), Map.of(),
        "{\"assignee\":{\"kind\":\"user\",\"id\":\"user-olivia\"}}").status);
  }

  @Test
  void autoCloseIsAnAdminSettingOfOneToFifteenDays() {
    // off until an admin turns it on (seed 001)
    Answer off = call("user-alice", "admin", "GET", "/settings/auto-close", Map.of(), Map.of(), null);
    assertEquals(200, off.status, off.body.toString());
    assertFalse(off.body.path("enabled").asBoolean());
    assertFalse(off.body.path("closeUnanswered").asBoolean());
    Answer on = call("user-alice", "admin", "PUT", "/settings/auto-close", Map.of(), Map.of(), "{\"enabled\":true,\"days\":3}");
    assertEquals(200, on.status, on.body.toString());
    assertEquals(3, on.body.path("days").asInt());
    assertEquals("user-alice", on.body.path("updatedBy").asText());
    Answer read = call("user-alice", "admin", "GET", "/settings/auto-close", Map.of(), Map.of(), null);
    assertTrue(read.body.path("enabled").asBoolean());
    assertFalse(read.body.path("closeUnanswered").asBoolean(), "false when left out");
    for (String bad : new String[] {"{\"enabled\":true,\"days\":0}", "{\"enabled\":true,\"days\":16}",
        "{\"enabled\":true,\"days\":2.5}", "{\"enabled\":true,\"days\":\"3\"}", "{\"enabled\":true}"}) {
      Answer refused = call("user-alice", "admin", "PUT", "/settings/auto-close", Map.of(), Map.of(), bad);
      assertEquals(400, refused.status, bad);
      assertEquals("days", refused.body.path("error").path("field").asText(), bad);
    }
    assertEquals("enabled", call("user-alice", "admin", "PUT", "/settings/auto-close", Map.of(), Map.of(), "{\"days\":3}")
        .body.path("error").path("field").asText());
    assertEquals("closeUnanswered", call("user-alice", "admin", "PUT", "/settings/auto-close", Map.of(), Map.of(),
        "{\"enabled\":true,\"days\":3,\"closeUnanswered\":\"yes\"}").body.path("error").path("field").asText());
    assertEquals(400, call("user-alice", "admin", "PUT", "/settings/auto-close", Map.of(), Map.of(),
        "{\"enabled\":true,\"days\":3,\"hours\":2}").status);
    assertEquals(403, call("user-bruno", "user", "PUT", "/settings/auto-close", Map.of(), Map.of(), "{\"enabled\":false}").status);
    assertEquals(403, call("user-bruno", "user", "GET", "/settings/auto-close", Map.of(), Map.of(), null).status);
    // off keeps the days
    Answer offAgain = call("user-alice", "admin", "PUT", "/settings/auto-close", Map.of(), Map.of(), "{\"enabled\":false}");
    assertEquals(200, offAgain.status, offAgain.body.toString());
    assertEquals(3, offAgain.body.path("days").asInt());
  }

  @Test
  void theMonthlyReportsFiguresForAdminsWithTheMonthBefore() {
    com.textinbox.shared.store.DynamoTable table = new com.textinbox.shared.store.DynamoTable(dynamoDb, TABLE);
    com.textinbox.shared.reports.store.CounterStore counters = new com.textinbox.shared.reports.store.CounterStore(table);
    table.write(List.of(counters.add(MAPLE, java.time.YearMonth.of(2026, 10),
        Map.of(com.textinbox.shared.reports.MonthlyCounter.MESSAGES_SENT, 4L))));
    table.write(List.of(counters.add(MAPLE, java.time.YearMonth.of(2026, 11),
        Map.of(com.textinbox.shared.reports.MonthlyCounter.MESSAGES_SENT, 7L, com.textinbox.shared.reports.MonthlyCounter.MESSAGES_RECEIVED, 9L))));
    Answer report = call("user-alice", "admin", "GET", "/reports/monthly", Map.of(), Map.of("month", "2026-11"), null);
    assertEquals(200, report.status, report.body.toString());
    assertEquals("2026-11", report.body.path("month").asText());
    assertEquals("2026-10", report.body.path("previousMonth").asText());
    assertEquals(7, report.body.path("figures").path("messagesSent").path("value").asInt());
    assertEquals(4, report.body.path("figures").path("messagesSent").path("previous").asInt());
    assertEquals(9, report.body.path("figures").path("messagesReceived").path("value").asInt());
    assertEquals(0, report.body.path("figures").path("appointmentsNotConfirmed").path("value").asInt());
    for (String bad : new String[] {"2026-13", "2026-1", "nov", "2099-01", ""}) {
      Answer refused = call("user-alice", "admin", "GET", "/reports/monthly", Map.of(), Map.of("month", bad), null);
      assertEquals(400, refused.status, bad);
      assertEquals("month", refused.body.path("error").path("field").asText(), bad);
    }
    assertEquals(400, call("user-alice", "admin", "GET", "/reports/monthly", Map.of(), Map.of(), null).status);
    assertEquals(403, call("user-bruno", "user", "GET", "/reports/monthly", Map.of(), Map.of("month", "2026-11"), null).status);
  }

  // ------------------------------------------------------------------ helpers

  private static void conversation(String id, String status, String lastActivityAt, String lastInboundAt, String assigneeKind,
      String assigneeId, String unansweredSince) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Table.TYPE, s("Conversation"));
    item.put("conversationId", s(id));
    item.put("customerId", s("cust-john"));
    item.put("status", s(status));
    item.put("lastActivityAt", s(lastActivityAt));
    item.put("lastInboundAt", s(lastInboundAt));
    item.put("lastMessagePreview", s("preview of " + id));
    item.put("lastMessageDirection", s("INBOUND"));
    item.put("messageCount", AttributeValue.fromN("2"));
    item.put(Table.GSI3PK, s(Keys.conversationsByStatus(MAPLE, status)));
    item.put(Table.GSI3SK, s(Keys.activitySk(lastActivityAt, id)));
    if (assigneeKind != null) {
      item.put("assigneeKind", s(assigneeKind));
      item.put("assigneeId", s(assigneeId));
      item.put(Table.GSI1PK, s(Keys.assigneeList(MAPLE, assigneeKind, assigneeId, status)));
      item.put(Table.GSI1SK, s(Keys.activitySk(lastActivityAt, id)));
    }
    if (unansweredSince != null) {
      item.put("unansweredSince", s(unansweredSince));
    }
    put(Keys.conversation(MAPLE, id), Keys.CONVERSATION_SK, item);
  }

  private static void message(String conversationId, String at, String id, String direction) {
    put(Keys.conversation(MAPLE, conversationId), Keys.timelineSk(at, id), Map.of(Table.TYPE, s("Message"), "messageId", s(id),
        "direction", s(direction), "body", s("body " + id), "status", s("INBOUND".equals(direction) ? "RECEIVED" : "DELIVERED"),
        "sentAt", s(at)));
  }

  private static void user(String account, String userId, String name) {
    put(Keys.account(account), Keys.userSk(userId), Map.of(Table.TYPE, s("User"), "name", s(name), "role", s("user")));
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

  private record Answer(int status, JsonNode body) {}

  private static List<String> ids(Answer answer) {
    assertEquals(200, answer.status, answer.body.toString());
    List<String> ids = new ArrayList<>();
    answer.body.path("conversations").forEach(c -> ids.add(c.path("conversationId").asText()));
    return ids;
  }

  private static Answer call(String userId, String role, String method, String resource, Map<String, String> pathParameters,
      Map<String, String> query, String body) {
    return call(userId, role, MAPLE, method, resource, pathParameters, query, body);
  }

  private static Answer call(String userId, String role, String account, String method, String resource,
      Map<String, String> pathParameters, Map<String, String> query, String body) {
    ObjectNode event = Json.object();
    event.put("httpMethod", method);
    event.put("resource", resource);
    String path = resource;
    ObjectNode parameters = event.putObject("pathParameters");
    for (Map.Entry<String, String> p : pathParameters.entrySet()) {
      parameters.put(p.getKey(), p.getValue());
      path = path.replace("{" + p.getKey() + "}", p.getValue());
    }
    event.put("path", path);
    ObjectNode queryNode = event.putObject("queryStringParameters");
    new LinkedHashMap<>(query).forEach(queryNode::put);
    if (body != null) {
      event.put("body", body);
    }
    event.putObject("requestContext").putObject("authorizer").put("accountId", account).put("userId", userId).put("role", role);
    ApiResponse response = api.handle(event);
    return new Answer(response.status(), response.body() == null ? Json.object() : Json.mapper().valueToTree(response.body()));
  }

  /** SnapStart priming (docs/decisions.md 46): reads of an account that does not exist, never a write. */
  @Test
  void primingOnlyReads() {
    var primed = api;
    Map<String, Integer> made = com.textinbox.shared.aws.RequestCounter.during(primed::prime);
    org.junit.jupiter.api.Assertions.assertFalse(made.isEmpty(), "priming made no request");
    assertEquals(java.util.List.of(), com.textinbox.shared.observability.Priming.notReads(made), made.toString());
  }
}
