package com.textinbox.shared.telegram;

/** What {@code /start <code>} did, and for LINKED the user's display name (for the confirmation). */
public record TelegramBinding(Outcome outcome, String userName) {
  public enum Outcome { LINKED, ALREADY_LINKED, UNKNOWN_OR_EXPIRED }

  public static final TelegramBinding UNKNOWN_OR_EXPIRED = new TelegramBinding(Outcome.UNKNOWN_OR_EXPIRED, null);
}
