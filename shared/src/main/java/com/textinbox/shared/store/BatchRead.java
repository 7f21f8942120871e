package com.textinbox.shared.store;

import com.textinbox.shared.data.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items of any aggregates read together: one BatchGetItem per 100 keys ({@link DynamoTable#batchGet},
 * unprocessed keys asked again), each then read by the mapper of the store that made its ref.
 */
public final class BatchRead {
  private final Map<String, Map<String, AttributeValue>> items = new HashMap<>();

  private BatchRead() {}

  /** Reads these refs (none: no request). */
  public static BatchRead of(DynamoTable table, Collection<? extends ItemRef<?>> refs) {
    BatchRead read = new BatchRead();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    refs.forEach(ref -> keys.add(DynamoTable.key(ref.pk(), ref.sk())));
    for (Map<String, AttributeValue> item : table.batchGet(keys)) {
      read.items.put(item.get(Table.PK).s() + "|" + item.get(Table.SK).s(), item);
    }
    return read;
  }

  /** The item of this ref as its store reads it (what it makes of a missing item: null, defaults...). */
  public <T> T get(ItemRef<T> ref) {
    return ref.reader().apply(items.get(ref.id()));
  }
}
