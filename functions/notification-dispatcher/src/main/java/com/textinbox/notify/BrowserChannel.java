package com.textinbox.notify;

import com.textinbox.shared.live.LiveSender;
import com.textinbox.shared.notifications.Channel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The browser, live (N11): the notification goes to every web client the user has open, through
 * the WebSocket API's Management API ({@link LiveSender}). A user with no open client gets nothing
 * here and loses nothing: the center item is the durable copy the web app reads when it opens.
 * One connection failing never fails the others (LiveSender counts it and goes on).
 */
final class BrowserChannel implements NotificationChannel {
  private final LiveSender live;

  BrowserChannel(LiveSender live) {
    this.live = live;
  }

  @Override
  public Channel channel() {
    return Channel.BROWSER;
  }

  @Override
  public void deliver(Recipient recipient, Notification notification) {
    live.sendToUser(recipient.accountId(), recipient.userId(), payload(notification));
  }

  /** What the web app receives: the center item's id (to mark it read), what to show, where it leads. */
  static Map<String, Object> payload(Notification n) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", "notification");
    payload.put("notificationId", n.notificationId());
    payload.put("eventType", n.eventType());
    payload.put("category", n.category().key());
    payload.put("title", n.content().title());
    if (n.content().body() != null) {
      payload.put("body", n.content().body());
    }
    if (n.content().linkPath() != null) {
      payload.put("link", n.content().linkPath());
    }
    if (n.conversationId() != null) {
      payload.put("conversationId", n.conversationId());
    }
    payload.put("at", n.at().toString());
    return payload;
  }
}
