package com.textinbox.shared.notifications;

import java.util.Optional;

/** What a notification is about (N2); each has its own switch per channel in a user's settings. */
public enum Category {
  CONVERSATION,
  MENTION,
  APPOINTMENT,
  INVOICE;

  /** The name in JSON and in the table: {@code conversation}, {@code mention}... */
  public String key() {
    return EnumKeys.key(this);
  }

  public static Optional<Category> of(String key) {
    return EnumKeys.byKey(values(), key);
  }
}
