package com.textinbox.searchapi;

import java.util.Locale;
import java.util.Optional;

/** What a search can find (C15), as named in {@code types=} and in the response's groups; each is a document kind of the index. */
enum SearchType {
  CUSTOMER, MESSAGE, APPOINTMENT, INVOICE;

  /** The name in the API and the index's {@code kind}. */
  String kind() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<SearchType> of(String name) {
    for (SearchType type : values()) {
      if (type.kind().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
