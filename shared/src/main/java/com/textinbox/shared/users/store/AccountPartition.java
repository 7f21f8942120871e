package com.textinbox.shared.users.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.ItemReader;

/** The account id of an item of an account partition ({@code A#<accountId>}). */
final class AccountPartition {
  private static final String PREFIX = Keys.account("");

  private AccountPartition() {}

  static String accountIdOf(ItemReader item) {
    String pk = item.pk();
    return pk == null || !pk.startsWith(PREFIX) ? null : pk.substring(PREFIX.length());
  }
}
