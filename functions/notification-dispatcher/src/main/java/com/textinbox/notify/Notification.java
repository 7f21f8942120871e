package com.textinbox.notify;

import com.textinbox.shared.notifications.Category;
import com.textinbox.shared.notifications.NotificationEmails;
import java.time.Instant;

/** One notification for one user, as every channel delivers it. */
public record Notification(
    String notificationId,
    String eventId,
    String eventType,
    Category category,
    Instant at,
    NotificationEmails.Content content,
    String conversationId,
    String customerId) {}
