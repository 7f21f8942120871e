package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Merges (C14) end to end, seed 001's scenario: customer A made by hand with one number and a
 * conversation, customer B from the DMS with another number and a conversation; the DMS gives B
 * A's number: one profile (B), one active conversation (B's), A's archived under B, every message
 * readable. The same update twice merges once; texts from the number while the DMS update runs
 * are never lost and land in B's conversations (the active one once the merge is done).
 */
class CustomerMergeTest {
  private static final String DEALERSHIP = "acct-maple-motors";
  private static String key;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(6);

  @BeforeAll
  static void aDmsKey() {
    key = Tokens.apiKey("admin", "Merge test DMS");
    // IntegrationApi's cold start on a busy machine can outlast a request's 30 s: warm it first
    Eventually.await("IntegrationApi to answer", Duration.ofSeconds(180), () -> {
      try {
        int status = call("PUT", "/integration/customers/DMS-MERGE-WARMUP", key, Map.of("firstName", "Warm")).status();
        return status == 200 || status == 201 ? status : null;
      } catch (IllegalStateException timedOut) {
        return null;
      }
    });
  }

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  private static Http.Response call(String method, String path, String credential, Object body) {
    return Http.send(method, api(path), credential, body == null ? null : Http.json(body));
  }

  private static JsonNode ok(int status, String method, String path, String credential, Object body) {
    Http.Response response = call(method, path, credential, body);
    assertEquals(status, response.status(), method + " " + path + ": " + response.body());
    return response.json();
  }

  private static String staff() {
    return Tokens.of("user2");
  }

