package com.textinbox.shared.store;

import com.textinbox.shared.data.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items of several stores read in ONE BatchGetItem (per 100 keys): each store adds the keys it
 * wants with its mapper and hands back a {@link Slot}; after {@link #run()} every slot holds its
 * record, or null when the item does not exist. So a page of conversations reads its profiles, read
 * states and assignees' names together, and no handler sees an item.
 */
public final class BatchRead {
  private final DynamoTable table;
  private final boolean consistent;
  private final Map<String, List<Slot<?>>> slots = new LinkedHashMap<>();
  private final Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();

  private BatchRead(DynamoTable table, boolean consistent) {
    this.table = table;
    this.consistent = consistent;
  }

  /** An eventually consistent batch. */
  public static BatchRead of(DynamoTable table) {
    return new BatchRead(table, false);
  }

  /** A strongly consistent batch. */
  public static BatchRead consistent(DynamoTable table) {
    return new BatchRead(table, true);
  }

  /** What one key reads as, once the batch has run. */
  public static final class Slot<T> {
    private final Function<Map<String, AttributeValue>, T> mapper;
    private T value;
    private boolean read;

    private Slot(Function<Map<String, AttributeValue>, T> mapper) {
      this.mapper = mapper;
    }

    /** The record (null when no such item). */
    public T get() {
      if (!read) {
        throw new IllegalStateException("the batch has not run yet");
      }
      return value;
    }

    private void fill(Map<String, AttributeValue> item) {
      value = item == null ? null : mapper.apply(item);
      read = true;
    }
  }

  /** For stores: the item {@code pk}/{@code sk}, mapped by {@code mapper} when found. */
  public <T> Slot<T> add(String pk, String sk, Function<Map<String, AttributeValue>, T> mapper) {
    Slot<T> slot = new Slot<>(mapper);
    String id = pk + "|" + sk;
    keys.putIfAbsent(id, DynamoTable.key(pk, sk));
    slots.computeIfAbsent(id, k -> new ArrayList<>()).add(slot);
    return slot;
  }

  /** Reads every key added (no request when none) and fills the slots. */
  public void run() {
    Map<String, Map<String, AttributeValue>> found = new LinkedHashMap<>();
    if (!keys.isEmpty()) {
      for (Map<String, AttributeValue> item : table.batchGet(new ArrayList<>(keys.values()), consistent)) {
        found.put(item.get(Table.PK).s() + "|" + item.get(Table.SK).s(), item);
      }
    }
    slots.forEach((id, list) -> list.forEach(slot -> slot.fill(found.get(id))));
    slots.clear();
    keys.clear();
  }
}
