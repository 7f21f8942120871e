package com.textinbox.shared.json;

import java.util.Locale;
import java.util.Optional;

/** Enum constants as JSON and the table name them: lower case ({@code not_confirmed}, {@code paid}). */
public final class LowerCaseKeys {
  private LowerCaseKeys() {}

  public static String key(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  public static <E extends Enum<E>> Optional<E> byKey(E[] values, String key) {
    for (E value : values) {
      if (key(value).equals(key)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
