package com.textinbox.shared.notifications;

import java.util.Locale;
import java.util.Optional;

/** The lower-case names the notification enums have in JSON and in the table ({@code conversation}, {@code email}...). */
final class EnumKeys {
  private EnumKeys() {}

  static String key(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> Optional<E> byKey(E[] values, String key) {
    for (E value : values) {
      if (key(value).equals(key)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
