package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Deleting a customer (P5, docs/decisions.md 50) through the local cloud: CustomersApi deletes the
 * profile and its conversations at once, the CustomerDeletion function the rest from its queue, the
 * SearchIndexer the documents (the stream's REMOVE records), read here on the local OpenSearch.
 * 514-555-0173 to 0176 are this class's own numbers.
 */
class CustomerDeletionTest {
  private static final String DEALERSHIP = "acct-maple-motors";
  private static final Duration JOB_DONE = Duration.ofSeconds(90);

  private static JsonNode endpoints() {
    return LocalCloudProcess.endpoints();
  }

  private static String api(String path) {
    return endpoints().path("apiUrl").asText() + path;
  }

  private static Http.Response call(String method, String path, String body) {
    return Http.send(method, api(path), Tokens.of("user2"), body);
  }

  private static JsonNode ok(int status, String method, String path, String body) {
    Http.Response response = call(method, path, body);
    assertEquals(status, response.status(), method + " " + path + ": " + response.body());
    return response.json();
  }

  /** The documents of the dealership a query matches, after a refresh (SearchIndexTest's way). */
  private static List<JsonNode> search(Map<String, Object> query) {
    String openSearch = endpoints().path("aws").path("opensearch").asText();
    assertEquals(200, Http.post(openSearch + "/inbox/_refresh", null, "").status());
    Http.Response response = Http.post(openSearch + "/inbox/_search", null, Http.json(Map.of("size", 20,
        "query", Map.of("bool", Map.of("must", List.of(query), "filter", List.of(Map.of("term", Map.of("accountId", DEALERSHIP))))))));
    assertEquals(200, response.status(), response.body());
    List<JsonNode> hits = new ArrayList<>();
    response.json().path("hits").path("hits").forEach(hit -> hits.add(hit.path("_source")));
    return hits;
  }

  private static int itemsUnder(String pk) {
    return LocalAws.dynamoDb().query(b -> b.tableName(LocalAws.table()).consistentRead(true)
        .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).count();
  }

  private static JsonNode awaitCompleted(String jobId) {
    return Eventually.await("customer deletion " + jobId + " to complete", JOB_DONE, () -> {
      JsonNode job = ok(200, "GET", "/customer-deletions/" + jobId, null);
      return "COMPLETED".equals(job.path("status").asText()) ? job : null;
    });
  }

  private static List<String> conversationIdsListed(String query) {
    List<String> ids = new ArrayList<>();
    ok(200, "GET", "/conversations?" + query, null).path("conversations").forEach(c -> ids.add(c.path("conversationId").asText()));
    return ids;
  }

  @Test
  void aDeletedCustomerLeavesEveryListAndTheIndexAndTheirNextTextMakesANewProfile() {
    String number = "+15145550173";
    String word = "gearbox" + UUID.randomUUID().toString().replace("-", "");
    Map<String, AttributeValue> first = Carrier.textIn(number, "Is the " + word + " fixed?");
    String customerId = first.get("customerId").s();
    String conversationId = first.get("conversationId").s();
    String last = "Deletable" + UUID.randomUUID().toString().substring(0, 8);
    ok(200, "PATCH", "/customers/" + customerId, Http.json(Map.of("firstName", "Delia", "lastName", last)));
    ok(200, "POST", "/conversations/" + conversationId + "/read", "{}");
    Eventually.await("the message and the customer in the index", Duration.ofSeconds(60), () ->
        search(Map.of("match", Map.of("text", word))).size() == 1 && search(Map.of("match", Map.of("name", last))).size() == 1);
    assertTrue(conversationIdsListed("status=all&limit=100").contains(conversationId));

    JsonNode job = ok(202, "DELETE", "/customers/" + customerId, null);
    assertEquals(customerId, job.path("customerId").asText());
    // gone from every list at once, whatever the job has done yet
    assertEquals(404, call("GET", "/customers/" + customerId, null).status());
    assertEquals(404, call("GET", "/conversations/" + conversationId, null).status());
    assertEquals(404, call("DELETE", "/customers/" + customerId, null).status());
    assertFalse(ok(200, "GET", "/customers?q=" + URLEncoder.encode(last, StandardCharsets.UTF_8), null).path("customers")
        .elements().hasNext(), "not in the customer list");
    assertFalse(conversationIdsListed("status=all&limit=100").contains(conversationId), "not in the conversation lists");
    assertFalse(conversationIdsListed("assignee=unassigned&status=all&limit=100").contains(conversationId));
    assertNull(LocalAws.item("A#" + DEALERSHIP + "#PHONE#" + number, "PHONE"), "the number's guard");

    JsonNode done = awaitCompleted(job.path("jobId").asText());
    assertEquals(done.path("total").asInt(), done.path("processed").asInt());
    assertEquals(0, itemsUnder("A#" + DEALERSHIP + "#CONV#" + conversationId), "timeline and read states");
    assertEquals(0, itemsUnder("A#" + DEALERSHIP + "#C#" + customerId), "the profile");
    assertNull(LocalAws.item(first.get("PK").s(), "INBOUND"));
    Eventually.await("the message and the customer out of the index", Duration.ofSeconds(60), () ->
        search(Map.of("match", Map.of("text", word))).isEmpty() && search(Map.of("match", Map.of("name", last))).isEmpty());

    // their next text: a new profile, a new conversation
    Map<String, AttributeValue> again = Carrier.textIn(number, "Hello again");
    assertNotEquals(customerId, again.get("customerId").s());
    assertNotEquals(conversationId, again.get("conversationId").s());
    JsonNode fresh = ok(200, "GET", "/customers/" + again.get("customerId").s(), null);
    assertEquals(number, fresh.path("mobile").asText());
    assertFalse(fresh.has("lastName"), "nothing of the deleted profile came back");
    assertEquals(again.get("conversationId").s(), fresh.path("activeConversationId").asText());
    assertEquals(200, call("GET", "/conversations/" + again.get("conversationId").s(), null).status());
  }

  @Test
  void aLongHistoryIsFullyDeletedByTheJob() {
    String number = "+15145550174";
    Map<String, AttributeValue> first = Carrier.textIn(number, "First of many");
    String customerId = first.get("customerId").s();
    String conversationPk = "A#" + DEALERSHIP + "#CONV#" + first.get("conversationId").s();
    // a few hundred more timeline items, as years of texts would leave (written straight to the table)
    List<WriteRequest> writes = new ArrayList<>();
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < 420; i++) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("PK", AttributeValue.fromS(conversationPk));
      item.put("SK", AttributeValue.fromS("T#" + start.plusSeconds(i * 3600L) + "#msg-old-" + i));
      item.put("type", AttributeValue.fromS(i % 3 == 0 ? "Note" : "Message"));
      item.put("body", AttributeValue.fromS("old text " + i));
      writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
    }
    for (int from = 0; from < writes.size(); from += 25) {
      List<WriteRequest> chunk = writes.subList(from, Math.min(writes.size(), from + 25));
      LocalAws.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(LocalAws.table(), chunk)));
    }
    assertTrue(itemsUnder(conversationPk) > 420);

    JsonNode job = ok(202, "DELETE", "/customers/" + customerId, null);
    awaitCompleted(job.path("jobId").asText());
    assertEquals(0, itemsUnder(conversationPk), "every timeline item is gone");
    assertEquals(0, itemsUnder("A#" + DEALERSHIP + "#C#" + customerId));
    assertNull(LocalAws.item(first.get("PK").s(), "INBOUND"));
    assertNull(LocalAws.item("A#" + DEALERSHIP + "#PHONE#" + number, "PHONE"));
  }

  @Test
  void aCustomerNeverTextedIsDeletedWithNothingLeft() {
    String id = ok(201, "POST", "/customers", Http.json(Map.of("firstName", "Nemo", "mobile", "+15145550175", "reference", "DEL-175")))
        .path("id").asText();
    assertEquals(204, call("DELETE", "/customers/" + id, null).status());
    assertEquals(404, call("GET", "/customers/" + id, null).status());
    ok(201, "POST", "/customers", Http.json(Map.of("firstName", "Again", "mobile", "+15145550175", "reference", "DEL-175")));
  }

  /** Every customers route: ids beyond what a key holds, '%', emoji; unknown fields; wrong types: 4xx, never 500. */
  @Test
  void badInputOnEveryCustomersRouteIsA400Or404NeverA500() {
    List<String> ids = List.of("c".repeat(3000), "cust-%25", "cust-%F0%9F%98%80", "%F0%9F%98%80".repeat(600), "a%23b");
    List<String[]> routes = List.of(new String[] {"GET", "/customers/%s"}, new String[] {"PATCH", "/customers/%s"},
        new String[] {"DELETE", "/customers/%s"}, new String[] {"GET", "/customers/%s/conversations"},
        new String[] {"POST", "/customers/%s/unsubscribe"}, new String[] {"POST", "/customers/%s/resubscribe"},
        new String[] {"PATCH", "/customers/%s/attributes"}, new String[] {"POST", "/conversations/%s/unsubscribe-customer"},
        new String[] {"GET", "/customer-deletions/%s"}, new String[] {"POST", "/customers/%s/messages"});
    for (String[] route : routes) {
      for (String id : ids) {
        Http.Response response = call(route[0], String.format(route[1], id), route[0].equals("GET") || route[0].equals("DELETE")
            ? null : "{}");
        assertTrue(response.status() == 404 || response.status() == 400,
            route[0] + " " + route[1] + " with an id of " + id.length() + " characters: " + response.status() + " " + response.body());
      }
    }
    String id = ok(201, "POST", "/customers", Http.json(Map.of("firstName", "Bad", "lastName", "Input"))).path("id").asText();
    Map<String, String> bodies = Map.of(
        "{\"nickname\":\"x\"}", "nickname", "{\"firstName\":42}", "firstName", "{\"otherPhones\":\"514\"}", "otherPhones",
        "{\"attributes\":[1]}", "attributes", "{\"language\":true}", "language");
    bodies.forEach((body, field) -> {
      Http.Response response = call("PATCH", "/customers/" + id, body);
      assertEquals(400, response.status(), body + ": " + response.body());
      assertEquals(field, response.json().path("error").path("field").asText(), body);
    });
    assertEquals(400, call("POST", "/customers", "{\"firstName\":\"A\",\"extra\":1}").status());
    assertEquals(400, call("POST", "/customers", "[]").status());
    assertEquals(400, call("POST", "/customers/unsubscribe", "{\"customerIds\":\"cust-1\"}").status());
    assertEquals(400, call("POST", "/customers/unsubscribe", "{\"customerIds\":[1]}").status());
    assertEquals(404, call("POST", "/customers/unsubscribe", Http.json(Map.of("customerIds", List.of("c".repeat(2000))))).status());
    assertEquals(400, call("GET", "/customers?q=" + "x".repeat(200), null).status());
    assertEquals(400, call("GET", "/customers?cursor=" + "x".repeat(3000), null).status());
  }
}
