package com.textinbox.shared.store;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One page of raw items and the key to resume after (null when the query is exhausted). */
public record QueryResult(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastKey) {
  public boolean hasMore() {
    return lastKey != null;
  }
}
