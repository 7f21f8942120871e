package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conversations API through the local API gateway, the token authorizer and ConversationsApi:
 * a text in from a demo customer (Karim: unassigned) shows in the open list of everyone, unread;
 * read, close, reopen, a note mentioning user2 (an event on NotificationEventsQueue), and the
 * clinic never sees the dealership's conversations.
 */
class ConversationsApiTest {
  private static final String KARIM = "+15145550113";

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  private static JsonNode list(String demoUser, String query) {
    Http.Response response = Http.get(api("/conversations?limit=100&" + query), Tokens.of(demoUser));
    assertEquals(200, response.status(), response.body());
    return response.json().path("conversations");
  }

  private static JsonNode find(JsonNode conversations, String conversationId) {
    for (JsonNode conversation : conversations) {
      if (conversation.path("conversationId").asText().equals(conversationId)) {
        return conversation;
      }
    }
    return null;
  }

  private static Http.Response post(String demoUser, String path, Object body) {
    return Http.post(api(path), Tokens.of(demoUser), body == null ? "{}" : Http.json(body));
  }

  @Test
  void aTextInIsListedUnreadThenReadClosedReopenedAndNotedWithAMention() {
    String body = "Karim here, any news? " + UUID.randomUUID();
    Http.Response sent = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", KARIM, "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, sent.status(), sent.body());

    // unassigned: in everyone's "all" list, unread for the admin
    JsonNode listed = Eventually.await("Karim's text in the open list", Duration.ofSeconds(30), () -> {
      for (JsonNode conversation : list("admin", "assignee=all&status=open")) {
        if ("cust-karim".equals(conversation.path("customer").path("id").asText())
            && body.equals(conversation.path("lastMessagePreview").asText())) {
          return conversation;
        }
      }
      return null;
    });
    String conversationId = listed.path("conversationId").asText();
    assertEquals("Karim Haddad", listed.path("customer").path("name").asText());
    assertTrue(listed.path("unreadForMe").asBoolean(), listed.toString());
    assertNotNull(find(list("admin", "assignee=all&status=open&filter=unread"), conversationId));
    assertNotNull(find(list("user1", "assignee=unassigned"), conversationId));

    // read
    Http.Response read = post("admin", "/conversations/" + conversationId + "/read", null);
    assertEquals(200, read.status(), read.body());
    assertFalse(find(list("admin", "assignee=all&status=open"), conversationId).path("unreadForMe").asBoolean());
    assertNull(find(list("admin", "assignee=all&status=open&filter=unread"), conversationId));
    assertNotNull(find(list("admin", "assignee=all&status=open&filter=read"), conversationId));

    // close: in the closed list, not the open one; twice is no change
    Http.Response closed = post("user1", "/conversations/" + conversationId + "/close", null);
    assertEquals(200, closed.status(), closed.body());
    assertTrue(closed.json().path("changed").asBoolean());
    assertFalse(post("user1", "/conversations/" + conversationId + "/close", null).json().path("changed").asBoolean());
    assertNull(find(list("admin", "assignee=all&status=open"), conversationId));
    assertNotNull(find(list("admin", "assignee=all&status=closed"), conversationId));

    // reopen
    Http.Response reopened = post("user1", "/conversations/" + conversationId + "/reopen", null);
    assertEquals(200, reopened.status(), reopened.body());
    assertNotNull(find(list("admin", "assignee=all&status=open"), conversationId));
    assertNull(find(list("admin", "assignee=all&status=closed"), conversationId));

    // a note mentioning user2 (Chloé): an event for her on the queue
    Http.Response note = post("user1", "/conversations/" + conversationId + "/notes", Map.of("text", "@user-chloe please call him back"));
    assertEquals(201, note.status(), note.body());
    String noteId = note.json().path("noteId").asText();
    JsonNode event = NotificationEvents.withId(noteId + "#user-chloe");
    assertEquals("note.mention", event.path("type").asText());
    assertEquals("acct-maple-motors", event.path("accountId").asText());
    assertEquals(conversationId, event.path("conversationId").asText());
    assertEquals("user-chloe", event.path("mentionedUserId").asText());
    assertEquals("user-bruno", event.path("authorId").asText());

    // the timeline holds the message, the close and reopen events and the note
    Http.Response conversation = Http.get(api("/conversations/" + conversationId + "?limit=100"), Tokens.of("user1"));
    assertEquals(200, conversation.status(), conversation.body());
    String timeline = conversation.json().path("timeline").toString();
    assertTrue(timeline.contains(body), timeline);
    assertTrue(timeline.contains("\"closed\"") && timeline.contains("\"reopened\""), timeline);
    assertTrue(timeline.contains("please call him back"), timeline);

    // the clinic's admin: 404, and not in its lists
    assertEquals(404, Http.get(api("/conversations/" + conversationId), Tokens.of("otherAdmin")).status());
    assertEquals(404, post("otherAdmin", "/conversations/" + conversationId + "/read", null).status());
    assertNull(find(list("otherAdmin", "assignee=all&status=all"), conversationId));
  }

  @Test
  void theDemoConversationOfJohnIsBrunosWithItsTimeline() {
    JsonNode mine = find(list("user1", "assignee=me&status=all"), "conv-demo-john");
    assertNotNull(mine, "conv-demo-john is in Bruno's list");
    assertEquals("John Smith", mine.path("customer").path("name").asText());
    assertEquals("user-bruno", mine.path("assignee").path("id").asText());
    Http.Response conversation = Http.get(api("/conversations/conv-demo-john"), Tokens.of("user1"));
    assertEquals(200, conversation.status(), conversation.body());
    assertTrue(conversation.json().path("timeline").size() >= 2, conversation.body());
    assertTrue(conversation.body().contains("DELIVERED"), conversation.body());
    assertEquals(404, Http.get(api("/conversations/conv-demo-john"), Tokens.of("otherAdmin")).status());
    assertEquals(403, Http.get(api("/conversations"), Tokens.of("free")).status());
  }
}
