package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One API shape per thing (issue 9): what the API writes is what docs/openapi.yaml describes. A new
 * customer's conversation gets every kind of timeline entry (an inbound message, an outbound one,
 * a note, an assignment, a close and a reopen by a user, a reopen by the customer's text, a HELP
 * keyword's compliance event and its automatic reply, an unassignment); the timeline is read back
 * and each entry validated against {@code TimelineEntry}. Conversations (lists and detail), users,
 * teams and notifications are validated against their schemas too. The document itself is read
 * with swagger-parser (no message allowed); instances are validated with networknt's JSON schema
 * validator in its OpenAPI 3.0 dialect ({@code nullable}, {@code discriminator}), refs resolved
 * inside the document.
 */
class OpenApiShapesTest {
  private static final String DEALERSHIP = "acct-maple-motors";
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
      builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
  private static final Map<String, JsonSchema> SCHEMAS = new HashMap<>();
  private static Scenario scenario;

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  private static String document() {
    return LocalCloudProcess.repositoryRoot().resolve("docs/openapi.yaml").toUri().toString();
  }

  private static synchronized JsonSchema schema(String name) {
    return SCHEMAS.computeIfAbsent(name, n -> FACTORY.getSchema(SchemaLocation.of(document() + "#/components/schemas/" + n),
        SchemaValidatorsConfig.builder().build()));
  }

  /** Adds to {@code problems} what in {@code value} breaks the schema, naming what was read. */
  private static void check(List<String> problems, String schemaName, JsonNode value, String what) {
    Set<ValidationMessage> errors = schema(schemaName).validate(value);
    if (!errors.isEmpty()) {
      problems.add(what + " does not match #/components/schemas/" + schemaName + ": " + errors + "\n    " + value);
    }
  }

