package com.textinbox.shared.notifications;

import com.textinbox.shared.data.Keys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ids of notification center items: {@code n<epoch millis>-<16 hex>}. The hash is of the event id
 * and the user, so the same event redelivered makes the same id (a conditional put keeps one item);
 * the time lets the API find the item's sort key ({@code N#<time>#<id>}) from the id alone.
 */
public final class NotificationIds {
  private static final Pattern ID = Pattern.compile("n(\\d{1,15})-[0-9a-f]{16}");

  private NotificationIds() {}

  public static String of(String eventId, String userId, Instant at) {
    return "n" + at.toEpochMilli() + "-" + sha256Hex(eventId + "|" + userId).substring(0, 16);
  }

  /** The sort key of the item with this id; empty for anything that is not such an id. */
  public static Optional<String> sortKey(String notificationId) {
    Matcher m = ID.matcher(notificationId == null ? "" : notificationId);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(Keys.notificationSk(Keys.time(Instant.ofEpochMilli(Long.parseLong(m.group(1)))), notificationId));
  }

  public static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
