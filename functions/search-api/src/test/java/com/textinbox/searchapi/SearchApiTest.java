package com.textinbox.searchapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.Cursors;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.testing.SampleEvents;
import com.textinbox.shared.testing.TestCursors;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.MgetRequest;
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
  private final List<String> zonesRead = new ArrayList<>();
  private final SearchApi api = new SearchApi(new OpenSearchClient(transport), "inbox", TestCursors.codec(), accountId -> {
    zonesRead.add(accountId);
    return ZoneId.of("America/Toronto");
  });

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
    // a parameter the route does not document is refused before anything is searched (decision 55)
    assertEquals(400, response.path("statusCode").asInt(), response.toString());
    assertTrue(response.path("body").asText().contains("\"field\":\"accountId\""), response.toString());
    JsonNode without = invoke(sample().replace("\"types\": \"customer,message\"", "\"types\": \"customer\""));
    assertEquals(200, without.path("statusCode").asInt(), without.toString());
    String query = ((MsearchRequest) transport.calls.getLast().request()).searches().getFirst().body().query().toJsonString();
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

  private static String fullPageOfCustomers() {
    StringBuilder hits = new StringBuilder();
    for (int i = 0; i < SearchInput.PAGE_SIZE; i++) {
      hits.append(i == 0 ? "" : ",").append("""
          {"_index": "inbox-1", "_id": "c%d", "_score": 1.0, "_source": {"accountId": "acct-maple-motors", "kind": "customer", "id": "c%d"}}"""
          .formatted(i, i));
    }
    return "{\"took\": 1, \"responses\": [{\"took\": 1, \"timed_out\": false, \"_shards\": {\"total\": 1, \"successful\": 1, \"skipped\": 0, \"failed\": 0}, \"hits\": {\"total\": {\"value\": 25, \"relation\": \"eq\"}, \"hits\": ["
        + hits + "]}, \"status\": 200}]}";
  }

  private static String withCursor(String event, String cursor) {
    return event.replace("\"types\": \"customer\"", "\"types\": \"customer\", \"cursor\": \"" + cursor + "\"");
  }

  @Test
  void aFullPageGivesASignedCursorThatContinuesThatGroupWithTheSameFiltersOnly() {
    transport.answer = call -> fullPageOfCustomers();
    String first = sample().replace("customer,message", "customer");
    String cursor = SampleEvents.body(invoke(first)).path("groups").get(0).path("nextCursor").asText();
    assertFalse(cursor.isEmpty());

    JsonNode next = invoke(withCursor(first, cursor));
    assertEquals(200, next.path("statusCode").asInt(), next.toString());
    MsearchRequest second = (MsearchRequest) transport.calls.getLast().request();
    assertEquals(10, second.searches().getFirst().body().from(), "the next page of the group");

    int searched = transport.calls.size();
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("another q", withCursor(first, cursor).replace("\"q\": \"Chloe\"", "\"q\": \"Roy\""));
    refused.put("other types", withCursor(first, cursor).replace("\"types\": \"customer\"", "\"types\": \"customer,invoice\""));
    refused.put("another company", withCursor(first, cursor).replace("acct-maple-motors", "acct-harbor-clinic"));
    refused.put("another user", withCursor(first, cursor).replace("\"userId\": \"user-bruno\"", "\"userId\": \"user-ana\""));
    char mac = cursor.charAt(5); // a character of the MAC (the last one's low bits may be padding)
    refused.put("tampered", withCursor(first, cursor.substring(0, 5) + (mac == 'A' ? 'B' : 'A') + cursor.substring(6)));
    String position = new String(java.util.Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
    refused.put("another position", withCursor(first, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        position.replace("customer:10", "customer:20").getBytes(StandardCharsets.ISO_8859_1))));
    // the former unsigned form, {"t":"customer","f":10}: a position alone is no cursor
    refused.put("unsigned", withCursor(first, java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"t\":\"customer\",\"f\":10}".getBytes(StandardCharsets.UTF_8))));
    refused.put("signed by another stage", withCursor(first, new Cursors("another-stage-key-of-at-least-32-characters!")
        .encode(new ApiRequest("GET", "/search", "/search", Map.of(), Map.of("q", "Chloe", "types", "customer"), Map.of(), null,
            new Caller("acct-maple-motors", "user-bruno", Role.USER, null)), SearchInput.position(SearchType.CUSTOMER, 10))));
    refused.forEach((why, event) -> {
      JsonNode response = invoke(event);
      assertEquals(400, response.path("statusCode").asInt(), why + ": " + response);
      assertEquals("cursor", SampleEvents.body(response).path("error").path("field").asText(), why + ": " + response);
    });
    assertEquals(searched, transport.calls.size(), "a refused cursor searches nothing");
  }

  @Test
  void aDayIsReadInTheCompanysZoneWhichIsReadOnlyThen() {
    transport.answer = call -> "{\"took\": 1, \"responses\": [" + CUSTOMERS.replace("\"value\": 1", "\"value\": 0") + "]}";
    invoke(sample().replace("\"types\": \"customer,message\"", "\"types\": \"customer\""));
    assertEquals(List.of(), zonesRead, "no day, no read of the account");
    invoke(sample().replace("\"q\": \"Chloe\"", "\"q\": \"2026-12-05\"").replace("\"types\": \"customer,message\"", "\"types\": \"customer\""));
    assertEquals(List.of(), zonesRead, "a day, but no appointments asked");
    JsonNode response = invoke(sample().replace("\"q\": \"Chloe\"", "\"q\": \"2026-12-05\"")
        .replace("\"types\": \"customer,message\"", "\"types\": \"appointment\""));
    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    assertEquals(List.of("acct-maple-motors"), zonesRead, "the caller's company, once");
    String query = ((MsearchRequest) transport.calls.getLast().request()).searches().getFirst().body().query().toJsonString();
    assertTrue(query.contains("\"gte\":\"2026-12-05T05:00:00Z\"") && query.contains("\"lt\":\"2026-12-06T05:00:00Z\""), query);
  }

  @Test
  void aMessageOfAProfileMergedAwayShowsUnderTheSurvivor() {
    String loserMessage = MESSAGES.replace("cust-john", "cust-annie");
    String forwarding = """
        {"docs": [
          {"_index": "inbox-1", "_id": "A#acct-maple-motors#C#cust-annie|PROFILE", "found": false},
          {"_index": "inbox-1", "_id": "A#acct-maple-motors#C#cust-annie|MERGED", "found": true,
           "_source": {"accountId": "acct-maple-motors", "kind": "merged", "id": "cust-annie", "customerId": "cust-bea"}}]}""";
    String survivor = """
        {"docs": [
          {"_index": "inbox-1", "_id": "A#acct-maple-motors#C#cust-bea|PROFILE", "found": true,
           "_source": {"accountId": "acct-maple-motors", "kind": "customer", "id": "cust-bea", "customerId": "cust-bea",
                       "name": "Bea Dms", "phone": "+15145550711"}},
          {"_index": "inbox-1", "_id": "A#acct-maple-motors#C#cust-bea|MERGED", "found": false}]}""";
    transport.answer = call -> {
      if (call.url().endsWith("_msearch")) {
        return "{\"took\": 1, \"responses\": [" + loserMessage + "]}";
      }
      return transport.calls.stream().filter(c -> c.url().endsWith("_mget")).count() == 1 ? forwarding : survivor;
    };
    JsonNode response = invoke(sample().replace("\"types\": \"customer,message\"", "\"types\": \"message\""));
    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    JsonNode hit = SampleEvents.body(response).path("groups").get(0).path("items").get(0);
    assertEquals("cust-bea", hit.path("customerId").asText(), "the survivor, not the profile merged away");
    assertEquals("Bea Dms", hit.path("customerName").asText());
    assertEquals("+15145550711", hit.path("customerPhone").asText());
    assertEquals("conv-john", hit.path("conversationId").asText(), "its (now archived) conversation");
    List<?> firstIds = ((MgetRequest) transport.calls.get(1).request()).ids();
    assertEquals(List.of("A#acct-maple-motors#C#cust-annie|PROFILE", "A#acct-maple-motors#C#cust-annie|MERGED"), firstIds,
        "the profile and its forwarding document in one read");
    assertEquals(3, transport.calls.size(), "one _msearch, then one _mget per hop");
  }
}