  /** Fails with every problem found, one per line: all the shapes that differ, not just the first. */
  private static void assertNone(List<String> problems) {
    assertTrue(problems.isEmpty(), problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
  }

  private static JsonNode ok(int expected, Http.Response response) {
    assertEquals(expected, response.status(), response.body());
    return response.json();
  }

  @Test
  void theDocumentParsesWithoutAMessageAndHasASchemaForEachThing() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readLocation(document(), null, options);
    assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages());
    OpenAPI openApi = result.getOpenAPI();
    assertNotNull(openApi, "swagger-parser read no document");
    for (String name : List.of("Conversation", "ConversationPage", "ConversationTimelinePage", "TimelineEntry", "Message",
        "MessageSource", "Note", "ConversationEvent", "ComplianceEvent", "User", "Team", "Notification", "NotificationPage",
        "Customer", "CustomerPage")) {
      assertNotNull(openApi.getComponents().getSchemas().get(name), "no schema " + name);
    }
  }

  @Test
  void everyKindOfTimelineEntryMatchesTheTimelineEntrySchema() {
    Scenario s = scenario();
    JsonNode page = ok(200, Http.get(api("/conversations/" + s.conversationId() + "?limit=100"), Tokens.of("user1")));
    List<String> problems = new ArrayList<>();
    Set<String> kinds = new TreeSet<>();
    for (JsonNode entry : page.path("timeline")) {
      String type = entry.path("type").asText();
      String what = "the timeline entry " + type + " " + entry.path("id").asText();
      check(problems, "TimelineEntry", entry, what);
      switch (type) {
        case "Message" -> {
          // the one message shape: the source is an object, no older spelling of it beside
          String source = entry.path("source").isObject() ? entry.path("source").path("type").asText()
              : entry.path("sourceType").asText(entry.path("source").asText("?"));
          String direction = entry.path("direction").asText();
          kinds.add("Message " + direction + ("INBOUND".equals(direction) ? "" : " from " + source));
          for (String legacy : List.of("sourceType", "sourceId", "sentBy")) {
            if (entry.has(legacy)) {
              problems.add(what + " has '" + legacy + "' (the shape is source {type, id})");
            }
          }
        }
        case "ConversationEvent" -> kinds.add(type + " " + entry.path("event").asText()
            + ("customer".equals(entry.path("by").asText()) ? " by the customer" : ""));
        case "ComplianceEvent" -> kinds.add(type + " " + entry.path("event").asText());
        default -> kinds.add(type);
      }
    }
    List<String> expected = List.of("Message INBOUND", "Message OUTBOUND from user", "Message OUTBOUND from api",
        "Message OUTBOUND from automation", "Note", "ConversationEvent assigned", "ConversationEvent unassigned",
        "ConversationEvent closed", "ConversationEvent reopened", "ConversationEvent reopened by the customer",
        "ComplianceEvent help-requested");
    if (!kinds.containsAll(expected)) {
      problems.add("kinds of entry expected " + expected + ", read back " + kinds);
    }
    // the conversation and the page around the entries (each entry is checked above, once)
    ObjectNode wrapper = page.deepCopy();
    wrapper.putArray("timeline");
    check(problems, "ConversationTimelinePage", wrapper, "GET /conversations/{id} (its entries left out)");
    assertNone(problems);
  }

  @Test
  void theAnswersToSendingAMessageAndAddingANoteAreTheTimelinesShapes() {
    Scenario s = scenario();
    List<String> problems = new ArrayList<>();
    check(problems, "Message", s.sent(), "POST /conversations/{id}/messages (202)");
    check(problems, "Message", s.textedCustomer(), "POST /customers/{id}/messages (202)");
    check(problems, "Note", s.note(), "POST /conversations/{id}/notes (201)");
    assertNone(problems);
  }

  @Test
  void conversationsInTheListsAndWithTheirTimelineMatchTheConversationSchema() {
    String conversationId = scenario().conversationId();
    List<String> problems = new ArrayList<>();
    for (String user : List.of("admin", "user1")) {
      JsonNode list = ok(200, Http.get(api("/conversations?assignee=all&status=all&limit=100"), Tokens.of(user)));
      assertFalse(list.path("conversations").isEmpty(), list.toString());
      for (JsonNode conversation : list.path("conversations")) {
        check(problems, "Conversation", conversation, "the conversation " + conversation.path("conversationId").asText()
            + " of GET /conversations as " + user);
      }
      check(problems, "ConversationPage", list, "GET /conversations as " + user);
      JsonNode one = ok(200, Http.get(api("/conversations/" + conversationId + "?limit=1"), Tokens.of(user)));
      check(problems, "Conversation", one.path("conversation"), "the conversation of GET /conversations/{id} as " + user);
    }
    assertNone(problems);
  }

  @Test
  void theAssigneesAndTheMentionedUsersNotificationsMatchTheNotificationSchema() {
    String conversationId = scenario().conversationId();
    JsonNode page = Eventually.await("Chloé's notifications about " + conversationId, Duration.ofSeconds(30), () -> {
      JsonNode center = ok(200, Http.get(api("/notifications?order=time&limit=100"), Tokens.of("user2")));
      for (JsonNode notification : center.path("notifications")) {
        if (conversationId.equals(notification.path("conversationId").asText())) {
          return center;
        }
      }
      return null;
    });
    List<String> problems = new ArrayList<>();
    for (JsonNode notification : page.path("notifications")) {
      check(problems, "Notification", notification, "the notification " + notification.path("id").asText());
    }
    check(problems, "NotificationPage", page, "GET /notifications?order=time");
    JsonNode unreadFirst = ok(200, Http.get(api("/notifications"), Tokens.of("user2")));
    check(problems, "NotificationPage", unreadFirst, "GET /notifications (unread first)");
    assertNone(problems);
  }

  @Test
  void customerAttributeDefinitionsAndValuesMatchTheirSchemas() {
    String definitions = "{\"definitions\": [{\"key\": \"vehicle\", \"name\": \"Vehicle\", \"type\": \"text\"},"
        + " {\"key\": \"services\", \"name\": \"Services\", \"type\": \"textList\"},"
        + " {\"key\": \"dueOn\", \"name\": \"Service due on\", \"type\": \"date\"}, {\"key\": \"km\", \"name\": \"Mileage\", \"type\": \"number\"}]}";
    List<String> problems = new ArrayList<>();
    check(problems, "CustomerAttributeDefinitions", ok(200, Http.send("PUT", api("/settings/customer-attributes"),
        Tokens.of("admin"), definitions)), "PUT /settings/customer-attributes");
    check(problems, "CustomerAttributeDefinitions", ok(200, Http.get(api("/settings/customer-attributes"), Tokens.of("user1"))),
        "GET /settings/customer-attributes");
    check(problems, "CustomerAttributesOfCustomer", ok(200, Http.send("PATCH", api("/customers/cust-paul/attributes"),
        Tokens.of("user1"), "{\"vehicle\": \"Civic\", \"services\": [\"oil\", \"tires\"], \"dueOn\": \"2026-12-01\", \"km\": 12.5}")),
        "PATCH /customers/{id}/attributes");
    assertNone(problems);
  }

  @Test
  void usersMatchTheUserSchemaAwayWithADelegateToo() {
    try {
      ok(200, Http.send("PUT", api("/me/away"), Tokens.of("user1"),
          Http.json(Map.of("on", true, "delegateId", "user-chloe", "returnAt", "2099-01-01"))));
      JsonNode users = ok(200, Http.get(api("/users"), Tokens.of("admin")));
      assertTrue(users.path("users").size() >= 3, users.toString());
      List<String> problems = new ArrayList<>();
      for (JsonNode user : users.path("users")) {
        check(problems, "User", user, "the user " + user.path("id").asText() + " of GET /users");
      }
      JsonNode bruno = ok(200, Http.get(api("/users/user-bruno"), Tokens.of("user2")));
      assertEquals("user-chloe", bruno.path("away").path("delegate").path("id").asText(), bruno.toString());
      check(problems, "User", bruno, "GET /users/user-bruno");
      assertNone(problems);
    } finally {
      Http.send("PUT", api("/me/away"), Tokens.of("user1"), Http.json(Map.of("on", false)));
    }
  }

  @Test
  void teamsMatchTheTeamSchemaWhenListedCreatedAndRenamed() {
    String name = "Shapes " + UUID.randomUUID().toString().substring(0, 8);
    JsonNode created = ok(201, Http.post(api("/teams"), Tokens.of("admin"), Http.json(Map.of("name", name))));
    String teamId = created.path("id").asText();
    try {
      List<String> problems = new ArrayList<>();
      check(problems, "Team", created, "POST /teams (201)");
      assertEquals(204, Http.send("PUT", api("/teams/" + teamId + "/members/user-chloe"), Tokens.of("admin"), null).status());
      check(problems, "Team", ok(200, Http.send("PATCH", api("/teams/" + teamId), Tokens.of("admin"),
          Http.json(Map.of("name", name + " renamed")))), "PATCH /teams/{id}");
      JsonNode teams = ok(200, Http.get(api("/teams"), Tokens.of("user1")));
      assertTrue(teams.path("teams").size() >= 2, teams.toString());
      for (JsonNode team : teams.path("teams")) {
        check(problems, "Team", team, "the team " + team.path("id").asText() + " of GET /teams");
      }
      assertNone(problems);
    } finally {
      Http.send("DELETE", api("/teams/" + teamId), Tokens.of("admin"), null);
    }
  }

  @Test
  void customersMatchTheCustomerSchemaCreatedEditedListedAndUnsubscribed() {
    List<String> problems = new ArrayList<>();
    JsonNode created = ok(201, Http.post(api("/customers"), Tokens.of("user1"), Http.json(Map.of("firstName", "Shape",
        "lastName", "Shapes", "mobile", "+15145550281", "otherPhones", List.of(Map.of("type", "home", "number", "+15145550282"))))));
    String id = created.path("id").asText();
    check(problems, "Customer", created, "POST /customers (201)");
    check(problems, "Customer", ok(200, Http.send("PATCH", api("/customers/" + id), Tokens.of("user1"),
        Http.json(Map.of("email", "shape@example.com", "birthDate", "1990-01-31")))), "PATCH /customers/{id}");
    check(problems, "CustomerPage", ok(200, Http.get(api("/customers?q=shapes"), Tokens.of("user1"))), "GET /customers?q=shapes");
    check(problems, "UnsubscribeResult", ok(200, Http.post(api("/customers/" + id + "/unsubscribe"), Tokens.of("user1"), "{}")),
        "POST /customers/{id}/unsubscribe");
    check(problems, "CustomerPage", ok(200, Http.get(api("/customers?filter=unsubscribed"), Tokens.of("user1"))),
        "GET /customers?filter=unsubscribed");
    check(problems, "CustomerConversations", ok(200, Http.get(api("/customers/cust-john/conversations"), Tokens.of("user1"))),
        "GET /customers/cust-john/conversations");
    assertNone(problems);
  }

  @Test
  void searchResultsOfEveryTypeMatchTheSearchResultsSchema() {
    List<String> problems = new ArrayList<>();
    JsonNode marie = Eventually.await("Marie Lambert searchable", java.time.Duration.ofSeconds(60), () -> {
      JsonNode body = ok(200, Http.get(api("/search?q=Marie%20Lambert"), Tokens.of("user1")));
      return body.path("groups").get(0).path("total").asInt() > 0 ? body : null;
    });
    check(problems, "SearchResults", marie, "GET /search?q=Marie Lambert");
    check(problems, "SearchResults", ok(200, Http.get(api("/search?q=0111&types=customer"), Tokens.of("user1"))),
        "GET /search?q=0111&types=customer");
    assertNone(problems);
  }

  // ------------------------------------------------------------------ the conversation, built once

  /** A new customer's conversation with every kind of timeline entry, and the write answers. */
  private record Scenario(String conversationId, JsonNode sent, JsonNode textedCustomer, JsonNode note) {}

  private static synchronized Scenario scenario() {
    if (scenario == null) {
      scenario = buildScenario();
    }
    return scenario;
  }

  private static Scenario buildScenario() {
    // a number no other test texts from: a new customer, a new conversation
    String number = String.format("+1514558%04d", ThreadLocalRandom.current().nextInt(10_000));
    Map<String, AttributeValue> marker = textIn(number, "Shapes check " + UUID.randomUUID());
    String conversationId = marker.get("conversationId").s();
    String customerId = marker.get("customerId").s();
    String conversation = "/conversations/" + conversationId;

    JsonNode sent = ok(202, Http.post(api(conversation + "/messages"), Tokens.of("user1"),
        Http.json(Map.of("body", "We are on it."))));
    JsonNode textedCustomer = ok(202, Http.post(api("/customers/" + customerId + "/messages"), Tokens.of("user1"),
        Http.json(Map.of("body", "Your car is ready.", "source", Map.of("type", "api", "id", "shapes-test")))));
    JsonNode note = ok(201, Http.post(api(conversation + "/notes"), Tokens.of("user1"),
        Http.json(Map.of("text", "@user-chloe can you take this one?"))));
    ok(200, Http.post(api(conversation + "/assign"), Tokens.of("user1"),
        Http.json(Map.of("assignee", Map.of("kind", "user", "id", "user-chloe")))));
    ok(200, Http.post(api(conversation + "/close"), Tokens.of("user1"), "{}"));
    ok(200, Http.post(api(conversation + "/reopen"), Tokens.of("user1"), "{}"));
    ok(200, Http.post(api(conversation + "/close"), Tokens.of("user1"), "{}"));
    // the customer's HELP reopens it, and gets an automatic answer
    textIn(number, "HELP");
    Map<String, Object> nobody = new LinkedHashMap<>();
    nobody.put("assignee", null);
    ok(200, Http.post(api(conversation + "/assign"), Tokens.of("user2"), Http.json(nobody)));
    return new Scenario(conversationId, sent, textedCustomer, note);
  }

  /** Texts the company as the customer and waits until the message is stored and announced. */
  private static Map<String, AttributeValue> textIn(String from, String body) {
    JsonNode sent = ok(202, Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", body))));
    String carrierId = sent.path("inboundMessageId").asText();
    return Eventually.await("the inbound SMS " + carrierId + " stored", Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> m = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return m != null && m.containsKey("eventSentAt") ? m : null;
    });
  }
}
