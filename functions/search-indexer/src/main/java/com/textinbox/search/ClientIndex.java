package com.textinbox.search;

import com.textinbox.shared.search.SearchIndexes;
import com.textinbox.shared.search.SearchDocument;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.NdJsonpSerializable;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

/**
 * {@link SearchIndex} through the OpenSearch Java client (SigV4 over https): one {@code _bulk} per
 * call, to the alias. Before its first write a container makes sure the alias and its index exist
 * ({@link SearchIndexes#ensure}: the stack creates its own index on AWS). While the Reindex
 * function rebuilds (alias {@code <alias>-rebuild} on the new generation) the same operations go
 * to the new generation too, so a change made during the rebuild is not lost when the alias
 * moves; which generations to write is read again at most every 30 seconds.
 */
final class ClientIndex implements SearchIndex {
  private static final Duration RECHECK = Duration.ofSeconds(30);

  private final OpenSearchClient client;
  private final SearchIndexes indexes;
  private final Clock clock;
  private List<String> rebuilding = List.of();
  private Instant checkedAt;

  ClientIndex(OpenSearchClient client, String alias, Clock clock) {
    this.client = client;
    this.indexes = new SearchIndexes(client, alias);
    this.clock = clock;
  }

  @Override
  public List<String> bulk(List<IndexAction> actions) throws IOException {
    List<String> targets = targets();
    List<BulkOperation> operations = new ArrayList<>(actions.size() * targets.size());
    for (String target : targets) {
      for (IndexAction action : actions) {
        operations.add(operation(target, action));
      }
    }
    BulkResponse response = client.bulk(b -> b.operations(operations));
    List<BulkResponseItem> items = response.items();
    if (items.size() != operations.size()) {
      throw new IOException("the bulk answer has " + items.size() + " items for " + operations.size() + " operations");
    }
    // what the alias's index did decides (the rebuild's copy is rewritten by the rebuild anyway)
    List<String> outcomes = new ArrayList<>(actions.size());
    for (int a = 0; a < actions.size(); a++) {
      outcomes.add(outcome(items.get(a)));
    }
    return outcomes;
  }

  /**
   * Priming (decision 46): a read of an alias that does not exist (signed GET, what the role's
   * {@code es:ESHttpGet} on {@code _alias/*} allows), then a bulk of a put and a delete built and
   * written to bytes as the transport writes it (never sent), and a bulk answer read back: the
   * client's JSON mapping of both directions.
   */
  @Override
  public void prime() {
    try {
      new SearchIndexes(client, indexes.alias() + "-priming").current();
    } catch (IOException | RuntimeException e) {
      // priming never stops a snapshot
    }
    String index = indexes.alias() + "-priming";
    List<BulkOperation> operations = List.of(
        operation(index, new IndexAction.Put(new SearchDocument("priming", Map.of("kind", "priming", "names", List.of("priming"))))),
        operation(index, new IndexAction.Delete("priming", "priming")));
    JsonpMapper mapper = client._transport().jsonpMapper();
    ndjson(BulkRequest.of(b -> b.operations(operations)), mapper, new ByteArrayOutputStream());
    BulkResponse answer = BulkResponse._DESERIALIZER.deserialize(mapper.jsonProvider().createParser(new StringReader(PRIMING_ANSWER)), mapper);
    answer.items().forEach(ClientIndex::outcome);
  }

  /** A bulk answer of a put applied and a delete of a document not found (docs/search.md's shapes). */
  private static final String PRIMING_ANSWER = """
      {"took": 1, "errors": false, "items": [
       {"index": {"_index": "priming", "_id": "priming", "_version": 1, "result": "created", "status": 201,
                  "_seq_no": 0, "_primary_term": 1, "_shards": {"total": 1, "successful": 1, "failed": 0}}},
       {"delete": {"_index": "priming", "_id": "priming", "_version": 1, "result": "not_found", "status": 404,
                   "_seq_no": 1, "_primary_term": 1, "_shards": {"total": 1, "successful": 1, "failed": 0}}}]}""";

  /** Newline-delimited JSON, as the client's transports write a bulk body (each line through the mapper). */
  private static void ndjson(NdJsonpSerializable value, JsonpMapper mapper, ByteArrayOutputStream out) {
    Iterator<?> lines = value._serializables();
    while (lines.hasNext()) {
      Object line = lines.next();
      if (line instanceof NdJsonpSerializable nested && line != value) {
        ndjson(nested, mapper, out);
      } else {
        try (JsonGenerator generator = mapper.jsonProvider().createGenerator(out)) {
          mapper.serialize(line, generator);
        }
        out.write('\n');
      }
    }
  }

  /** The alias first, then the generation being rebuilt, if any. */
  private synchronized List<String> targets() throws IOException {
    Instant now = clock.instant();
    if (checkedAt == null || now.isAfter(checkedAt.plus(RECHECK))) {
      if (checkedAt == null) {
        indexes.ensure();
      }
      rebuilding = new SearchIndexes(client, indexes.alias() + SearchIndexes.REBUILD_SUFFIX).current();
      checkedAt = now;
    }
    List<String> targets = new ArrayList<>(1 + rebuilding.size());
    targets.add(indexes.alias());
    targets.addAll(rebuilding);
    return targets;
  }

  private static BulkOperation operation(String index, IndexAction action) {
    return switch (action) {
      case IndexAction.Put put -> BulkOperation.of(o -> o.index(i -> i.index(index).id(put.documentId())
          .document((Map<String, Object>) put.document().fields())));
      case IndexAction.Delete delete -> BulkOperation.of(o -> o.delete(d -> d.index(index).id(delete.documentId())));
    };
  }

  /** Null when applied (a delete of a document already gone included), else its status and error type (never the reason, which may quote the document). */
  private static String outcome(BulkResponseItem item) {
    if (item.error() == null) {
      return null;
    }
    return item.status() + " " + (item.error().type() == null ? "error" : item.error().type());
  }
}
