package com.textinbox.shared.notifications;

import java.util.Optional;

/**
 * Where a notification may go besides the notification center, which always keeps it (N1, N7):
 * the browser live (N11), email (now or in the daily digest, N5), mobile push, Telegram.
 */
public enum Channel {
  BROWSER,
  EMAIL,
  PUSH,
  TELEGRAM;

  public String key() {
    return EnumKeys.key(this);
  }

  public static Optional<Channel> of(String key) {
    return EnumKeys.byKey(values(), key);
  }
}
