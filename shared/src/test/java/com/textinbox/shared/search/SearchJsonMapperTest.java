package com.textinbox.shared.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.json.Json;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.MgetResponse;
import org.opensearch.client.opensearch.core.MsearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.msearch.MultiSearchResponseItem;
import org.opensearch.client.opensearch.core.msearch.RequestItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.HighlightField;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * {@link SearchJsonMapper} (decision 68) against the mapper the client had before, the client's
 * {@code JacksonJsonpMapper} over the functions' ObjectMapper: every request the search functions
 * send (the indexer's and the rebuild's bulks, the search's {@code _msearch} and {@code _mget}) is
 * the same bytes on the wire, and every answer they read (bulk items, hits with their
 * {@code _source} and highlights, {@code _mget} documents) the same values of the same classes.
 * Both go through the real SigV4 transport, over an HTTP client that keeps the body and answers.
 */
class SearchJsonMapperTest {
  private static final JsonpMapper BEFORE = new JacksonJsonpMapper(Json.mapper());
  private static final JsonpMapper NOW = new SearchJsonMapper();

  /** Every shape a {@code _source} can have: what the documents hold, and what they might. */
  private static final String SOURCE = """
      {"accountId": "acct-maple-motors", "kind": "invoice", "id": "INV-7", "amount": 1234.5, "cents": 123450,
       "big": 9007199254740993, "huge": 123456789012345678901234567890, "exp": 1e3, "negative": -0.25,
       "paid": false, "note": null, "phones": ["15145550115", "5145550115"], "empty": [], "nested": {"a": [1, {"b": true}]},
       "text": "Chlo\\u00e9 \\"quoted\\"\\nline \\ud83d\\ude00"}""";

  @Test
  void theBulksOfTheIndexerAndTheRebuildAreTheSameBytesAndAnswers() throws IOException {
    Map<String, Object> invoice = new LinkedHashMap<>();
    invoice.put("accountId", "acct-maple-motors");
    invoice.put("kind", "invoice");
    invoice.put("amount", new BigDecimal("1234.50"));
    invoice.put("currency", "CAD");
    invoice.put("status", null); // left out, as the ObjectMapper's NON_NULL did
    Map<String, Object> message = Map.of("kind", "message", "text", "Chloé \"will\" pick\nit up 😀 <b>&amp;</b>");
    List<Map<String, Object>> documents = List.of(
        SearchDocuments.of(SearchDocumentsTest.customer()).orElseThrow().fields(), invoice, message,
        Map.of("kind", "priming", "names", List.of("priming")));
    List<BulkOperation> operations = new ArrayList<>();
    for (Map<String, Object> document : documents) {
      operations.add(BulkOperation.of(o -> o.index(i -> i.index("inbox").id("doc|" + operations.size()).document(document))));
      operations.add(BulkOperation.of(o -> o.create(c -> c.index("inbox-2").id("doc|" + operations.size()).document(document))));
    }
    operations.add(BulkOperation.of(o -> o.delete(d -> d.index("inbox").id("gone"))));
    String answer = """
        {"took": 1, "errors": true, "items": [
         {"index": {"_index": "inbox-1", "_id": "doc|0", "_version": 2, "result": "updated", "status": 200,
                    "_seq_no": 3, "_primary_term": 1, "_shards": {"total": 1, "successful": 1, "failed": 0}}},
         {"create": {"_index": "inbox-2", "_id": "doc|1", "status": 409,
                     "error": {"type": "version_conflict_engine_exception", "reason": "[doc|1]: version conflict", "index": "inbox-2"}}},
         {"delete": {"_index": "inbox-1", "_id": "gone", "_version": 1, "result": "not_found", "status": 404,
                     "_seq_no": 4, "_primary_term": 1, "_shards": {"total": 1, "successful": 1, "failed": 0}}}]}""";

    Exchange<BulkResponse> before = exchange(BEFORE, answer, client -> client.bulk(b -> b.operations(operations)));
    Exchange<BulkResponse> now = exchange(NOW, answer, client -> client.bulk(b -> b.operations(operations)));

    assertEquals(before.body(), now.body());
    assertTrue(now.body().contains("\"amount\":1234.50"), now.body());
    assertEquals(items(before.response()), items(now.response()));
    assertEquals(List.of("index doc|0 200 null", "create doc|1 409 version_conflict_engine_exception", "delete gone 404 null"),
        items(now.response()));
  }

  @Test
  void aSearchSendsTheSameQueriesAndReadsTheSameSourcesAndHighlights() throws IOException {
    List<RequestItem> searches = List.of(RequestItem.of(r -> r.header(h -> h.index("inbox")).body(b -> b
        .query(Query.of(q -> q.bool(o -> o
            .filter(f -> f.term(t -> t.field("accountId").value(FieldValue.of("acct-maple-motors"))))
            .should(s -> s.match(m -> m.field("name").query(FieldValue.of("Chloé")).operator(Operator.And)
                .fuzziness("1").prefixLength(1).maxExpansions(20)))
            .should(s -> s.range(g -> g.field("at").gte(JsonData.of("2026-12-05T05:00:00Z")).lt(JsonData.of("2026-12-06T05:00:00Z"))))
            .should(s -> s.term(t -> t.field("amount").value(FieldValue.of(1234.5))))
            .minimumShouldMatch("1"))))
        .from(20).size(20)
        .highlight(h -> h.fields("name", HighlightField.of(f -> f.numberOfFragments(3).fragmentSize(120))).preTags("<em>")))));
    String answer = """
        {"took": 4, "responses": [
         {"took": 3, "timed_out": false, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
          "hits": {"total": {"value": 2, "relation": "eq"}, "max_score": 2.0, "hits": [
           {"_index": "inbox-1", "_id": "a", "_score": 2.0, "_source": %s, "highlight": {"name": ["<em>Chloé</em> Roy"]}},
           {"_index": "inbox-1", "_id": "b", "_score": 1.0, "_source": {}}]}, "status": 200},
         {"error": {"root_cause": [], "type": "index_not_found_exception", "reason": "no such index [inbox]"}, "status": 404}]}"""
        .formatted(SOURCE);

    Exchange<MsearchResponse<Map>> before = exchange(BEFORE, answer, client -> client.msearch(m -> m.searches(searches), Map.class));
    Exchange<MsearchResponse<Map>> now = exchange(NOW, answer, client -> client.msearch(m -> m.searches(searches), Map.class));

    assertEquals(before.body(), now.body());
    List<Hit<Map>> beforeHits = before.response().responses().getFirst().result().hits().hits();
    List<Hit<Map>> nowHits = now.response().responses().getFirst().result().hits().hits();
    assertEquals(beforeHits.size(), nowHits.size());
    for (int h = 0; h < nowHits.size(); h++) {
      assertEquals(typed(beforeHits.get(h).source()), typed(nowHits.get(h).source()));
      assertEquals(beforeHits.get(h).highlight(), nowHits.get(h).highlight());
    }
    assertEquals("java.lang.Double:1234.5", typed(nowHits.getFirst().source().get("amount")));
    assertEquals("java.math.BigInteger:123456789012345678901234567890", typed(nowHits.getFirst().source().get("huge")));
    MultiSearchResponseItem<Map> failed = now.response().responses().get(1);
    assertTrue(failed.isFailure());
    assertEquals("index_not_found_exception", failed.failure().error().type());
  }

  @Test
  void anMgetReadsTheSameDocumentsFoundOrNot() throws IOException {
    String answer = """
        {"docs": [
         {"_index": "inbox-1", "_id": "A#acct-maple-motors#C#cust-john|PROFILE", "_version": 1, "_seq_no": 0, "_primary_term": 1,
          "found": true, "_source": %s},
         {"_index": "inbox-1", "_id": "A#acct-maple-motors#C#cust-john|MERGED", "found": false}]}""".formatted(SOURCE);
    List<String> ids = List.of("A#acct-maple-motors#C#cust-john|PROFILE", "A#acct-maple-motors#C#cust-john|MERGED");

    Exchange<MgetResponse<Map>> before = exchange(BEFORE, answer, client -> client.mget(m -> m.index("inbox").ids(ids), Map.class));
    Exchange<MgetResponse<Map>> now = exchange(NOW, answer, client -> client.mget(m -> m.index("inbox").ids(ids), Map.class));

    assertEquals(before.body(), now.body());
    assertEquals(typed(before.response().docs().getFirst().result().source()), typed(now.response().docs().getFirst().result().source()));
    assertTrue(now.response().docs().get(1).result().source() == null && !now.response().docs().get(1).result().found());
  }

  record NotADocument(String id) {}

  @Test
  void anyOtherDocumentTypeIsRefusedNamingIt() {
    List<BulkOperation> operations = List.of(
        BulkOperation.of(o -> o.index(i -> i.index("inbox").id("r").document(new NotADocument("r")))));
    Exception written = assertThrows(IllegalArgumentException.class,
        () -> exchange(NOW, "{}", client -> client.bulk(b -> b.operations(operations))));
    assertTrue(written.getMessage().contains(NotADocument.class.getName()), written.getMessage());
    Map<String, Object> nested = Map.of("at", java.time.Instant.EPOCH);
    Exception inside = assertThrows(IllegalArgumentException.class,
        () -> exchange(NOW, "{}", client -> client.bulk(b -> b.operations(o -> o.index(i -> i.index("inbox").id("n").document(nested))))));
    assertTrue(inside.getMessage().contains("java.time.Instant"), inside.getMessage());

    JsonParser parser = NOW.jsonProvider().createParser(new StringReader("{\"id\": \"r\"}"));
    Exception read = assertThrows(IllegalArgumentException.class, () -> NOW.deserialize(parser, NotADocument.class));
    assertTrue(read.getMessage().contains(NotADocument.class.getName()), read.getMessage());
  }

  @Test
  void aNullSourceIsNullAsBefore() {
    for (JsonpMapper mapper : List.of(BEFORE, NOW)) {
      assertNull(mapper.deserialize(mapper.jsonProvider().createParser(new StringReader("null")), Map.class));
    }
  }

  /** Each value with its class, maps and lists included: a Long where an Integer was would show. */
  private static String typed(Object value) {
    return switch (value) {
      case null -> "null";
      case Map<?, ?> map -> {
        List<String> fields = new ArrayList<>();
        map.forEach((k, v) -> fields.add(k + "=" + typed(v)));
        yield map.getClass().getName() + fields;
      }
      case List<?> list -> list.getClass().getName() + list.stream().map(SearchJsonMapperTest::typed).toList();
      default -> value.getClass().getName() + ":" + value;
    };
  }

  private static List<String> items(BulkResponse response) {
    return response.items().stream()
        .map(i -> i.operationType().jsonValue() + " " + i.id() + " " + i.status() + " " + (i.error() == null ? null : i.error().type()))
        .toList();
  }

  private interface Call<T> {
    T on(OpenSearchClient client) throws IOException;
  }

  record Exchange<T>(String body, T response) {}

  /** One call through the SigV4 transport with {@code mapper}: the body it sent, and what it made of {@code answer}. */
  private static <T> Exchange<T> exchange(JsonpMapper mapper, String answer, Call<T> call) throws IOException {
    List<String> bodies = new ArrayList<>();
    SdkHttpClient http = new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        request.contentStreamProvider().ifPresent(body -> {
          try (InputStream in = body.newStream()) {
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() {
            return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", "application/json").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)))).build();
          }

          @Override
          public void abort() {}
        };
      }

      @Override
      public void close() {}
    };
    OpenSearchClient client = new OpenSearchClient(new AwsSdk2Transport(http, "search.example", SearchClient.SIGNING_NAME,
        Region.US_EAST_1, AwsSdk2TransportOptions.builder()
            .setCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .setMapper(mapper).build()));
    T response = call.on(client);
    return new Exchange<>(String.join("", bodies), response);
  }
}
