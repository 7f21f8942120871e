package com.textinbox.shared.search.store;

import com.textinbox.shared.data.Table;
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
      ScanRequest.Builder request = ScanRequest.builder().tableName(table)
          .filterExpression("#type IN (" + String.join(", ", placeholders()) + ")")
          .expressionAttributeNames(Map.of("#type", Table.TYPE))
          .expressionAttributeValues(types());
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      ScanResponse response = client.scan(request.build());
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
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    } while (start != null);
    return refused;
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
