package com.textinbox.shared.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.NotificationEmails.Content;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two JSON shapes of a notification: the center API's (docs/openapi.yaml) and the live message (docs/events.md). */
class NotificationViewTest {
  private static final Instant AT = Instant.parse("2026-11-21T14:03:00Z");
  private static final Notification UNREAD = new Notification("n1-0123456789abcdef", "evt-1", "message.received",
      Category.CONVERSATION, AT, new Content("New message from John Smith", "Is my car ready?", "/conversations/conv-john",
      "View conversation"), "conv-john", "cust-john", null, Set.of(Channel.EMAIL));

  @Test
  void theCenterShowsWhatTheItemSaysAndWhetherItWasRead() {
    assertEquals("{\"id\":\"n1-0123456789abcdef\",\"type\":\"message.received\",\"category\":\"conversation\","
        + "\"title\":\"New message from John Smith\",\"body\":\"Is my car ready?\",\"link\":\"/conversations/conv-john\","
        + "\"linkLabel\":\"View conversation\",\"conversationId\":\"conv-john\",\"customerId\":\"cust-john\","
        + "\"createdAt\":\"2026-11-21T14:03:00.000Z\",\"read\":false}", Json.write(NotificationView.of(UNREAD)));
    Notification read = new Notification("n2-0123456789abcdef", "evt-2", "invoice.paid", Category.INVOICE, AT,
        new Content("Invoice paid", null, "/invoices/inv-1", "View invoice"), null, null, AT.plusSeconds(60), Set.of());
    assertEquals("{\"id\":\"n2-0123456789abcdef\",\"type\":\"invoice.paid\",\"category\":\"invoice\",\"title\":\"Invoice paid\","
        + "\"link\":\"/invoices/inv-1\",\"linkLabel\":\"View invoice\",\"createdAt\":\"2026-11-21T14:03:00.000Z\","
        + "\"read\":true,\"readAt\":\"2026-11-21T14:04:00.000Z\"}", Json.write(NotificationView.of(read)));
  }

  @Test
  void theLiveMessageNamesTheCenterItem() {
    assertEquals("{\"type\":\"notification\",\"notificationId\":\"n1-0123456789abcdef\",\"eventType\":\"message.received\","
        + "\"category\":\"conversation\",\"title\":\"New message from John Smith\",\"body\":\"Is my car ready?\","
        + "\"link\":\"/conversations/conv-john\",\"conversationId\":\"conv-john\",\"at\":\"2026-11-21T14:03:00Z\"}",
        Json.write(NotificationView.live(UNREAD)));
  }
}
