package com.textinbox.shared.store;

import com.textinbox.shared.data.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.textinbox.shared.data.Keys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds an item for a mapper. A null value is left out (DynamoDB stores no nulls, and a missing
 * attribute reads back as null), so mappers can write every field without a test each.
 */
public final class ItemBuilder {
  private final Map<String, AttributeValue> item = new LinkedHashMap<>();

  private ItemBuilder() {}

  /** An item with its primary key and {@code type}. */
  public static ItemBuilder item(String pk, String sk, String type) {
    return new ItemBuilder().str(Table.PK, pk).str(Table.SK, sk).str(Table.TYPE, type);
  }

  /** A map attribute (or an expression value) with no key. */
  public static ItemBuilder map() {
    return new ItemBuilder();
  }

  public ItemBuilder str(String name, String value) {
    if (value != null) {
      item.put(name, AttributeValue.fromS(value));
    }
    return this;
  }

  /** An instant as every time attribute holds it ({@link Keys#time}). */
  public ItemBuilder time(String name, Instant value) {
    return value == null ? this : str(name, Keys.time(value));
  }

  public ItemBuilder num(String name, Number value) {
    if (value != null) {
      item.put(name, AttributeValue.fromN(value.toString()));
    }
    return this;
  }

  public ItemBuilder bool(String name, Boolean value) {
    if (value != null) {
      item.put(name, AttributeValue.fromBool(value));
    }
    return this;
  }

  /** A list of strings; an empty or null list is left out. */
  public ItemBuilder strList(String name, Collection<String> values) {
    if (values != null && !values.isEmpty()) {
      List<AttributeValue> list = new ArrayList<>();
      values.forEach(v -> list.add(AttributeValue.fromS(v)));
      item.put(name, AttributeValue.fromL(list));
    }
    return this;
  }

  /** A string set; an empty or null set is left out (DynamoDB has no empty sets). */
  public ItemBuilder strSet(String name, Collection<String> values) {
    if (values != null && !values.isEmpty()) {
      item.put(name, AttributeValue.fromSs(List.copyOf(values)));
    }
    return this;
  }

  public ItemBuilder map(String name, ItemBuilder value) {
    if (value != null) {
      item.put(name, AttributeValue.fromM(value.build()));
    }
    return this;
  }

  public ItemBuilder attr(String name, AttributeValue value) {
    if (value != null) {
      item.put(name, value);
    }
    return this;
  }

  /** An index key pair, written only when the item belongs in that list (sparse indexes). */
  public ItemBuilder index(String pkName, String pk, String skName, String sk) {
    if (pk != null && sk != null) {
      str(pkName, pk);
      str(skName, sk);
    }
    return this;
  }

  /** TTL in epoch seconds. */
  public ItemBuilder expiresAt(Instant when) {
    return when == null ? this : num(Table.EXPIRES_AT, when.getEpochSecond());
  }

  public Map<String, AttributeValue> build() {
    return new LinkedHashMap<>(item);
  }
}
