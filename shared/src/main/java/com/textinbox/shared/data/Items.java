package com.textinbox.shared.data;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers every function uses to build keys and read item attributes. */
public final class Items {
  private Items() {}

  /** The primary key of an item of the table. */
  public static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(Table.PK, s(pk), Table.SK, s(sk));
  }

  /** A text attribute, or null when the item does not have it. */
  public static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  public static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
