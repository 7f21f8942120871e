package com.textinbox.customers;

import com.textinbox.shared.testing.TestCursors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The customers API against DynamoDB Local: profiles, numbers, lists, staff unsubscribe. */
class CustomersApiTest {
  private static final String ACCOUNT = "acct-maple-motors";
  private static final DynamoDbLocalServer LOCAL = DynamoDbLocalServer.start();
  private static final DynamoTable table = companyWithANumberInMontreal();
  private static final List<EventQueue.Sent> DELETION_STEPS = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final CustomersApi api = new CustomersApi(table, Clock.fixed(Instant.parse("2026-11-21T15:00:00Z"),
      ZoneOffset.UTC), "US", EventQueue.into(DELETION_STEPS), TestCursors.codec());

  private static DynamoTable companyWithANumberInMontreal() {
    LOCAL.createInboxTable("inbox");
    DynamoTable inbox = new DynamoTable(LOCAL.client(), "inbox");
    new AccountStore(inbox).put(new Account(ACCOUNT, "Maple Motors", "+15145550100", "en", null, null, null, null, null));
    return inbox;
  }

  @AfterAll
  static void stop() throws Exception {
    LOCAL.close();
  }

  @Test
  void createReadEditWithNumbersInTheCompanysRegion() {
    JsonNode created = ok(201, "POST", "/customers", Map.of(), "{\"firstName\":\"Élodie\",\"lastName\":\"Tremblay\","
        + "\"mobile\":\"514 555 0131\",\"language\":\"fr\",\"birthDate\":\"1984-03-21\","
        + "\"otherPhones\":[{\"type\":\"work\",\"number\":\"(514) 555-0199\"}]}");
    String id = created.path("id").asText();
    assertEquals("+15145550131", created.path("mobile").asText(), "a Montréal number: read as Canadian");
    assertEquals("+15145550199", created.path("otherPhones").get(0).path("number").asText());
    assertEquals("Élodie Tremblay", created.path("name").asText());
    assertTrue(created.path("subscribed").asBoolean());

    JsonNode edited = ok(200, "PATCH", "/customers/{customerId}", Map.of("customerId", id),
        "{\"email\":\"elodie@example.com\",\"mobile\":\"+15145550132\",\"otherPhones\":[]}");
    assertEquals("elodie@example.com", edited.path("email").asText());
    assertEquals("+15145550132", edited.path("mobile").asText());
    assertTrue(edited.path("otherPhones").isEmpty());
    assertEquals("Tremblay", edited.path("lastName").asText(), "fields not named stay");
    assertEquals(edited, ok(200, "GET", "/customers/{customerId}", Map.of("customerId", id), null));

    // the freed number can be taken; the new one cannot
    ok(201, "POST", "/customers", Map.of(), "{\"firstName\":\"Other\",\"mobile\":\"+15145550131\"}");
    JsonNode taken = error(409, "POST", "/customers", Map.of(), "{\"firstName\":\"Dup\",\"mobile\":\"(514) 555-0132\"}");
    assertEquals("mobile", taken.path("field").asText());
    assertTrue(taken.path("message").asText().contains(id), taken.toString());
    assertTrue(taken.path("message").asText().contains("Élodie Tremblay"), taken.toString());
  }

