package com.textinbox.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.stream.StreamRecord;
import com.textinbox.shared.stream.StreamRecord.EventName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SearchIndexerTest {
  /** Records every bulk request; answers with what {@code outcome} says for each action (null = applied). */
  static final class FakeIndex implements SearchIndex {
    final List<List<IndexAction>> requests = new ArrayList<>();
    Function<IndexAction, String> outcome = action -> null;
    IOException down;

    @Override
    public List<String> bulk(List<IndexAction> actions) throws IOException {
      requests.add(actions);
      if (down != null) {
        throw down;
      }
      return actions.stream().map(outcome).toList();
    }
  }

  static final String MARIE_PK = "A#acct-maple-motors#C#cust-marie";

  static Map<String, Object> customer(String pk, String firstName) {
    Map<String, Object> item = new HashMap<>(Map.of("PK", pk, "SK", "PROFILE", "type", "Customer",
        "firstName", firstName, "lastName", "Lambert", "mobile", "+15145550111"));
    return item;
  }

  /** A customer's text in conversation conv-1's timeline. */
  static Map<String, Object> sms(String messageId, String body) {
    return Map.of("PK", "A#acct-maple-motors#CONV#conv-1", "SK", "T#2026-11-21T14:03:00Z#" + messageId, "type", "Message",
        "messageId", messageId, "conversationId", "conv-1", "customerId", "cust-john", "direction", "INBOUND",
        "from", "+15145550112", "body", body, "receivedAt", "2026-11-21T14:03:00Z");
  }

  static StreamRecord record(EventName name, String sequence, Map<String, Object> newImage, Map<String, Object> oldImage) {
    Map<String, Object> image = newImage.isEmpty() ? oldImage : newImage;
    return new StreamRecord("e" + sequence, name, sequence, "arn:stream",
        Map.of("PK", image.get("PK"), "SK", image.get("SK")), newImage, oldImage);
  }

  @Test
  void aBatchIsSentAsOneBulkRequestOfWritesAndDeletes() {
    FakeIndex index = new FakeIndex();
    SearchIndexer indexer = new SearchIndexer(index);

    String failed = indexer.processRecords(List.of(
        record(EventName.INSERT, "1", customer(MARIE_PK, "Marie"), Map.of()),
        record(EventName.INSERT, "2", sms("c-1", "Is my car ready?"), Map.of()),
        record(EventName.MODIFY, "3", customer(MARIE_PK, "Marie-Ève"), customer(MARIE_PK, "Marie")),
        record(EventName.REMOVE, "4", Map.of(), sms("c-0", "old"))));

    assertNull(failed);
    assertEquals(1, index.requests.size(), "one bulk request per batch");
    List<IndexAction> actions = index.requests.getFirst();
    assertEquals(4, actions.size());
    IndexAction.Put first = (IndexAction.Put) actions.get(0);
    assertEquals(MARIE_PK + "|PROFILE", first.documentId());
    assertEquals("Marie Lambert", first.document().fields().get("name"));
    assertEquals("acct-maple-motors", first.document().fields().get("accountId"));
    assertEquals("message", ((IndexAction.Put) actions.get(1)).document().kind());
    assertEquals("Marie-Ève Lambert", ((IndexAction.Put) actions.get(2)).document().fields().get("name"),
        "a modified item is written whole again, under the same id");
    assertEquals(MARIE_PK + "|PROFILE", actions.get(2).documentId());
    assertEquals(new IndexAction.Delete("A#acct-maple-motors#CONV#conv-1|T#2026-11-21T14:03:00Z#c-0", "message"), actions.get(3));
  }

  @Test
  void aMergeWritesTheMergedProfilesForwardingDocumentAndDeletesItsCustomerDocument() {
    FakeIndex index = new FakeIndex();
    Map<String, Object> log = Map.of("PK", "A#acct-maple-motors#C#cust-bea", "SK", "MERGE#cust-annie", "type", "CustomerMerge",
        "customerId", "cust-bea", "mergedCustomerId", "cust-annie");
    // the merge's transaction: the merged profile deleted, the log entry put (C14, decision 49)
    assertNull(new SearchIndexer(index).processRecords(List.of(
        record(EventName.REMOVE, "1", Map.of(), customer("A#acct-maple-motors#C#cust-annie", "Annie")),
        record(EventName.INSERT, "2", log, Map.of()))));
    List<IndexAction> actions = index.requests.getFirst();
    assertEquals(new IndexAction.Delete("A#acct-maple-motors#C#cust-annie|PROFILE", "customer"), actions.get(0));
    IndexAction.Put forwarding = (IndexAction.Put) actions.get(1);
    assertEquals("A#acct-maple-motors#C#cust-annie|MERGED", forwarding.documentId());
    assertEquals("cust-bea", forwarding.document().fields().get("customerId"));
    // the survivor deleted later (P5): its partition goes, the forwarding document with it
    new SearchIndexer(index).processRecords(List.of(record(EventName.REMOVE, "3", Map.of(), log)));
    assertEquals(new IndexAction.Delete("A#acct-maple-motors#C#cust-annie|MERGED", "merged"), index.requests.getLast().getFirst());
  }

  @Test
  void theSameRecordDeliveredAgainRewritesTheSameDocument() {
    FakeIndex index = new FakeIndex();
    SearchIndexer indexer = new SearchIndexer(index);
    StreamRecord insert = record(EventName.INSERT, "1", sms("c-9", "hello"), Map.of());
    indexer.processRecords(List.of(insert));
    indexer.processRecords(List.of(insert));
    assertEquals(index.requests.get(0), index.requests.get(1));
  }

  @Test
  void itemsThatAreNotSearchableAreIgnoredAndAloneMakeNoRequest() {
    FakeIndex index = new FakeIndex();
    Map<String, Object> user = Map.of("PK", "A#acct-maple-motors", "SK", "USER#u", "type", "User", "name", "Alice");
    Map<String, Object> idempotency = Map.of("PK", "IDEMPOTENCY#x#y", "SK", "IDEMPOTENCY");
    assertNull(new SearchIndexer(index).processRecords(List.of(
        record(EventName.INSERT, "1", user, Map.of()),
        record(EventName.REMOVE, "2", Map.of(), idempotency))));
    assertTrue(index.requests.isEmpty());
  }

  @Test
  void anItemThatStopsBeingSearchableIsDeleted() {
    FakeIndex index = new FakeIndex();
    Map<String, Object> retyped = new HashMap<>(customer(MARIE_PK, "Marie"));
    retyped.put("type", "MergedCustomer");
    new SearchIndexer(index).processRecords(List.of(record(EventName.MODIFY, "1", retyped, customer(MARIE_PK, "Marie"))));
    assertEquals(List.of(new IndexAction.Delete(MARIE_PK + "|PROFILE", "customer")), index.requests.getFirst());
  }

  @Test
  void theFirstRecordWhoseDocumentWasRefusedIsReported() {
    FakeIndex index = new FakeIndex();
    index.outcome = action -> action.documentId().contains("c-2") || action.documentId().contains("c-4")
        ? "400 mapper_parsing_exception" : null;
    String failed = new SearchIndexer(index).processRecords(List.of(
        record(EventName.INSERT, "1", sms("c-1", "a"), Map.of()),
        record(EventName.INSERT, "2", sms("c-2", "b"), Map.of()),
        record(EventName.INSERT, "3", sms("c-3", "c"), Map.of()),
        record(EventName.INSERT, "4", sms("c-4", "d"), Map.of())));
    assertEquals("2", failed, "Lambda retries from there; the later records with it");
    assertEquals(4, index.requests.getFirst().size(), "the records after a refused one were still sent");
  }

  @Test
  void aSearchableItemWithoutAnAccountInItsKeyFailsButDoesNotHoldBackTheOthers() {
    FakeIndex index = new FakeIndex();
    String failed = new SearchIndexer(index).processRecords(List.of(
        record(EventName.INSERT, "1", sms("c-1", "a"), Map.of()),
        record(EventName.INSERT, "2", customer("CUSTOMER#orphan", "Nobody"), Map.of()),
        record(EventName.INSERT, "3", sms("c-3", "c"), Map.of())));
    assertEquals("2", failed);
    assertEquals(2, index.requests.getFirst().size());
  }

  @Test
  void anIndexThatCannotBeReachedFailsTheBatchFromItsFirstRecord() {
    FakeIndex index = new FakeIndex();
    index.down = new IOException("connection refused");
    SearchIndexer indexer = new SearchIndexer(index);
    assertEquals("7", indexer.processRecords(List.of(
        record(EventName.INSERT, "7", customer(MARIE_PK, "Marie"), Map.of()),
        record(EventName.INSERT, "8", sms("c-1", "a"), Map.of()))));
    assertThrows(IllegalStateException.class, () -> indexer.process(record(EventName.INSERT, "9", sms("c-1", "a"), Map.of())));
  }
}
