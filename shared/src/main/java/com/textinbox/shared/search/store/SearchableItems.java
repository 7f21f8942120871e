package com.textinbox.shared.search.store;

import com.textinbox.shared.aws.PrimingInterceptor;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.observability.Priming;
import com.textinbox.shared.search.SearchDocument;
import com.textinbox.shared.search.SearchDocuments;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Every searchable item of the table, as documents, for the Reindex function (C15) only: a rebuild
 * of the whole index is the one job that must read the whole table, on demand, so it is the one
 * Scan of the code base (paged, filtered server-side on the searchable types). Scheduled work never
 * scans (docs/principles.md).
 */
public final class SearchableItems {
  private final DynamoDbClient client;
  private final String table;

  public SearchableItems(DynamoDbClient client, String table) {
    this.client = client;
    this.table = table;
  }

  /** Calls {@code page} with the documents of each page of the scan; returns how many items were refused (keys of the wrong shape). */
  public int forEachPage(Consumer<List<SearchDocument>> page) {
    Map<String, AttributeValue> start = null;
    int refused = 0;
    do {
      ScanRequest.Builder request = request();
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      ScanResponse response = client.scan(request.build());
      refused += page(response, page);
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    } while (start != null);
    return refused;
  }

  /**
   * SnapStart priming (docs/decisions.md 46), in place of {@link #forEachPage}: its Scan built,
   * marshalled and signed, then stopped before transmission ({@link PrimingInterceptor}: the table
   * is not read); a Query of the key {@code Priming.KEY}, which no item has (a read of nothing:
   * the client's connection and answer parsing); then a page of a scan's shape built in memory,
   * of a customer and a message of an account {@code priming}, mapped and handed to
   * {@code page} as a scanned page is.
   */
  public int prime(Consumer<List<SearchDocument>> page) {
    PrimingInterceptor.unsent(() -> client.scan(request().overrideConfiguration(PrimingInterceptor.UNSENT).build()));
    client.query(b -> b.tableName(table).keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", Table.PK))
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Priming.KEY))).limit(1));
    String account = "A#priming"; // ids have no '#': an account named like no real one (never written anywhere)
    List<Map<String, AttributeValue>> items = List.of(
        Map.of(Table.PK, s(account + "#C#priming"), Table.SK, s("PROFILE"), Table.TYPE, s("Customer"), "customerId", s("priming"),
            "firstName", s("Priming"), "mobile", s("+15145550100"), "otherPhones", AttributeValue.fromL(List.of(s("work|+15145550101"))),
            "email", s("priming@example.invalid"), "version", AttributeValue.fromN("1"), "subscribed", AttributeValue.fromBool(true)),
        Map.of(Table.PK, s(account + "#CONV#priming"), Table.SK, s("T#2026-01-01T00:00:00.000Z#priming"), Table.TYPE, s("Message"),
            "messageId", s("priming"), "conversationId", s("priming"), "customerId", s("priming"), "direction", s("INBOUND"),
            "body", s("priming"), "receivedAt", s("2026-01-01T00:00:00.000Z")));
    return page(ScanResponse.builder().items(items).count(items.size()).scannedCount(items.size()).build(), page);
  }

  private ScanRequest.Builder request() {
    return ScanRequest.builder().tableName(table)
        .filterExpression("#type IN (" + String.join(", ", placeholders()) + ")")
        .expressionAttributeNames(Map.of("#type", Table.TYPE))
        .expressionAttributeValues(types());
  }

  /** The page's documents handed to {@code page}; how many items were refused. */
  private static int page(ScanResponse response, Consumer<List<SearchDocument>> page) {
    int refused = 0;
    List<SearchDocument> documents = new ArrayList<>(response.count());
    for (Map<String, AttributeValue> item : response.items()) {
      try {
        SearchDocuments.of(plain(item)).ifPresent(documents::add);
      } catch (IllegalArgumentException e) {
        refused++;
      }
    }
    if (!documents.isEmpty()) {
      page.accept(documents);
    }
    return refused;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static List<String> placeholders() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < SearchDocuments.SEARCHABLE_TYPES.size(); i++) {
      names.add(":t" + i);
    }
    return names;
  }

  private static Map<String, AttributeValue> types() {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    for (int i = 0; i < SearchDocuments.SEARCHABLE_TYPES.size(); i++) {
      values.put(":t" + i, AttributeValue.fromS(SearchDocuments.SEARCHABLE_TYPES.get(i)));
    }
    return values;
  }

  /** An item as plain values, as a stream image gives it (StreamRecord.image). */
  static Map<String, Object> plain(Map<String, AttributeValue> item) {
    Map<String, Object> values = new LinkedHashMap<>();
    item.forEach((name, value) -> values.put(name, plain(value)));
    return Collections.unmodifiableMap(values);
  }

  private static Object plain(AttributeValue value) {
    return switch (value.type()) {
      case S -> value.s();
      case N -> new BigDecimal(value.n());
      case BOOL -> value.bool();
      case SS -> List.copyOf(value.ss());
      case NS -> value.ns().stream().map(BigDecimal::new).toList();
      case L -> value.l().stream().map(SearchableItems::plain).toList();
      case M -> plain(value.m());
      default -> null; // NULL, binary: no searchable field is either
    };
  }
}
