package com.textinbox.shared.users.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading the items of an account partition ({@code A#<accountId>}). */
final class AccountPartition {
  private static final String PREFIX = Keys.account("");

  private AccountPartition() {}

  static String accountIdOf(ItemReader item) {
    String pk = item.pk();
    return pk == null || !pk.startsWith(PREFIX) ? null : pk.substring(PREFIX.length());
  }

  /** Whether the item's sort key starts with {@code prefix}: which kind of item of the partition it is. */
  static boolean skStartsWith(Map<String, AttributeValue> item, String prefix) {
    String sk = ItemReader.of(item).sk();
    return sk != null && sk.startsWith(prefix);
  }
}
