package com.textinbox.shared.notifications;

import com.textinbox.shared.notifications.NotificationEmails.Content;
import java.time.Instant;

/** A notification kept for a user's next daily digest email (N5); deleted once that email is sent. */
public record DigestItem(String notificationId, Instant createdAt, Content content) {}
