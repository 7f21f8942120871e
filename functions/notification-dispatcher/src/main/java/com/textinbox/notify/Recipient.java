package com.textinbox.notify;

import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.users.User;

/**
 * A user to notify: who they are, where to write (email; the Telegram chat they connected, or
 * null), and their settings.
 */
public record Recipient(User user, NotificationSettings settings) {
  public String accountId() {
    return user.accountId();
  }

  public String userId() {
    return user.userId();
  }

  public String email() {
    return user.email();
  }

  public Long telegramChatId() {
    return user.telegram() == null ? null : user.telegram().chatId();
  }
}
