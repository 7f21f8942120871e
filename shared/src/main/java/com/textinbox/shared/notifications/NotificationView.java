package com.textinbox.shared.notifications;

import com.textinbox.shared.data.Keys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place a notification is written for clients: the notification center API's
 * {@code Notification} (docs/openapi.yaml) and the live message an open web client gets on the
 * WebSocket (docs/events.md, N11), which names the center item so the client can mark it read.
 */
public final class NotificationView {
  private NotificationView() {}

  /** The API's shape: {@code {id, type, category, title, body?, link?, linkLabel?, ..., createdAt, read, readAt?}}. */
  public static Map<String, Object> of(Notification n) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", n.notificationId());
    view.put("type", n.eventType());
    view.put("category", n.category() == null ? null : n.category().key());
    view.put("title", n.content().title());
    putIfPresent(view, "body", n.content().body());
    putIfPresent(view, "link", n.content().linkPath());
    putIfPresent(view, "linkLabel", n.content().linkLabel());
    putIfPresent(view, "conversationId", n.conversationId());
    putIfPresent(view, "customerId", n.customerId());
    view.put("createdAt", n.createdAt() == null ? null : Keys.time(n.createdAt()));
    view.put("read", n.read());
    putIfPresent(view, "readAt", n.readAt() == null ? null : Keys.time(n.readAt()));
    return view;
  }

  /** The live message: {@code {"type": "notification", notificationId, eventType, category, title, body?, link?, conversationId?, at}}. */
  public static Map<String, Object> live(Notification n) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", "notification");
    payload.put("notificationId", n.notificationId());
    payload.put("eventType", n.eventType());
    payload.put("category", n.category().key());
    payload.put("title", n.content().title());
    putIfPresent(payload, "body", n.content().body());
    putIfPresent(payload, "link", n.content().linkPath());
    putIfPresent(payload, "conversationId", n.conversationId());
    payload.put("at", n.createdAt().toString());
    return payload;
  }

  private static void putIfPresent(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }
}
