package com.textinbox.shared.notifications;

import java.util.Optional;

/** What a notification is about (N2); each has its own switch per channel in a user's settings. */
public enum Category {
  CONVERSATION,
  MENTION,
  APPOINTMENT,
  INVOICE,
  /** N4: the monthly report (email and center); on by default for admins only ({@link NotificationSettings#forRole}). */
  MONTHLY_REPORT;

  /** The name in JSON and in the table: {@code conversation}, {@code mention}... */
  public String key() {
    return this == MONTHLY_REPORT ? "monthlyReport" : EnumKeys.key(this);
  }

  public static Optional<Category> of(String key) {
    return java.util.Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst();
  }
}
