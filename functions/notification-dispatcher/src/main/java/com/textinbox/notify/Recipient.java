package com.textinbox.notify;

import com.textinbox.shared.notifications.NotificationSettings;

/**
 * A user to notify: who they are, where to write (email; the Telegram chat they connected, or
 * null), and their settings.
 */
public record Recipient(String accountId, String userId, String name, String email, String role, NotificationSettings settings,
    Long telegramChatId) {

  public Recipient(String accountId, String userId, String name, String email, String role, NotificationSettings settings) {
    this(accountId, userId, name, email, role, settings, null);
  }
}
