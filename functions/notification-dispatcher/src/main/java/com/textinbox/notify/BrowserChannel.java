package com.textinbox.notify;

import com.textinbox.shared.live.LiveSender;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationView;

/**
 * The browser, live (N11): the notification goes to every web client the user has open, through
 * the WebSocket API's Management API ({@link LiveSender}), as {@link NotificationView#live}: the
 * center item's id (to mark it read), what to show, where it leads. A user with no open client
 * gets nothing here and loses nothing: the center item is the durable copy the web app reads when
 * it opens. One connection failing never fails the others (LiveSender counts it and goes on).
 */
record BrowserChannel(LiveSender live) implements NotificationChannel {
  @Override
  public Channel channel() {
    return Channel.BROWSER;
  }

  @Override
  public void deliver(Recipient recipient, Notification notification) {
    live.sendToUser(recipient.accountId(), recipient.userId(), NotificationView.live(notification));
  }
}
