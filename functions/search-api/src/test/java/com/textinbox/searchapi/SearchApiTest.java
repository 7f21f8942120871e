package com.textinbox.searchapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.testing.SampleEvents;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.MsearchRequest;

/** events/search-api/search.json and its variants through the real handler, the index faked at the transport. */
class SearchApiTest {
  private static final String CUSTOMERS = """
      {"took": 3, "timed_out": false, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0}, "hits": {"total": {"value": 1, "relation": "eq"}, "hits": [
        {"_index": "inbox-1", "_id": "A#acct-maple-motors#C#cust-chloe|PROFILE", "_score": 2.0,
         "_source": {"accountId": "acct-maple-motors", "kind": "customer", "id": "cust-chloe", "customerId": "cust-chloe",
                     "name": "Chloé Roy", "phone": "+15145550115", "phones": ["15145550115"]},
         "highlight": {"name": ["<em>Chloé</em> Roy"], "name.prefix": ["<em>Chloé</em> Roy"]}}]}, "status": 200}""";
  private static final String MESSAGES = """
      {"took": 2, "timed_out": false, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0}, "hits": {"total": {"value": 1, "relation": "eq"}, "hits": [
        {"_index": "inbox-1", "_id": "A#acct-maple-motors#CONV#conv-john|T#2026-11-21T14:03:00Z#msg-1", "_score": 1.0,
         "_source": {"accountId": "acct-maple-motors", "kind": "message", "id": "msg-1", "conversationId": "conv-john",
                     "customerId": "cust-john", "text": "Chloe will pick the car up", "direction": "INBOUND", "at": "2026-11-21T14:03:00Z"},
         "highlight": {"text.fr": ["<em>Chloe</em> will pick the car up"]}}]}, "status": 200}""";
  private static final String MGET = """
      {"docs": [{"_index": "inbox-1", "_id": "A#acct-maple-motors#C#cust-john|PROFILE", "found": true,
                 "_source": {"accountId": "acct-maple-motors", "kind": "customer", "id": "cust-john", "customerId": "cust-john",
                             "name": "John Smith", "phone": "+15145550112"}}]}""";

  private final FakeTransport transport = new FakeTransport();
  private final SearchApi api = new SearchApi(new OpenSearchClient(transport), "inbox");

  private JsonNode invoke(String event) {
    return SampleEvents.invokeRaw(api, event.getBytes(StandardCharsets.UTF_8));
  }

  private static String sample() {
    return new String(com.textinbox.shared.testing.RepositoryFiles.bytes("events/search-api/search.json"), StandardCharsets.UTF_8);
  }

  @Test
  void theSampleSearchFindsCustomersAndMessagesOfTheCallersCompanyWithHighlightsAndCustomerNames() {
    transport.answer = call -> call.url().endsWith("_msearch") ? "{\"took\": 5, \"responses\": [" + CUSTOMERS + ", " + MESSAGES + "]}" : MGET;
    JsonNode response = SampleEvents.invoke(api, "search-api/search.json");
    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    JsonNode body = SampleEvents.body(response);
    assertEquals("Chloe", body.path("query").asText());
    assertEquals(2, body.path("groups").size());

    JsonNode customers = body.path("groups").get(0);
    assertEquals("customer", customers.path("type").asText());
    assertEquals(1, customers.path("total").asInt());
    assertTrue(customers.path("nextCursor").isMissingNode() || customers.path("nextCursor").isNull());
    JsonNode chloe = customers.path("items").get(0);
    assertEquals("cust-chloe", chloe.path("id").asText());
    assertEquals("Chloé Roy", chloe.path("customerName").asText());
    assertEquals("+15145550115", chloe.path("customerPhone").asText());
    assertEquals("[\"<em>Chloé</em> Roy\"]", chloe.path("highlights").path("name").toString(), "sub-fields merged under their field");

    JsonNode message = body.path("groups").get(1).path("items").get(0);
    assertEquals("message", message.path("type").asText());
    assertEquals("conv-john", message.path("conversationId").asText());
    assertEquals("John Smith", message.path("customerName").asText(), "read from the index by id, not from the table");
    assertEquals("<em>Chloe</em> will pick the car up", message.path("highlights").path("text").get(0).asText());

    assertEquals(2, transport.calls.size(), "one _msearch, one _mget");
    MsearchRequest msearch = (MsearchRequest) transport.calls.getFirst().request();
    assertEquals(2, msearch.searches().size());
    for (var search : msearch.searches()) {
      assertEquals("inbox", search.header().index().getFirst());
      String query = search.body().query().toJsonString();
      assertTrue(query.contains("\"accountId\":{\"value\":\"acct-maple-motors\"}"), query);
    }
  }

  @Test
  void theAccountIsTheTokensWhateverTheQuerySays() {
    transport.answer = call -> "{\"took\": 1, \"responses\": [" + CUSTOMERS.replace("\"value\": 1", "\"value\": 0") + "]}";
    String event = sample().replace("\"types\": \"customer,message\"", "\"types\": \"customer\", \"accountId\": \"acct-harbor-clinic\"");
    JsonNode response = invoke(event);
    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    String query = ((MsearchRequest) transport.calls.getFirst().request()).searches().getFirst().body().query().toJsonString();
    assertTrue(query.contains("acct-maple-motors"), query);
    assertFalse(query.contains("acct-harbor-clinic"), query);
  }

  @Test
  void freeUsersGet403AndReachNothing() {
    JsonNode response = invoke(sample().replace("\"role\": \"user\"", "\"role\": \"free\""));
    assertEquals(403, response.path("statusCode").asInt(), response.toString());
    assertTrue(transport.calls.isEmpty());
  }

  @Test
  void badInputIsA400AndReachesNothing() {
    for (String q : new String[] {"", "*", "\\\"*\\\"", "a".repeat(1000)}) {
      JsonNode response = invoke(sample().replace("\"q\": \"Chloe\"", "\"q\": \"" + q + "\""));
      assertEquals(400, response.path("statusCode").asInt(), q + " -> " + response);
      assertEquals("q", SampleEvents.body(response).path("error").path("field").asText(), response.toString());
    }
    assertTrue(transport.calls.isEmpty());
  }

  @Test
  void anIndexThatCannotBeReachedIsA503NotA500() {
    transport.answer = call -> null;
    JsonNode response = SampleEvents.invoke(api, "search-api/search.json");
    assertEquals(503, response.path("statusCode").asInt(), response.toString());
  }

  @Test
  void aFullPageGivesTheCursorOfTheNext() {
    StringBuilder hits = new StringBuilder();
    for (int i = 0; i < SearchInput.PAGE_SIZE; i++) {
      hits.append(i == 0 ? "" : ",").append("""
          {"_index": "inbox-1", "_id": "c%d", "_score": 1.0, "_source": {"accountId": "acct-maple-motors", "kind": "customer", "id": "c%d"}}"""
          .formatted(i, i));
    }
    transport.answer = call -> "{\"took\": 1, \"responses\": [{\"took\": 1, \"timed_out\": false, \"_shards\": {\"total\": 1, \"successful\": 1, \"skipped\": 0, \"failed\": 0}, \"hits\": {\"total\": {\"value\": 25, \"relation\": \"eq\"}, \"hits\": ["
        + hits + "]}, \"status\": 200}]}";
    JsonNode body = SampleEvents.body(invoke(sample().replace("customer,message", "customer")));
    String cursor = body.path("groups").get(0).path("nextCursor").asText();
    assertEquals(java.util.Map.of(SearchType.CUSTOMER, 10), SearchInput.of("x", null, cursor).from());
    assertNull(Json.read("{}").get("nextCursor"));
  }
}