  /** Texts the company as {@code from}; answers the carrier's id (stored asynchronously). */
  private static String send(String from, String body) {
    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, response.status(), response.body());
    return response.json().path("inboundMessageId").asText();
  }

  /** The stored (and announced) marker of an inbound text: which conversation and customer it was filed under. */
  private static Map<String, AttributeValue> stored(String carrierId) {
    return Eventually.await("inbound SMS " + carrierId + " to be stored", Duration.ofSeconds(60), () -> {
      Map<String, AttributeValue> marker = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return marker != null && marker.containsKey("eventSentAt") ? marker : null;
    });
  }

  private static Map<String, AttributeValue> textIn(String from, String body) {
    return stored(send(from, body));
  }

  private static List<String> bodies(JsonNode conversation) {
    List<String> bodies = new ArrayList<>();
    conversation.path("timeline").forEach(e -> {
      if ("Message".equals(e.path("type").asText())) {
        bodies.add(e.path("body").asText());
      }
    });
    return bodies;
  }

  private static JsonNode mergedEvent(JsonNode conversation) {
    for (JsonNode entry : conversation.path("timeline")) {
      if ("merged".equals(entry.path("event").asText())) {
        return entry;
      }
    }
    throw new AssertionError("no merged event in " + conversation.path("timeline"));
  }

  /** A by hand with {@code mobileA} and a text; B from the DMS with {@code mobileB} and a text. */
  private record Pair(String a, String conversationA, String b, String conversationB, String reference) {}

  private static Pair seedScenario(String reference, String mobileA, String mobileB, String tag) {
    String a = ok(201, "POST", "/customers", staff(), Map.of("firstName", "Annie", "lastName", "Hand" + tag,
        "mobile", mobileA, "email", "annie" + tag + "@example.com")).path("id").asText();
    String conversationA = textIn(mobileA, "A's first text " + tag).get("conversationId").s();
    JsonNode b = ok(201, "PUT", "/integration/customers/" + reference, key, Map.of("firstName", "Bea", "lastName",
        "Dms" + tag, "mobile", mobileB));
    assertTrue(b.path("created").asBoolean());
    String bId = b.path("customer").path("id").asText();
    String conversationB = textIn(mobileB, "B's first text " + tag).get("conversationId").s();
    return new Pair(a, conversationA, bId, conversationB, reference);
  }

  @Test
  void seedOnesScenarioMakesOneProfileWithOneActiveAndOneArchivedConversation() {
    String mobileA = "+15145550711";
    String mobileB = "+15145550712";
    Pair p = seedScenario("DMS-MERGE-1", mobileA, mobileB, "1");

    JsonNode merged = ok(200, "PUT", "/integration/customers/DMS-MERGE-1", key, Map.of("mobile", "514 555 0711"));
    assertFalse(merged.path("created").asBoolean());
    JsonNode customer = merged.path("customer");
    assertEquals(p.b(), customer.path("id").asText(), "merged into the profile the DMS named");
    assertEquals(mobileA, customer.path("mobile").asText());
    assertEquals("Bea", customer.path("firstName").asText(), "the DMS's fields stay");
    assertEquals("annie1@example.com", customer.path("email").asText(), "the other's fill what the survivor lacked");
    assertEquals(p.conversationB(), customer.path("activeConversationId").asText());
    JsonNode merge = merged.path("merge");
    assertEquals("merge-" + p.a(), merge.path("id").asText());
    assertEquals(p.a(), merge.path("mergedCustomerId").asText());
    assertEquals("Annie Hand1", merge.path("mergedCustomerName").asText());
    assertEquals(p.conversationA(), merge.path("archivedConversationId").asText());
    assertTrue(merge.path("fieldsChanged").toString().contains("email"), merge.toString());

    // one profile: A is gone
    assertEquals(404, call("GET", "/customers/" + p.a(), staff(), null).status());
    assertEquals(List.of(), ids(ok(200, "GET", "/customers?q=hand1", staff(), null)));
    // one active conversation, one archived, every message readable
    JsonNode conversations = ok(200, "GET", "/customers/" + p.b() + "/conversations", staff(), null);
    assertEquals(p.conversationB(), conversations.path("active").path("conversationId").asText());
    assertEquals(1, conversations.path("archived").size(), conversations.toString());
    assertEquals(p.conversationA(), conversations.path("archived").get(0).path("conversationId").asText());
    assertEquals("ARCHIVED", conversations.path("archived").get(0).path("status").asText());
    JsonNode archived = ok(200, "GET", "/conversations/" + p.conversationA(), staff(), null);
    assertEquals("ARCHIVED", archived.path("conversation").path("status").asText());
    assertTrue(bodies(archived).contains("A's first text 1"), archived.toString());
    assertEquals(p.a(), mergedEvent(archived).path("mergedCustomerId").asText());
    assertEquals(p.b(), mergedEvent(archived).path("survivorCustomerId").asText());
    JsonNode active = ok(200, "GET", "/conversations/" + p.conversationB(), staff(), null);
    assertTrue(bodies(active).contains("B's first text 1"), active.toString());
    assertEquals(p.a(), mergedEvent(active).path("mergedCustomerId").asText(), "recorded in both timelines");
    // the merge log on the survivor
    JsonNode log = ok(200, "GET", "/customers/" + p.b() + "/merges", staff(), null);
    assertEquals(1, log.path("merges").size(), log.toString());
    assertEquals(merge, log.path("merges").get(0));

    // the archived conversation is read-only: a clear 409
    Http.Response send = call("POST", "/conversations/" + p.conversationA() + "/messages", staff(), Map.of("body", "Hello?"));
    assertEquals(409, send.status(), send.body());
    assertEquals("conversation_archived", send.json().path("error").path("code").asText());
    Http.Response assign = call("POST", "/conversations/" + p.conversationA() + "/assign", staff(),
        Map.of("assignee", Map.of("kind", "user", "id", "user-bruno")));
    assertEquals(409, assign.status(), assign.body());
    assertEquals(409, call("POST", "/conversations/" + p.conversationA() + "/close", staff(), null).status());
    // and off the inbox lists
    assertFalse(ok(200, "GET", "/conversations?status=open&limit=100", staff(), null).toString().contains(p.conversationA()));

    // the number's next text goes to the survivor's active conversation
    assertEquals(p.conversationB(), textIn(mobileA, "after the merge").get("conversationId").s());
    assertEquals(p.b(), stored(send(mobileA, "again after")).get("customerId").s());
    // B's old number is free: its next text makes a new profile
    String newcomer = textIn(mobileB, "new owner of the old number").get("customerId").s();
    assertFalse(newcomer.equals(p.b()) || newcomer.equals(p.a()));
  }

  @Test
  void theSameUpdateTwiceMergesOnce() {
    Pair p = seedScenario("DMS-MERGE-2", "+15145550721", "+15145550722", "2");
    Map<String, Object> update = Map.of("mobile", "+15145550721", "address", "7 rue du Port");
    JsonNode first = ok(200, "PUT", "/integration/customers/DMS-MERGE-2", key, update);
    assertEquals(p.a(), first.path("merge").path("mergedCustomerId").asText());
    JsonNode second = ok(200, "PUT", "/integration/customers/DMS-MERGE-2", key, update);
    assertFalse(second.has("merge"), "nothing left to merge: " + second);
    assertEquals(first.path("customer"), second.path("customer"), "the same update again writes nothing");
    assertEquals(1, ok(200, "GET", "/customers/" + p.b() + "/merges", staff(), null).path("merges").size());
    assertEquals(1, ok(200, "GET", "/customers/" + p.b() + "/conversations", staff(), null).path("archived").size());

    // the same update sent twice at once (a DMS retrying): one merge
    Pair q = seedScenario("DMS-MERGE-3", "+15145550731", "+15145550732", "3");
    Map<String, Object> again = Map.of("mobile", "+15145550731");
    List<CompletableFuture<Http.Response>> both = List.of(
        CompletableFuture.supplyAsync(() -> call("PUT", "/integration/customers/DMS-MERGE-3", key, again), POOL),
        CompletableFuture.supplyAsync(() -> call("PUT", "/integration/customers/DMS-MERGE-3", key, again), POOL));
    int merges = 0;
    for (CompletableFuture<Http.Response> answer : both) {
      Http.Response response = answer.join();
      assertEquals(200, response.status(), response.body());
      merges += response.json().has("merge") ? 1 : 0;
    }
    assertEquals(1, merges, "one of the two merged, the other found nothing to merge");
    assertEquals(1, ok(200, "GET", "/customers/" + q.b() + "/merges", staff(), null).path("merges").size());
  }

  @Test
  void aCustomerTextingDuringTheMergeLandsInTheSurvivorsConversation() {
    for (int round = 0; round < 4; round++) {
      String mobileA = "+151455507" + (40 + 2 * round);
      String mobileB = "+151455507" + (41 + 2 * round);
      String reference = "DMS-MERGE-RACE-" + round;
      Pair p = seedScenario(reference, mobileA, mobileB, "race" + round);

      // the DMS update and three texts from the number, fired together
      List<CompletableFuture<String>> texts = new ArrayList<>();
      CompletableFuture<Http.Response> update = CompletableFuture.supplyAsync(
          () -> call("PUT", "/integration/customers/" + reference, key, Map.of("mobile", mobileA)), POOL);
      for (int i = 0; i < 3; i++) {
        String body = "during the merge " + round + "." + i;
        texts.add(CompletableFuture.supplyAsync(() -> send(mobileA, body), POOL));
      }
      Http.Response merged = update.join();
      assertEquals(200, merged.status(), merged.body());
      String mergedAt = merged.json().path("merge").path("at").asText();

      Set<String> survivors = new HashSet<>(List.of(p.conversationB(), p.conversationA()));
      for (CompletableFuture<String> text : texts) {
        Map<String, AttributeValue> marker = stored(text.join());
        String conversationId = marker.get("conversationId").s();
        assertTrue(survivors.contains(conversationId), "round " + round + ": the text went to " + conversationId);
        if (conversationId.equals(p.conversationA())) {
          // in A's conversation only when filed before the merge, which then archived it with the text in it
          assertTrue(marker.get("receivedAt").s().compareTo(mergedAt) <= 0,
              "round " + round + ": a text filed at " + marker.get("receivedAt").s() + " went to the archived conversation"
                  + " after the merge at " + mergedAt);
        }
        JsonNode conversation = ok(200, "GET", "/conversations/" + conversationId, staff(), null);
        assertTrue(bodies(conversation).contains(marker.get("body").s()), "every text readable: " + conversation);
      }
      // one profile, one active conversation (B's), A's archived
      JsonNode conversations = ok(200, "GET", "/customers/" + p.b() + "/conversations", staff(), null);
      assertEquals(p.conversationB(), conversations.path("active").path("conversationId").asText());
      assertEquals(List.of(p.conversationA()), List.of(conversations.path("archived").get(0).path("conversationId").asText()));
      assertEquals(404, call("GET", "/customers/" + p.a(), staff(), null).status());
      // and after it, the number's texts are the survivor's, in its active conversation
      assertEquals(p.conversationB(), textIn(mobileA, "after the race " + round).get("conversationId").s());
    }
  }

  @Test
  void aNewDmsCustomerTakingAHandMadeNumberMergesItAndKeepsItsConversationActive() {
    String a = ok(201, "POST", "/customers", staff(), Map.of("firstName", "Hugo", "lastName", "Solo", "mobile", "+15145550761"))
        .path("id").asText();
    String conversationA = textIn("+15145550761", "Hugo's text").get("conversationId").s();
    JsonNode created = ok(201, "PUT", "/integration/customers/DMS-MERGE-NEW", key, Map.of("lastName", "Solo-DMS",
        "mobile", "+15145550761"));
    assertTrue(created.path("created").asBoolean());
    assertEquals(a, created.path("merge").path("mergedCustomerId").asText());
    assertEquals(conversationA, created.path("merge").path("movedConversationId").asText(),
        "the survivor had no conversation: A's becomes its active one");
    String b = created.path("customer").path("id").asText();
    assertEquals(conversationA, created.path("customer").path("activeConversationId").asText());
    assertEquals("Hugo", created.path("customer").path("firstName").asText());
    JsonNode conversations = ok(200, "GET", "/customers/" + b + "/conversations", staff(), null);
    assertEquals(conversationA, conversations.path("active").path("conversationId").asText());
    assertEquals(0, conversations.path("archived").size());
    assertEquals(b, textIn("+15145550761", "Hugo again").get("customerId").s());
  }

  @Test
  void neverAcrossCompanies() {
    // the clinic has a customer with the number; the dealership's DMS gives it to its own customer: no merge
    String clinicCustomer = ok(201, "POST", "/customers", Tokens.of("otherAdmin"), Map.of("firstName", "Clinic",
        "mobile", "+15145550771")).path("id").asText();
    JsonNode dealership = ok(201, "PUT", "/integration/customers/DMS-MERGE-TENANT", key, Map.of("firstName", "Dealer",
        "mobile", "+15145550771"));
    assertFalse(dealership.has("merge"), dealership.toString());
    assertEquals(200, call("GET", "/customers/" + clinicCustomer, Tokens.of("otherAdmin"), null).status());
    // TenancyTest's dealership reference
    ok(201, "PUT", "/integration/customers/DMS-TENANCY-1", key, Map.of("firstName", "Tenancy"));
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("customers").forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }
}
