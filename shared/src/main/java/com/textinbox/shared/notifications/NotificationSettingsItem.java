package com.textinbox.shared.notifications;

import java.time.Instant;

/**
 * A user's notification settings as stored: the settings, and the digest schedule kept with them
 * ({@code nextDigestAt} while a digest is due, which puts the item on the due list).
 */
public record NotificationSettingsItem(
    String accountId,
    String userId,
    NotificationSettings settings,
    Instant updatedAt,
    Instant nextDigestAt,
    Instant lastDigestAt) {

  /** What a user who never saved any has: the defaults, nothing scheduled. */
  public static NotificationSettingsItem defaults(String accountId, String userId) {
    return new NotificationSettingsItem(accountId, userId, NotificationSettings.defaults(), null, null, null);
  }
}
