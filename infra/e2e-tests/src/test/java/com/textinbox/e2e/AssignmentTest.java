package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Assignment through the local cloud (C4, C12, A1-A6): by hand (a user, a team, with a note), the
 * Assignment function on the conversation events (company default, previous assignee, A2, A4, A5,
 * the return date by the AwayReturns schedule), bulk jobs of 1,000 conversations, and what lands
 * on NotificationEventsQueue. Every test leaves no one away and no default assignee.
 */
class AssignmentTest {
  private static final String DEALERSHIP = "acct-maple-motors";
  private static final AtomicInteger NUMBERS = new AtomicInteger((int) (System.nanoTime() % 9000));

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  @AfterEach
  void nobodyAwayNoDefault() {
    for (String user : List.of("admin", "user1", "user2")) {
      Http.send("PUT", api("/me/away"), Tokens.of(user), Http.json(Map.of("on", false)));
    }
    Http.send("PUT", api("/settings/default-assignee"), Tokens.of("admin"), "{\"assignee\":null}");
  }

  // ------------------------------------------------------------------ helpers

  /** A number no other test texts from: a new customer each time. */
  private static String newNumber() {
    return String.format("+1514556%04d", NUMBERS.incrementAndGet() % 10000);
  }

  /** Texts in and waits for the Assignment function to have handled it (its message.received event). */
  private static Map<String, AttributeValue> textIn(String from, String body) {
    Http.Response sent = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, sent.status(), sent.body());
    String carrierId = sent.json().path("inboundMessageId").asText();
    Map<String, AttributeValue> marker = Eventually.await("inbound SMS " + carrierId, Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> m = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return m != null && m.containsKey("eventSentAt") ? m : null;
    });
    NotificationEvents.withId(marker.get("messageId").s());
    return marker;
  }

  private static JsonNode conversation(String conversationId) {
    Http.Response response = Http.get(api("/conversations/" + conversationId + "?limit=100"), Tokens.of("user1"));
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  private static JsonNode assignee(String conversationId) {
    return conversation(conversationId).path("conversation").path("assignee");
  }

  private static List<JsonNode> assignedEvents(String conversationId) {
    List<JsonNode> events = new ArrayList<>();
    for (JsonNode entry : conversation(conversationId).path("timeline")) {
      if ("assigned".equals(entry.path("event").asText())) {
        events.add(entry);
      }
    }
    return events;
  }

  private static List<String> listed(String demoUser, String assignee, String status) {
    Http.Response response = Http.get(api("/conversations?limit=100&assignee=" + assignee + "&status=" + status), Tokens.of(demoUser));
    assertEquals(200, response.status(), response.body());
    List<String> ids = new ArrayList<>();
    response.json().path("conversations").forEach(c -> ids.add(c.path("conversationId").asText()));
    return ids;
  }

  /** The demo user's notification center items of that type (and conversation, unless null), newest first. */
  private static List<JsonNode> center(String demoUser, String type, String conversationId) {
    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    do {
      Http.Response response = Http.get(api("/notifications?order=time&limit=100"
          + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8))),
          Tokens.of(demoUser));
      assertEquals(200, response.status(), response.body());
      response.json().path("notifications").forEach(n -> {
        if (type.equals(n.path("type").asText()) && (conversationId == null || conversationId.equals(n.path("conversationId").asText()))) {
          items.add(n);
        }
      });
      cursor = response.json().path("nextCursor").isTextual() ? response.json().path("nextCursor").asText() : null;
    } while (cursor != null);
    return items;
  }

  private static Http.Response assign(String demoUser, String conversationId, Object body) {
    return Http.post(api("/conversations/" + conversationId + "/assign"), Tokens.of(demoUser), Http.json(body));
  }

  private static Map<String, String> user(String id) {
    return Map.of("kind", "user", "id", id);
  }

  private static void setDefault(Object assignee) {
    Http.Response response = Http.send("PUT", api("/settings/default-assignee"), Tokens.of("admin"),
        Http.json(new HashMap<>(Map.of("assignee", assignee))));
    assertEquals(200, response.status(), response.body());
  }

  private static void away(String demoUser, Map<String, Object> body) {
    Http.Response response = Http.send("PUT", api("/me/away"), Tokens.of(demoUser), Http.json(body));
    assertEquals(200, response.status(), response.body());
  }

  private static void close(String conversationId) {
    assertEquals(200, Http.post(api("/conversations/" + conversationId + "/close"), Tokens.of("user1"), "{}").status());
  }

  // ------------------------------------------------------------------ by hand

  @Test
  void assigningByHandMovesItBetweenListsShowsItInTheTimelineAndNotifies() {
    String conversationId = textIn(newNumber(), "Hello, a question about my invoice").get("conversationId").s();
    assertTrue(assignee(conversationId).isMissingNode() || assignee(conversationId).isNull(), "no default: unassigned");

    Http.Response toBruno = assign("admin", conversationId, Map.of("assignee", user("user-bruno")));
    assertEquals(200, toBruno.status(), toBruno.body());
    assertTrue(listed("user1", "me", "open").contains(conversationId));
    JsonNode assigned = NotificationEvents.withId(toBruno.json().path("eventId").asText());
    assertEquals("conversation.assigned", assigned.path("type").asText());
    assertEquals("user-alice", assigned.path("actorUserId").asText());
    assertEquals("user-bruno", assigned.path("assigneeId").asText());

    // Bruno hands it to Chloé with a note that mentions Alice
    Http.Response toChloe = assign("user1", conversationId, Map.of("assignee", user("user-chloe"),
        "note", "@Alice Chloé knows this invoice best"));
    assertEquals(200, toChloe.status(), toChloe.body());
    assertFalse(listed("user1", "me", "open").contains(conversationId), "it left Bruno's list");
    assertTrue(listed("user2", "me", "open").contains(conversationId), "it is in Chloé's list");
    JsonNode event = NotificationEvents.withId(toChloe.json().path("eventId").asText());
    assertEquals("user-bruno", event.path("actorUserId").asText());
    assertEquals("USER", event.path("assigneeKind").asText());
    assertEquals("user-chloe", event.path("assigneeId").asText());
    String noteId = toChloe.json().path("noteId").asText();
    assertEquals(noteId, event.path("noteId").asText());
    JsonNode mention = NotificationEvents.withId(noteId + "#user-alice");
    assertEquals("note.mention", mention.path("type").asText());
    assertEquals("user-bruno", mention.path("actorUserId").asText());

    List<JsonNode> timeline = assignedEvents(conversationId);
    JsonNode last = timeline.get(0);
    assertEquals("user-chloe", last.path("assigneeId").asText());
    assertEquals("Chloé Roy", last.path("assigneeName").asText());
    assertEquals("user-bruno", last.path("by").asText());
    assertEquals("Bruno Tremblay", last.path("byName").asText());
    assertEquals("Bruno Tremblay", last.path("previousAssigneeName").asText());
    assertNotNull(Instant.parse(last.path("at").asText()), "the date and time of the assignment");

    // to the team: the event names the team (the dispatcher tells its members)
    Http.Response toTeam = assign("user2", conversationId, Map.of("assignee", Map.of("kind", "team", "id", "team-service")));
    assertEquals(200, toTeam.status(), toTeam.body());
    JsonNode teamEvent = NotificationEvents.withId(toTeam.json().path("eventId").asText());
    assertEquals("TEAM", teamEvent.path("assigneeKind").asText());
    assertEquals("team-service", teamEvent.path("assigneeId").asText());
    assertTrue(listed("user2", "team:team-service", "open").contains(conversationId));
    assertFalse(listed("user2", "me", "open").contains(conversationId));
    assertEquals("Service", assignedEvents(conversationId).get(0).path("assigneeName").asText());
    // delivered: Bruno (a member) has both assignments that reached him in his center; Chloé, who
    // assigned it to her own team, is not told of her own act (N6), only of Bruno's handover
    Eventually.await("Bruno's two assignment notifications", Duration.ofSeconds(30), () ->
        center("user1", "conversation.assigned", conversationId).size() == 2 ? true : null);
    assertEquals(1, center("user2", "conversation.assigned", conversationId).size(), "the actor is never notified");
    Eventually.await("Alice's mention notification", Duration.ofSeconds(30), () ->
        center("admin", "note.mention", conversationId).size() == 1 ? true : null);

    // the clinic's admin: 404; a free user: 403
    assertEquals(404, assign("otherAdmin", conversationId, Map.of("assignee", user("user-olivia"))).status());
    assertEquals(404, assign("admin", conversationId, Map.of("assignee", user("user-olivia"))).status(), "the clinic's user");
    assertEquals(403, assign("free", conversationId, Map.of("assignee", user("user-bruno"))).status());
    assertEquals(403, Http.post(api("/assignment-jobs"), Tokens.of("free"), "{}").status());
    assertEquals(404, Http.send("PUT", api("/settings/default-assignee"), Tokens.of("otherAdmin"),
        Http.json(Map.of("assignee", user("user-bruno")))).status(), "the dealership's user, for the clinic");
  }

  // ------------------------------------------------------------------ the automatic assignment

  @Test
  void aNewConversationGoesToTheDefaultAndAReopenedOneToItsPreviousAssignee() {
    setDefault(user("user-chloe"));
    String from = newNumber();
    Map<String, AttributeValue> first = textIn(from, "Hi, new here");
    String conversationId = first.get("conversationId").s();
    assertEquals("user-chloe", assignee(conversationId).path("id").asText());
    JsonNode auto = assignedEvents(conversationId).get(0);
    assertEquals("system", auto.path("by").asText());
    assertEquals("default-assignee", auto.path("reason").asText());
    assertEquals("created", NotificationEvents.withId(first.get("messageId").s()).path("conversationEvent").asText());

    // closed, the default changes, the customer texts again: back to Chloé, its previous assignee
    close(conversationId);
    setDefault(Map.of("kind", "team", "id", "team-service"));
    Map<String, AttributeValue> again = textIn(from, "Me again");
    assertEquals(conversationId, again.get("conversationId").s());
    JsonNode reopened = NotificationEvents.withId(again.get("messageId").s());
    assertEquals("reopened", reopened.path("conversationEvent").asText());
    assertEquals("message.received", reopened.path("type").asText());
    assertEquals("user-chloe", assignee(conversationId).path("id").asText());
    assertEquals("OPEN", conversation(conversationId).path("conversation").path("status").asText());

    // a new customer now goes to the team (the new default)
    String teamConversation = textIn(newNumber(), "Hello team").get("conversationId").s();
    assertEquals("team", assignee(teamConversation).path("kind").asText());
    assertEquals("team-service", assignee(teamConversation).path("id").asText());
  }

  @Test
  void theAwayRulesDelegateNoChainsRepliesWhileAwayAndTheReturnDate() {
    setDefault(user("user-bruno"));
    // A5 set-up: two customers of Bruno's before he leaves
    String keptFrom = newNumber();
    String kept = textIn(keptFrom, "Bruno, my car?").get("conversationId").s();
    String handedFrom = newNumber();
    String handed = textIn(handedFrom, "Bruno, my tires?").get("conversationId").s();
    assertEquals("user-bruno", assignee(kept).path("id").asText());

    // A2: Bruno away, Chloé his delegate: a new customer goes to Chloé
    away("user1", Map.of("on", true, "delegateId", "user-chloe"));
    JsonNode bruno = null;
    for (JsonNode u : Http.get(api("/users"), Tokens.of("user2")).json().path("users")) {
      if (u.path("id").asText().equals("user-bruno")) {
        bruno = u;
      }
    }
    assertTrue(bruno.path("away").path("on").asBoolean(), "every user sees who is away (A1)");
    assertEquals("Chloé Roy", bruno.path("away").path("delegate").path("name").asText());
    String delegated = textIn(newNumber(), "Anyone there?").get("conversationId").s();
    assertEquals("user-chloe", assignee(delegated).path("id").asText());
    JsonNode delegation = assignedEvents(delegated).get(0);
    assertEquals("away-delegate", delegation.path("reason").asText());
    assertEquals("system", delegation.path("by").asText());

    // A5 (and A6: away, Bruno still works): he texts one customer while away, then both write again
    Http.Response reply = Http.post(api("/conversations/" + kept + "/messages"), Tokens.of("user1"),
        Http.json(Map.of("body", "On it, even from vacation")));
    assertEquals(202, reply.status(), reply.body());
    close(kept);
    close(handed);
    textIn(keptFrom, "Thanks!");
    textIn(handedFrom, "Thanks too!");
    assertEquals("user-bruno", assignee(kept).path("id").asText(), "A5: he texted this customer while away: he keeps them");
    assertEquals("user-chloe", assignee(handed).path("id").asText(), "A2: the other one goes to his delegate");

    // A4: the delegate is away too: it stays with Bruno (no chain to Alice)
    away("user2", Map.of("on", true, "delegateId", "user-alice"));
    String stays = textIn(newNumber(), "Hello?").get("conversationId").s();
    assertEquals("user-bruno", assignee(stays).path("id").asText());
    away("user2", Map.of("on", false));

    // the return date passes (the schedule, run on demand): conversations go to Bruno again
    away("user1", Map.of("on", true, "delegateId", "user-chloe", "returnAt", Instant.now().plusSeconds(2).toString()));
    Eventually.await("the return date to pass", Duration.ofSeconds(10), () -> Instant.now().isAfter(
        Instant.parse(LocalAws.item("A#" + DEALERSHIP, "USER#user-bruno").get("awayReturnAt").s())));
    Http.Response run = Http.post(LocalCloudProcess.endpoints().path("schedules").asText() + "/AwayReturns", null, null);
    assertEquals(200, run.status(), run.body());
    assertFalse(LocalAws.item("A#" + DEALERSHIP, "USER#user-bruno").get("away").bool());
    String back = textIn(newNumber(), "Are you back?").get("conversationId").s();
    assertEquals("user-bruno", assignee(back).path("id").asText());
  }

  // ------------------------------------------------------------------ bulk

  /** 1,000 open conversations in the list of a synthetic assignee, written straight into the table (40 BatchWriteItem). */
  private static List<String> thousandConversations(String owner) {
    List<String> ids = new ArrayList<>();
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String id = "conv-bulk-" + owner + "-" + i;
      ids.add(id);
      String activity = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(i).toString().replace("Z", ".000Z");
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("PK", s("A#" + DEALERSHIP + "#CONV#" + id));
      item.put("SK", s("CONVERSATION"));
      item.put("type", s("Conversation"));
      item.put("conversationId", s(id));
      item.put("customerId", s("cust-" + id));
      item.put("status", s("OPEN"));
      item.put("createdAt", s(activity));
      item.put("lastActivityAt", s(activity));
      item.put("assigneeKind", s("USER"));
      item.put("assigneeId", s(owner));
      item.put("GSI1PK", s("A#" + DEALERSHIP + "#ASSIGNEE#USER#" + owner + "#OPEN"));
      item.put("GSI1SK", s(activity + "#" + id));
      item.put("GSI3PK", s("A#" + DEALERSHIP + "#CONVS#OPEN"));
      item.put("GSI3SK", s(activity + "#" + id));
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      if (batch.size() == 25) {
        List<WriteRequest> request = List.copyOf(batch);
        Map<String, List<WriteRequest>> pending = Map.of(LocalAws.table(), request);
        while (!pending.isEmpty()) {
          Map<String, List<WriteRequest>> send = pending;
          var written = LocalAws.dynamoDb().batchWriteItem(b -> b.requestItems(send));
          pending = written.hasUnprocessedItems() ? written.unprocessedItems() : Map.of();
        }
        batch.clear();
      }
    }
    return ids;
  }

  private static JsonNode awaitJob(String jobId, List<Integer> progress) {
    return Eventually.await("job " + jobId + " to complete", Duration.ofSeconds(240), () -> {
      Http.Response job = Http.get(api("/assignment-jobs/" + jobId), Tokens.of("user2"));
      assertEquals(200, job.status(), job.body());
      progress.add(job.json().path("processed").asInt());
      return "COMPLETED".equals(job.json().path("status").asText()) ? job.json() : null;
    });
  }

  @Test
  void aThousandConversationsAreAssignedInBulkWithOneNotificationEvent() {
    String owner = "user-e2e-bulk-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> ids = thousandConversations(owner);

    // select all: every open conversation of that list, to Chloé
    Http.Response created = Http.post(api("/assignment-jobs"), Tokens.of("admin"), Http.json(Map.of(
        "assignee", user("user-chloe"), "list", Map.of("assignee", owner, "status", "open"))));
    assertEquals(202, created.status(), created.body());
    String jobId = created.json().path("jobId").asText();
    assertEquals(404, Http.get(api("/assignment-jobs/" + jobId), Tokens.of("otherAdmin")).status(), "the clinic never sees it");
    List<Integer> progress = new ArrayList<>();
    JsonNode job = awaitJob(jobId, progress);
    System.out.println("bulk job " + jobId + ": processed counts polled " + progress);
    assertEquals(1000, job.path("total").asInt());
    assertEquals(1000, job.path("processed").asInt());
    assertEquals(1000, job.path("assigned").asInt());
    assertTrue(listed("admin", owner, "open").isEmpty(), "they left the previous assignee's list");
    assertEquals("user-chloe", LocalAws.item("A#" + DEALERSHIP + "#CONV#" + ids.get(500), "CONVERSATION").get("assigneeId").s());

    List<JsonNode> bulkEvents = NotificationEvents.matching(e -> jobId.equals(e.path("jobId").asText()));
    assertEquals(1, bulkEvents.size(), "ONE summarised event for the assignee, not 1,000: " + bulkEvents);
    JsonNode bulk = bulkEvents.get(0);
    assertEquals("conversation.assigned.bulk", bulk.path("type").asText());
    assertEquals("USER", bulk.path("assigneeKind").asText());
    assertEquals("user-chloe", bulk.path("assigneeId").asText());
    assertEquals("user-alice", bulk.path("actorUserId").asText());
    assertEquals(1000, bulk.path("count").asInt());
    assertEquals(20, bulk.path("conversationIds").size());
    assertTrue(NotificationEvents.matching(e -> "conversation.assigned".equals(e.path("type").asText())
        && ids.contains(e.path("conversationId").asText())).isEmpty(), "no single event per conversation");
    Eventually.await("Chloé's one bulk notification", Duration.ofSeconds(30), () ->
        center("user2", "conversation.assigned.bulk", null).size() == 1 ? true : null);

    // the same 1,000 by their ids, to the team: one event again
    Http.Response byIds = Http.post(api("/assignment-jobs"), Tokens.of("user2"), Http.json(Map.of(
        "assignee", Map.of("kind", "team", "id", "team-service"), "conversationIds", ids)));
    assertEquals(202, byIds.status(), byIds.body());
    String teamJob = byIds.json().path("jobId").asText();
    JsonNode done = awaitJob(teamJob, new ArrayList<>());
    assertEquals(1000, done.path("assigned").asInt());
    List<JsonNode> teamEvents = NotificationEvents.matching(e -> teamJob.equals(e.path("jobId").asText()));
    assertEquals(1, teamEvents.size());
    assertEquals("TEAM", teamEvents.get(0).path("assigneeKind").asText());
    // delivered: one summary to Bruno (a member); Chloé asked for it, so still only her first one
    Eventually.await("Bruno's one bulk notification", Duration.ofSeconds(30), () ->
        center("user1", "conversation.assigned.bulk", null).size() == 1 ? true : null);
    assertEquals(1, center("user2", "conversation.assigned.bulk", null).size(), "the actor is never notified");
    assertEquals(0, LocalAws.visibleMessages("BulkAssignDLQ"));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
