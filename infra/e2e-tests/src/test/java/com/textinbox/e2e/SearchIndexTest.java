package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's stream feeds the search index: DynamoDB -> stream -> SearchIndexer -> OpenSearch
 * (alias {@code inbox}, made by the indexer itself), read here directly on the local OpenSearch's
 * own plain-http port (the engine's, not the domain the functions reach over TLS), always filtered
 * by account as the search API is. SearchTest searches through the API.
 */
class SearchIndexTest {
  private static final String DEALERSHIP = "acct-maple-motors";
  private static final String CLINIC = "acct-harbor-clinic";
  private static final Duration INDEXED = Duration.ofSeconds(60);

  private static String openSearch() {
    return LocalCloudProcess.endpoints().path("aws").path("opensearch").asText();
  }

  /** The hits of a query, restricted to one account, after a refresh so what was indexed is visible. */
  private static List<JsonNode> search(String accountId, Map<String, Object> query) {
    Http.Response refreshed = Http.post(openSearch() + "/inbox/_refresh", null, "");
    assertEquals(200, refreshed.status(), refreshed.body());
    Http.Response response = Http.post(openSearch() + "/inbox/_search", null, Http.json(Map.of(
        "size", 20,
        "query", Map.of("bool", Map.of("must", List.of(query), "filter", List.of(Map.of("term", Map.of("accountId", accountId))))))));
    assertEquals(200, response.status(), response.body());
    List<JsonNode> hits = new java.util.ArrayList<>();
    response.json().path("hits").path("hits").forEach(hit -> hits.add(hit.path("_source")));
    return hits;
  }

  private static JsonNode onlyHit(String what, String accountId, Map<String, Object> query) {
    return Eventually.await(what, INDEXED, () -> {
      List<JsonNode> hits = search(accountId, query);
      return hits.size() == 1 ? hits.getFirst() : null;
    });
  }

  @Test
  void theDemoCustomersAreSearchableByNameAndPartOfTheirNumberWithinTheirAccountOnly() {
    JsonNode marie = onlyHit("Marie Lambert in the index", DEALERSHIP, Map.of("match", Map.of("name", "lambert")));
    assertEquals("customer", marie.path("kind").asText());
    assertEquals("cust-marie", marie.path("id").asText());
    assertEquals("Marie Lambert", marie.path("name").asText());
    assertEquals(DEALERSHIP, marie.path("accountId").asText());
    assertEquals("+15145550111", marie.path("phone").asText());

    assertEquals("cust-marie", onlyHit("Marie by the last 7 digits of her number", DEALERSHIP,
        Map.of("term", Map.of("phones", "5550111"))).path("id").asText());
    assertEquals("Nina Patel", onlyHit("the clinic's customer", CLINIC, Map.of("match", Map.of("name", "patel")))
        .path("name").asText());

    assertEquals(List.of(), search(CLINIC, Map.of("match", Map.of("name", "lambert"))), "the clinic never sees the dealership's customers");
    assertEquals(List.of(), search(DEALERSHIP, Map.of("match", Map.of("name", "patel"))), "nor the other way round");
  }

  @Test
  void theIndexIsMadeByTheStackBehindItsAliasWithItsMapping() {
    onlyHit("Marie Lambert in the index", DEALERSHIP, Map.of("match", Map.of("name", "lambert")));
    String index = Http.get(openSearch() + "/_alias/inbox", null).json().fieldNames().next();
    assertTrue(index.startsWith("inbox-"), index);
    JsonNode mapping = Http.get(openSearch() + "/" + index + "/_mapping", null).json().path(index).path("mappings");
    assertEquals("strict", mapping.path("dynamic").asText());
    assertEquals("folded_prefixes", mapping.path("properties").path("name").path("fields").path("prefix").path("analyzer").asText());
    assertEquals("french_folded", mapping.path("properties").path("text").path("fields").path("fr").path("analyzer").asText());
  }

  @Test
  void aTextFromACustomerBecomesSearchableByAWordOfItsBodyWithItsConversation() {
    String word = "windshield" + UUID.randomUUID().toString().replace("-", "");
    Http.Response sent = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null, Http.json(Map.of(
        "from", "+15145550112", "to", LocalCloudProcess.endpoints().path("companyNumber").asText(),
        "body", "Hello, is the " + word + " replaced yet?")));
    assertEquals(202, sent.status(), sent.body());

    JsonNode message = onlyHit("the text in the index", DEALERSHIP, Map.of("match", Map.of("text", word.toUpperCase())));
    assertEquals("message", message.path("kind").asText());
    assertTrue(message.path("id").asText().startsWith("msg-"), message.toString());
    assertEquals("conv-demo-john", message.path("conversationId").asText());
    assertEquals("INBOUND", message.path("direction").asText());
    assertEquals("Hello, is the " + word + " replaced yet?", message.path("text").asText());
    assertTrue(message.hasNonNull("at"));
    assertEquals(List.of(), search(CLINIC, Map.of("match", Map.of("text", word))), "another account never sees it");
  }

  @Test
  void aCustomerDeletedFromTheTableLeavesTheIndex() {
    String customerId = "cust-e2e-" + UUID.randomUUID();
    String lastName = "Zumthor" + UUID.randomUUID().toString().substring(0, 8).replaceAll("\\d", "x");
    Map<String, AttributeValue> key = Map.of(
        "PK", AttributeValue.fromS("A#" + DEALERSHIP + "#C#" + customerId), "SK", AttributeValue.fromS("PROFILE"));
    Map<String, AttributeValue> item = new java.util.HashMap<>(key);
    item.putAll(Map.of("type", AttributeValue.fromS("Customer"), "customerId", AttributeValue.fromS(customerId),
        "firstName", AttributeValue.fromS("Léa"), "lastName", AttributeValue.fromS(lastName),
        "mobile", AttributeValue.fromS("+15145550177")));
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(item));
    Map<String, Object> byName = Map.of("match", Map.of("name", lastName.toLowerCase() + " lea"));
    assertEquals(customerId, onlyHit("the new customer in the index", DEALERSHIP, byName).path("id").asText());

    LocalAws.dynamoDb().deleteItem(b -> b.tableName(LocalAws.table()).key(key));

    Eventually.await("the deleted customer to leave the index", INDEXED, () -> search(DEALERSHIP, byName).isEmpty());
  }

  @Test
  void anItemTheIndexCannotTakeIsDescribedInTheDlqAndTheStreamMovesOn() {
    int before = LocalAws.visibleMessages("SearchIndexerDLQ");
    // a customer profile whose key names no customer id the way profiles do: its account cannot be told for sure
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(Map.of(
        "PK", AttributeValue.fromS("A#" + DEALERSHIP + "#C#broken#" + UUID.randomUUID()), "SK", AttributeValue.fromS("PROFILE"),
        "type", AttributeValue.fromS("Customer"), "firstName", AttributeValue.fromS("Broken"))));
    Eventually.await("the batch given up on in SearchIndexerDLQ", INDEXED, () -> LocalAws.visibleMessages("SearchIndexerDLQ") > before);

    String lastName = "Quellet" + UUID.randomUUID().toString().substring(0, 6).replaceAll("\\d", "q");
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(Map.of(
        "PK", AttributeValue.fromS("A#" + DEALERSHIP + "#C#cust-after-" + UUID.randomUUID()), "SK", AttributeValue.fromS("PROFILE"),
        "type", AttributeValue.fromS("Customer"), "firstName", AttributeValue.fromS("After"), "lastName", AttributeValue.fromS(lastName))));
    onlyHit("a customer written after the bad item", DEALERSHIP, Map.of("match", Map.of("name", lastName)));
  }
}
