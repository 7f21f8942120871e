package com.textinbox.shared.notifications;

import com.textinbox.shared.notifications.NotificationEmails.Content;
import java.time.Instant;
import java.util.Set;

/**
 * One notification of one user: the notification center item (N7), and what every channel
 * delivers. {@code pending} holds the channels not delivered yet (empty once all are); {@code readAt}
 * is null while unread.
 */
public record Notification(
    String notificationId,
    String eventId,
    String eventType,
    Category category,
    Instant createdAt,
    Content content,
    String conversationId,
    String customerId,
    Instant readAt,
    Set<Channel> pending) {

  public Notification {
    pending = pending == null ? Set.of() : Set.copyOf(pending);
  }

  /** A new, unread notification with nothing pending yet. */
  public Notification(String notificationId, String eventId, String eventType, Category category, Instant createdAt,
      Content content, String conversationId, String customerId) {
    this(notificationId, eventId, eventType, category, createdAt, content, conversationId, customerId, null, Set.of());
  }

  public boolean read() {
    return readAt != null;
  }

  /** The same notification with these channels still to deliver. */
  public Notification withPending(Set<Channel> channels) {
    return new Notification(notificationId, eventId, eventType, category, createdAt, content, conversationId, customerId,
        readAt, channels);
  }
}
