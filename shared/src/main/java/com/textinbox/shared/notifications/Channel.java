package com.textinbox.shared.notifications;

import java.util.Locale;
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
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> of(String key) {
    for (Channel channel : values()) {
      if (channel.key().equals(key)) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }
}
