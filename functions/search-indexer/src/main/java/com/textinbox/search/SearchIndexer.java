package com.textinbox.search;

import com.textinbox.shared.config.Env;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.search.PhoneForms;
import com.textinbox.shared.search.SearchClient;
import com.textinbox.shared.search.SearchDocument;
import com.textinbox.shared.search.SearchDocuments;
import com.textinbox.shared.stream.DynamoDBStreamHandler;
import com.textinbox.shared.stream.StreamRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index in step with the table (C15): reads a batch of the table's stream and
 * sends ONE bulk request for it. An inserted or modified searchable item (SearchDocuments says
 * which) is written whole under its stable document id, so a record delivered again rewrites the
 * same document; a removed one, or one that stopped being searchable, is deleted. Other items are
 * ignored. The first record whose document the index refused is reported back, so Lambda retries
 * from it (the later ones with it: rewriting them changes nothing); after the event source's
 * retries the batch's description goes to SearchIndexerDLQ.
 *
 * <p>Nothing of a message's text or a number is logged: only document ids (table keys), kinds
 * and OpenSearch's error types. Wiring: template.yaml, function SearchIndexer.
 */
public final class SearchIndexer extends DynamoDBStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexer.class);

  private final SearchIndex index;

  public SearchIndexer() {
    this(new ClientIndex(SearchClient.fromEnvironment(), Env.require("SEARCH_INDEX"), Clock.systemUTC()));
  }

  public SearchIndexer(SearchIndex index) {
    this.index = index;
  }

  /**
   * SnapStart priming (decision 46): a customer's numbers in every form (libphonenumber's metadata)
   * and a read of an alias that does not exist, through the client (signing, TLS, JSON); nothing
   * is written.
   */
  @Override
  protected void prime() {
    super.prime();
    PhoneForms.of("+15145550100");
    index.prime();
  }

  @Override
  protected void process(StreamRecord record) {
    String failed = processRecords(List.of(record));
    if (failed != null) {
      throw new IllegalStateException("stream record " + failed + " was not indexed");
    }
  }

  @Override
  protected String processRecords(List<StreamRecord> records) {
    List<IndexAction> actions = new ArrayList<>();
    List<Integer> sources = new ArrayList<>(); // the record each action comes from
    int firstFailed = -1;
    for (int i = 0; i < records.size(); i++) {
      StreamRecord record = records.get(i);
      try {
        Optional<IndexAction> action = action(record);
        if (action.isPresent()) {
          actions.add(action.get());
          sources.add(i);
        }
      } catch (IllegalArgumentException e) {
        // an item of a searchable type the index cannot take: retried, then the DLQ; later records still go
        LOG.warn("stream record {} cannot be indexed: {}", record.sequenceNumber(), e.getMessage());
        firstFailed = firstFailed < 0 ? i : firstFailed;
      }
    }
    if (actions.isEmpty()) {
      return firstFailed < 0 ? null : records.get(firstFailed).sequenceNumber();
    }
    List<String> outcomes;
    try {
      outcomes = index.bulk(actions);
    } catch (Exception e) {
      LOG.error("the search index took none of {} documents: {}", actions.size(), e.toString());
      Observability.count("SearchDocumentsFailed", actions.size());
      return records.getFirst().sequenceNumber();
    }
    int failed = 0;
    for (int a = 0; a < actions.size(); a++) {
      if (outcomes.get(a) == null) {
        continue;
      }
      failed++;
      IndexAction action = actions.get(a);
      LOG.warn("search index refused {} of {} document {} (stream record {}): {}",
          action instanceof IndexAction.Put ? "the write" : "the delete", kind(action), action.documentId(),
          records.get(sources.get(a)).sequenceNumber(), outcomes.get(a));
      firstFailed = firstFailed < 0 ? sources.get(a) : Math.min(firstFailed, sources.get(a));
    }
    Observability.count("SearchDocumentsWritten", actions.size() - failed);
    Observability.count("SearchDocumentsFailed", failed);
    LOG.info("search index: {} documents written or deleted, {} refused, for {} stream records",
        actions.size() - failed, failed, records.size());
    return firstFailed < 0 ? null : records.get(firstFailed).sequenceNumber();
  }

  /**
   * What a record does to the index: the item's document written when the change leaves it
   * searchable; deleted when it was searchable and is removed or no longer is; else nothing.
   */
  static Optional<IndexAction> action(StreamRecord record) {
    Optional<SearchDocument> after = record.isRemove() ? Optional.empty() : SearchDocuments.of(record.newImage());
    if (after.isPresent()) {
      return Optional.of(new IndexAction.Put(after.get()));
    }
    return SearchDocuments.of(record.oldImage())
        .map(before -> new IndexAction.Delete(before.id(), before.kind()));
  }

  private static String kind(IndexAction action) {
    return switch (action) {
      case IndexAction.Put put -> put.document().kind();
      case IndexAction.Delete delete -> delete.kind();
    };
  }
}
