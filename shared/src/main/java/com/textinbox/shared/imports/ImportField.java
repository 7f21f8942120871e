package com.textinbox.shared.imports;

import java.util.Optional;

/**
 * What a column of an imported file becomes (P4): a field of the profile, a custom attribute (one
 * the company has or a new one), or nothing. {@link #code()} is how the API names it.
 */
public enum ImportField {
  FIRST_NAME("firstName"), LAST_NAME("lastName"), MOBILE("mobile"), HOME_PHONE("homePhone"), WORK_PHONE("workPhone"),
  OTHER_PHONE("otherPhone"), EMAIL("email"), LANGUAGE("language"), ADDRESS("address"), BIRTH_DATE("birthDate"),
  REFERENCE("reference"), ATTRIBUTE("attribute"), IGNORE("ignore");

  private final String code;

  ImportField(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** A profile field, mapped by at most one column. */
  public boolean isProfileField() {
    return this != ATTRIBUTE && this != IGNORE;
  }

  /** The other number's type on the profile ({@code home}, {@code work}, {@code other}), null for the rest. */
  public String phoneType() {
    return switch (this) {
      case HOME_PHONE -> "home";
      case WORK_PHONE -> "work";
      case OTHER_PHONE -> "other";
      default -> null;
    };
  }

  public static Optional<ImportField> of(String code) {
    for (ImportField field : values()) {
      if (field.code.equals(code)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }
}
