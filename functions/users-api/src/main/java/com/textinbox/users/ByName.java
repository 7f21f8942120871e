package com.textinbox.users;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/** The order of users, teams and members in lists: by name (accents and case compared as people expect), then by id. */
final class ByName {
  private ByName() {}

  static <T> Comparator<T> order(Function<T, String> name, Function<T, String> id) {
    Collator collator = Collator.getInstance(Locale.ROOT);
    collator.setStrength(Collator.SECONDARY);
    return Comparator.comparing((T item) -> String.valueOf(name.apply(item)), collator).thenComparing(id);
  }
}
