package com.textinbox.reindex;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.observability.Priming;
import com.textinbox.shared.search.SearchClient;
import com.textinbox.shared.search.SearchDocument;
import com.textinbox.shared.search.SearchIndexes;
import com.textinbox.shared.search.store.SearchableItems;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the search index from the table, without downtime (C15, docs/decisions.md 58). Run on
 * demand (after a mapping change, or to repair the index): {@code aws lambda invoke} with
 * {@code {}}; locally {@code POST <invoke>/Reindex}.
 *
 * <ol>
 *   <li>creates a new generation {@code <alias>-<epoch seconds>} with the current mapping, with
 *       the rebuild's alias on it: from then on the indexer writes every change to it too;
 *   <li>waits for every indexer container to notice ({@code settleSeconds}, 35 by default: they
 *       re-read the aliases every 30 s);
 *   <li>scans the table's searchable items into it with {@code create} operations, which never
 *       overwrite what the indexer wrote meanwhile (newer than what the scan read);
 *   <li>refreshes it and moves the alias to it in one atomic call, then deletes the old generation.
 * </ol>
 *
 * Searches meanwhile use the old generation. Answers {@code {index, previous, documents, refused}}.
 */
public final class Reindex implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Reindex.class);
  private static final int DEFAULT_SETTLE_SECONDS = 35;

  private final OpenSearchClient client;
  private final SearchIndexes indexes;
  private final SearchableItems items;
  private final Clock clock;
  /** Held here: the CRaC context holds it weakly (see Priming). */
  private final org.crac.Resource priming = Priming.register("Reindex", this::prime);

  public Reindex() {
    this(SearchClient.fromEnvironment(), Env.require("SEARCH_INDEX"),
        new SearchableItems(AwsClients.dynamoDb(), Env.require("TABLE_NAME")), Clock.systemUTC());
  }

  public Reindex(OpenSearchClient client, String alias, SearchableItems items, Clock clock) {
    this.client = client;
    this.indexes = new SearchIndexes(client, alias);
    this.items = items;
    this.clock = clock;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = Json.read(input);
    int settle = Math.max(0, Math.min(120, event.path("settleSeconds").asInt(DEFAULT_SETTLE_SECONDS)));
    Map<String, Object> result = Observability.around(context, () -> {
      try {
        return rebuild(settle);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    output.write(Json.bytes(result));
  }

  /**
   * SnapStart priming (decision 46): reads which generation the alias is on (a GET, the role's
   * es:ESHttpGet), then walks a whole rebuild of the alias {@code <alias>-priming} against
   * {@link SearchClient#primingStandIn} (the same transport, signing and JSON mapping, answered in
   * process: nothing reaches the domain) with the page {@link SearchableItems#prime} builds in
   * memory (its Scan stopped before transmission, a Query of a key no item has). Writes nothing.
   * Answers the stand-in rebuild's result (for the tests).
   */
  Map<String, Object> prime() {
    try {
      indexes.current();
    } catch (IOException e) {
      LOG.warn("priming could not read the search alias: {}", e.toString());
    }
    OpenSearchClient standIn = SearchClient.primingStandIn(client);
    try {
      return rebuild(standIn, new SearchIndexes(standIn, indexes.alias() + "-priming"), items::prime, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, Object> rebuild(int settleSeconds) throws IOException {
    return rebuild(client, indexes, items::forEachPage, settleSeconds);
  }

  private Map<String, Object> rebuild(OpenSearchClient client, SearchIndexes indexes,
      ToIntFunction<Consumer<List<SearchDocument>>> scan, int settleSeconds) throws IOException {
    List<String> previous = indexes.current();
    String index = indexes.alias() + "-" + clock.instant().getEpochSecond();
    indexes.create(index, indexes.alias() + SearchIndexes.REBUILD_SUFFIX);
    LOG.info("rebuilding the search index into {} (the alias is on {})", index, previous);
    sleep(settleSeconds);
    AtomicInteger documents = new AtomicInteger();
    int refused = scan.applyAsInt(page -> {
      write(client, index, page);
      documents.addAndGet(page.size());
    });
    indexes.refresh(index);
    indexes.switchTo(index, previous);
    for (String old : previous) {
      if (!old.equals(index)) {
        indexes.delete(old);
      }
    }
    LOG.info("search index rebuilt: {} documents in {}, {} items refused (keys of the wrong shape); {} deleted",
        documents.get(), index, refused, previous);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("index", index);
    result.put("previous", previous);
    result.put("documents", documents.get());
    result.put("refused", refused);
    return result;
  }

  /** One bulk of {@code create} operations: a document the indexer already wrote (409) is newer and stays. */
  private static void write(OpenSearchClient client, String index, List<SearchDocument> page) {
    List<BulkOperation> operations = new ArrayList<>(page.size());
    for (SearchDocument document : page) {
      operations.add(BulkOperation.of(o -> o.create(c -> c.index(index).id(document.id())
          .document((Map<String, Object>) document.fields()))));
    }
    try {
      BulkResponse response = client.bulk(b -> b.operations(operations));
      long failed = response.items().stream().filter(i -> i.error() != null && i.status() != 409).count();
      if (failed > 0) {
        throw new IOException(failed + " documents of " + page.size() + " refused by " + index);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the indexers catch up", e);
    }
  }
}
