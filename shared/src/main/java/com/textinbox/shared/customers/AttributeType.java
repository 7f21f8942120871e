package com.textinbox.shared.customers;

import java.util.Optional;

/** The type of a company's custom attribute (P3): text, list of texts, date or number; its API and stored name. */
public enum AttributeType {
  TEXT("text"), TEXT_LIST("textList"), DATE("date"), NUMBER("number");

  private final String code;

  AttributeType(String code) {
    this.code = code;
  }

  /** {@code text}, {@code textList}, {@code date}, {@code number}: as the API and the items write it. */
  public String code() {
    return code;
  }

  public static Optional<AttributeType> of(String code) {
    for (AttributeType type : values()) {
      if (type.code.equals(code)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
