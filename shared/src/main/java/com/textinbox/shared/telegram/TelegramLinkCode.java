package com.textinbox.shared.telegram;

import java.time.Instant;

/**
 * A one-time code connecting a user's Telegram chat (N1), {@code TGLINK#<code>}: Telegram's
 * {@code /start <code>} names nothing else. Once used it holds the chat it was bound to.
 *
 * @param chatId the chat that used it, null while unused
 */
public record TelegramLinkCode(String code, String accountId, String userId, Instant expiresAt, Long chatId, Instant usedAt) {
  public boolean used() {
    return chatId != null;
  }

  public boolean expiredAt(Instant now) {
    return expiresAt.getEpochSecond() <= now.getEpochSecond();
  }
}