  /**
   * Pins the cost of POST /customers (docs/performance.md): the company's number, then one
   * transaction; a warm container keeps the account a minute (decision 63): the transaction only.
   */
  @Test
  void creatingACustomerCostsOneReadAndOneTransactionColdAndTheTransactionWarm() {
    CustomersApi cold = new CustomersApi(table, Clock.fixed(Instant.parse("2026-11-21T15:00:00Z"), ZoneOffset.UTC), "US",
        EventQueue.into(DELETION_STEPS), TestCursors.codec());
    Map<String, Integer> made = com.textinbox.shared.aws.RequestCounter.during(() -> assertEquals(201, cold.handle(event("POST",
        "/customers", Map.of(), "{\"firstName\":\"Counted\",\"mobile\":\"+15145550151\",\"reference\":\"DMS-1\"}", Map.of())).status()));
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1,
        "DynamoDb.TransactWriteItems", 1, "DynamoDb.TransactWriteItems.attempts", 1), made, "cold");
    Map<String, Integer> warm = com.textinbox.shared.aws.RequestCounter.during(() -> assertEquals(201, cold.handle(event("POST",
        "/customers", Map.of(), "{\"firstName\":\"Counted\",\"mobile\":\"+15145550152\",\"reference\":\"DMS-2\"}", Map.of())).status()));
    assertEquals(Map.of("DynamoDb.TransactWriteItems", 1, "DynamoDb.TransactWriteItems.attempts", 1), warm, "warm");
  }

  @Test
  void badInputIsA400NamingTheField() {
    assertEquals("mobile", error(400, "POST", "/customers", Map.of(), "{\"firstName\":\"A\",\"mobile\":\"12\"}").path("field").asText());
    assertEquals("nickname", error(400, "POST", "/customers", Map.of(), "{\"firstName\":\"A\",\"nickname\":\"x\"}").path("field").asText());
    assertEquals("firstName", error(400, "POST", "/customers", Map.of(), "{\"firstName\":42}").path("field").asText());
    assertEquals("firstName", error(400, "POST", "/customers", Map.of(), "{}").path("field").asText());
    assertEquals("language", error(400, "POST", "/customers", Map.of(), "{\"firstName\":\"A\",\"language\":\"de\"}").path("field").asText());
    assertEquals("otherPhones[0].type", error(400, "POST", "/customers", Map.of(),
        "{\"firstName\":\"A\",\"otherPhones\":[{\"type\":\"pager\",\"number\":\"+15145550100\"}]}").path("field").asText());
    assertEquals("otherPhones[0].label", error(400, "POST", "/customers", Map.of(),
        "{\"firstName\":\"A\",\"otherPhones\":[{\"label\":\"x\"}]}").path("field").asText());
    error(400, "POST", "/customers", Map.of(), "[1]");
    error(400, "POST", "/customers", Map.of(), "not json");
    assertEquals("customerId", error(400, "GET", "/customers/{customerId}", Map.of("customerId", "x".repeat(3000)), null).path("field").asText());
    error(404, "GET", "/customers/{customerId}", Map.of("customerId", "a#b"), null);
    error(404, "PATCH", "/customers/{customerId}", Map.of("customerId", "cust-none"), "{}");
    assertEquals("filter", error(400, "GET", "/customers", Map.of(), null, Map.of("filter", "vip")).path("field").asText());
    assertEquals("from", error(400, "GET", "/customers", Map.of(), null, Map.of("from", "2026-01-01")).path("field").asText());
    assertEquals("cursor", error(400, "GET", "/customers", Map.of(), null, Map.of("cursor", "bm9wZQ")).path("field").asText());
    assertEquals("sort", error(400, "GET", "/customers", Map.of(), null, Map.of("sort", "x")).path("field").asText());
  }

  @Test
  void staffUnsubscribeIsImmediateOnTheTimelineAndOnlyTheCustomerResubscribes() {
    String id = ok(201, "POST", "/customers", Map.of(), "{\"firstName\":\"Una\",\"lastName\":\"Subbed\",\"mobile\":\"+15145550141\"}")
        .path("id").asText();
    // give them a conversation, as a first text would
    ConversationStore conversations = new ConversationStore(table);
    Conversation conversation = Conversation.opened("conv-una", id, "2026-11-21T14:00:00.000Z", "2026-11-21T14:00:00.000Z", "user-bruno", null);
    table.transact(conversations.createWrite(ACCOUNT, conversation),
        new com.textinbox.shared.customers.store.CustomerStore(table).activeConversationWrite(ACCOUNT, id, "conv-una"));

    JsonNode first = ok(200, "POST", "/conversations/{conversationId}/unsubscribe-customer", Map.of("conversationId", "conv-una"), "{}");
    assertTrue(first.path("changed").asBoolean());
    assertFalse(first.path("customer").path("subscribed").asBoolean());
    assertEquals("user-bruno", first.path("customer").path("unsubscribedBy").asText());
    assertFalse(ok(200, "POST", "/customers/{customerId}/unsubscribe", Map.of("customerId", id), "{}").path("changed").asBoolean());
    List<TimelineEntry> timeline = conversations.timeline(ACCOUNT, "conv-una", null, 10).items();
    ConversationEvent event = (ConversationEvent) timeline.get(0);
    assertEquals("unsubscribed", event.event());
    assertEquals("user-bruno", event.by());

    assertEquals("only_the_customer_resubscribes",
        error(403, "POST", "/customers/{customerId}/resubscribe", Map.of("customerId", id), "{}").path("code").asText());
    assertEquals(403, status("PATCH", "/customers/{customerId}", Map.of("customerId", id), "{\"subscribed\":true}", Map.of()));

    JsonNode unsubscribed = ok(200, "GET", "/customers", Map.of(), null, Map.of("filter", "unsubscribed", "from", "2026-11-21"));
    assertEquals(id, unsubscribed.path("customers").get(0).path("id").asText());
    JsonNode active = ok(200, "GET", "/customers/{customerId}/conversations", Map.of("customerId", id), null);
    assertEquals("conv-una", active.path("active").path("conversationId").asText());
    assertTrue(active.path("archived").isEmpty());
  }

  @Test
  void theListFindsANamePrefixWhateverItsAccentsAndUnsubscribesAHandfulAtOnce() {
    String a = ok(201, "POST", "/customers", Map.of(), "{\"firstName\":\"Zoé\",\"lastName\":\"Çarlson\"}").path("id").asText();
    String b = ok(201, "POST", "/customers", Map.of(), "{\"firstName\":\"Zack\",\"lastName\":\"Carlson\"}").path("id").asText();
    JsonNode page = ok(200, "GET", "/customers", Map.of(), null, Map.of("q", "CARL", "limit", "1"));
    assertEquals(1, page.path("customers").size());
    String cursor = page.path("nextCursor").asText();
    // a cursor goes back with the parameters of its page (decision 55): another q is another list
    assertEquals("cursor", error(400, "GET", "/customers", Map.of(), null, Map.of("q", "carl", "cursor", cursor)).path("field").asText());
    JsonNode next = ok(200, "GET", "/customers", Map.of(), null, Map.of("q", "CARL", "cursor", cursor));
    assertEquals(List.of(b, a), List.of(page.path("customers").get(0).path("id").asText(), next.path("customers").get(0).path("id").asText()));
    JsonNode noMobile = ok(200, "GET", "/customers", Map.of(), null, Map.of("filter", "no-mobile", "q", "carlson"));
    assertEquals(2, noMobile.path("customers").size());

    JsonNode many = ok(200, "POST", "/customers/unsubscribe", Map.of(), "{\"filter\":\"no-mobile\",\"q\":\"carlson\"}");
    assertEquals(2, many.path("unsubscribed").asInt());
    assertEquals(404, status("POST", "/customers/unsubscribe", Map.of(), "{\"customerIds\":[\"" + a + "\",\"cust-nobody\"]}", Map.of()));
    assertEquals(2, ok(200, "POST", "/customers/unsubscribe", Map.of(), "{\"customerIds\":[\"" + a + "\",\"" + b + "\"]}")
        .path("alreadyUnsubscribed").asInt());
  }

  /** P5: the profile, its guards and its conversations leave at once; the rest is a job's (202), none without a conversation (204). */
  @Test
  void deletingACustomerIsImmediateForEveryListAndLeavesTheHistoryToAJob() {
    String id = customerWithAConversation("{\"firstName\":\"Dee\",\"lastName\":\"Leted\","
        + "\"mobile\":\"+15145550161\",\"reference\":\"DMS-DEL\"}", "conv-dee");
    ConversationStore conversations = new ConversationStore(table);

    Map<String, Integer> made = com.textinbox.shared.aws.RequestCounter.during(() -> {
      JsonNode job = ok(202, "DELETE", "/customers/{customerId}", Map.of("customerId", id), null);
      assertEquals("QUEUED", job.path("status").asText());
      assertEquals(id, job.path("customerId").asText());
      assertEquals(2, job.path("total").asInt(), "one conversation, then the notifications");
    });
    System.out.println("DynamoDB requests, DELETE /customers/{id} with a conversation: " + made);
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1, "DynamoDb.Query", 1, "DynamoDb.Query.attempts", 1,
        "DynamoDb.TransactWriteItems", 1, "DynamoDb.TransactWriteItems.attempts", 1), made);
    EventQueue.Sent step = DELETION_STEPS.get(DELETION_STEPS.size() - 1);
    String jobId = Json.read(step.json()).path("jobId").asText();
    assertEquals(com.textinbox.shared.jobs.CustomerDeletionJob.stepBody(ACCOUNT, jobId), step.json());

    error(404, "GET", "/customers/{customerId}", Map.of("customerId", id), null);
    error(404, "DELETE", "/customers/{customerId}", Map.of("customerId", id), null);
    assertFalse(ok(200, "GET", "/customers", Map.of(), null, Map.of("q", "leted")).path("customers").elements().hasNext());
    assertTrue(conversations.find(ACCOUNT, "conv-dee").isEmpty(), "the conversation left every list");
    assertEquals(jobId, ok(200, "GET", "/customer-deletions/{jobId}", Map.of("jobId", jobId), null).path("jobId").asText());
    // ids are bounded before any store sees them (decision 55)
    assertEquals("jobId", error(400, "GET", "/customer-deletions/{jobId}", Map.of("jobId", "job-" + "x".repeat(2000)), null).path("field").asText());
    // the number and the reference are free again: a new profile may take them
    ok(201, "POST", "/customers", Map.of(), "{\"firstName\":\"New\",\"mobile\":\"+15145550161\",\"reference\":\"DMS-DEL\"}");

    int sent = DELETION_STEPS.size();
    String never = ok(201, "POST", "/customers", Map.of(), "{\"firstName\":\"Never\",\"lastName\":\"Texted\"}").path("id").asText();
    assertEquals(204, status("DELETE", "/customers/{customerId}", Map.of("customerId", never), null, Map.of()));
    assertEquals(sent, DELETION_STEPS.size(), "nothing left to delete: no job");
    error(404, "GET", "/customers/{customerId}", Map.of("customerId", never), null);
  }

  /**
   * docs/decisions.md 65: the job's message goes before the transaction, so SQS refusing it is a 503
   * with nothing deleted (the customer, its conversation and its number stay; no job), never a
   * customer gone with a job that never runs. Asked again once SQS is back, it is deleted as usual.
   */
  @Test
  void aDeletionSqsRefusesIsA503AndDeletesNothing() {
    String id = customerWithAConversation("{\"firstName\":\"Rhea\",\"lastName\":\"Fused\",\"mobile\":\"+15145550162\"}",
        "conv-rhea");
    ConversationStore conversations = new ConversationStore(table);
    CustomersApi refusing = new CustomersApi(table, Clock.fixed(Instant.parse("2026-11-21T15:00:00Z"), ZoneOffset.UTC), "US",
        (eventId, type, json) -> {
          throw software.amazon.awssdk.services.sqs.model.SqsException.builder().message("Service Unavailable").statusCode(503).build();
        }, TestCursors.codec());

    Map<String, Integer> made = com.textinbox.shared.aws.RequestCounter.during(() -> {
      ApiResponse response = refusing.handle(event("DELETE", "/customers/{customerId}", Map.of("customerId", id), null, Map.of()));
      assertEquals(503, response.status());
      assertTrue(Json.write(response.body()).contains("nothing was deleted"), Json.write(response.body()));
    });
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1, "DynamoDb.Query", 1, "DynamoDb.Query.attempts", 1),
        made, "read, refused before any write");
    assertEquals("Rhea", ok(200, "GET", "/customers/{customerId}", Map.of("customerId", id), null).path("firstName").asText());
    assertTrue(conversations.find(ACCOUNT, "conv-rhea").isPresent(), "the conversation is still listed");

    JsonNode job = ok(202, "DELETE", "/customers/{customerId}", Map.of("customerId", id), null);
    EventQueue.Sent step = DELETION_STEPS.get(DELETION_STEPS.size() - 1);
    assertEquals(com.textinbox.shared.jobs.CustomerDeletionJob.stepBody(ACCOUNT, job.path("jobId").asText()), step.json());
    error(404, "GET", "/customers/{customerId}", Map.of("customerId", id), null);
  }

  // ------------------------------------------------------------------ custom attributes (P3; moved from ConversationsApi)

  private static final String DEFINITIONS = """
      {"definitions": [{"key": "vehicle", "name": "Vehicle", "type": "text"},
        {"key": "dueOn", "name": "Due on", "type": "date"}, {"key": "km", "name": "Mileage", "type": "number"}]}""";

  @Test
  void adminsDefineAttributesEveryoneReadsThem() {
    assertEquals(403, as("acct-harbor-clinic", "user-nina", "user", "PUT", "/settings/customer-attributes", Map.of(), DEFINITIONS)
        .status(), "users read the definitions, admins write them");
    assertEquals(0, Json.mapper().valueToTree(as("acct-harbor-clinic", "user-nina", "user", "GET", "/settings/customer-attributes",
        Map.of(), null).body()).path("definitions").size(), "none until an admin writes them");
    assertEquals(200, as(ACCOUNT, "user-alice", "admin", "PUT", "/settings/customer-attributes", Map.of(), DEFINITIONS).status());
    assertEquals(Json.read(DEFINITIONS), ok(200, "GET", "/settings/customer-attributes", Map.of(), null));
    ApiResponse bad = as(ACCOUNT, "user-alice", "admin", "PUT", "/settings/customer-attributes", Map.of(),
        "{\"definitions\": [{\"key\": \"a b\", \"name\": \"A\", \"type\": \"text\"}]}");
    assertEquals(400, bad.status());
    assertEquals("definitions[0].key", Json.mapper().valueToTree(bad.body()).path("error").path("field").asText());
    // unknown fields: the route's schema (docs/openapi.yaml, decision 55) names them and the known ones
    JsonNode other = Json.mapper().valueToTree(as(ACCOUNT, "user-alice", "admin", "PUT", "/settings/customer-attributes", Map.of(),
        "{\"definitions\": [], \"other\": 1}").body()).path("error");
    assertEquals(List.of("other", "Unknown field 'other'; the fields are definitions."),
        List.of(other.path("field").asText(), other.path("message").asText()));
    ApiResponse colour = as(ACCOUNT, "user-alice", "admin", "PUT", "/settings/customer-attributes", Map.of(),
        "{\"definitions\": [{\"key\": \"a\", \"name\": \"A\", \"type\": \"text\", \"colour\": \"red\"}]}");
    assertEquals(400, colour.status());
    JsonNode unknown = Json.mapper().valueToTree(colour.body()).path("error");
    assertEquals(List.of("definitions[0].colour", "Unknown field 'definitions[0].colour'; the fields are key, name, type."),
        List.of(unknown.path("field").asText(), unknown.path("message").asText()));
  }

  @Test
  void aCustomersValuesAreSetTypedAndRemovedByNullAlsoWithOtherFields() {
    as(ACCOUNT, "user-alice", "admin", "PUT", "/settings/customer-attributes", Map.of(), DEFINITIONS);
    String id = ok(201, "POST", "/customers", Map.of(), "{\"firstName\":\"Attie\",\"attributes\":{\"vehicle\":\"Civic\"}}")
        .path("id").asText();
    Map<String, String> attie = Map.of("customerId", id);
    JsonNode set = ok(200, "PATCH", "/customers/{customerId}/attributes", attie, "{\"km\": 12000}");
    assertEquals("{\"customerId\":\"" + id + "\",\"attributes\":{\"km\":12000,\"vehicle\":\"Civic\"}}", set.toString());
    JsonNode more = ok(200, "PATCH", "/customers/{customerId}/attributes", attie, "{\"dueOn\": \"2026-12-01\", \"km\": null}");
    assertEquals(Json.read("{\"dueOn\": \"2026-12-01\", \"vehicle\": \"Civic\"}"), more.path("attributes"));

    // PATCH /customers/{id} takes them too, beside other fields, in one write
    JsonNode edited = ok(200, "PATCH", "/customers/{customerId}", attie,
        "{\"lastName\":\"Bute\",\"attributes\":{\"vehicle\":\"Accord\",\"dueOn\":null,\"km\":5}}");
    assertEquals("Bute", edited.path("lastName").asText());
    assertEquals("{\"km\":5,\"vehicle\":\"Accord\"}", edited.path("attributes").toString());
    assertEquals(edited, ok(200, "GET", "/customers/{customerId}", attie, null));

    assertEquals("attributes.km", error(400, "PATCH", "/customers/{customerId}/attributes", attie, "{\"km\": \"far\"}")
        .path("field").asText());
    assertEquals("attributes.km", error(400, "PATCH", "/customers/{customerId}", attie, "{\"attributes\":{\"km\": \"far\"}}")
        .path("field").asText());
    assertEquals("attributes.colour", error(400, "PATCH", "/customers/{customerId}/attributes", attie, "{\"colour\": \"red\"}")
        .path("field").asText());
    assertEquals("attributes", error(400, "PATCH", "/customers/{customerId}", attie, "{\"attributes\": [1]}").path("field").asText());
    assertEquals(404, as("acct-harbor-clinic", "user-olivia", "admin", "PATCH", "/customers/{customerId}/attributes", attie, "{}")
        .status(), "another company's customer, whatever the body");
    assertEquals(400, status("PATCH", "/customers/{customerId}/attributes", Map.of("customerId", "c".repeat(3000)), "{}", Map.of()));
    assertEquals(404, status("PATCH", "/customers/{customerId}/attributes", Map.of("customerId", "cust-\uD83D\uDE00%"), "{}", Map.of()));
  }

  /** A request of another caller than Bruno (a user of Maple Motors). */
  private static ApiResponse as(String account, String userId, String role, String method, String resource,
      Map<String, String> path, String body) {
    Map<String, Object> event = new LinkedHashMap<>(Map.of("httpMethod", method, "resource", resource, "path", resource,
        "queryStringParameters", Map.of(), "pathParameters", path,
        "requestContext", Map.of("authorizer", Map.of("accountId", account, "userId", userId, "role", role))));
    event.put("body", body);
    return api.handle(Json.mapper().valueToTree(event));
  }

  /** A customer made by POST /customers with {@code body}, who has texted: its active conversation {@code conversationId}. */
  private static String customerWithAConversation(String body, String conversationId) {
    String id = ok(201, "POST", "/customers", Map.of(), body).path("id").asText();
    Conversation conversation = Conversation.opened(conversationId, id, "2026-11-21T14:00:00.000Z", "2026-11-21T14:00:00.000Z",
        "user-bruno", null);
    table.transact(new ConversationStore(table).createWrite(ACCOUNT, conversation),
        new com.textinbox.shared.customers.store.CustomerStore(table).activeConversationWrite(ACCOUNT, id, conversationId));
    return id;
  }

  private static JsonNode ok(int expected, String method, String resource, Map<String, String> path, String body) {
    return ok(expected, method, resource, path, body, Map.of());
  }

  private static JsonNode ok(int expected, String method, String resource, Map<String, String> path, String body,
      Map<String, String> query) {
    ApiResponse response = api.handle(event(method, resource, path, body, query));
    assertEquals(expected, response.status(), Json.write(response.body()));
    return Json.mapper().valueToTree(response.body());
  }

  private static JsonNode error(int expected, String method, String resource, Map<String, String> path, String body) {
    return error(expected, method, resource, path, body, Map.of());
  }

  private static JsonNode error(int expected, String method, String resource, Map<String, String> path, String body,
      Map<String, String> query) {
    return ok(expected, method, resource, path, body, query).path("error");
  }

  private static int status(String method, String resource, Map<String, String> path, String body, Map<String, String> query) {
    return api.handle(event(method, resource, path, body, query)).status();
  }

  /** The API Gateway proxy event as the authorizer lets Bruno's request through. */
  private static JsonNode event(String method, String resource, Map<String, String> path, String body, Map<String, String> query) {
    Map<String, Object> event = new LinkedHashMap<>(Map.of("httpMethod", method, "resource", resource, "path", resource,
        "queryStringParameters", query, "pathParameters", path,
        "requestContext", Map.of("authorizer", Map.of("accountId", ACCOUNT, "userId", "user-bruno", "role", "user"))));
    event.put("body", body);   // may be null
    return Json.mapper().valueToTree(event);
  }
}
