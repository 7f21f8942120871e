package com.textinbox.notify;

import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Notification;

/**
 * One way a notification reaches a person besides the notification center: email, mobile push
 * today; the browser (live, WebSocket) and Telegram plug in the same way. The dispatcher asks each
 * channel whether a recipient gets the notification there ({@link #wanted}), notes the channels
 * still to do on the center item, and calls {@link #deliver} for each; a channel that throws is
 * left pending and retried with the event, without touching the others.
 */
public interface NotificationChannel {
  Channel channel();

  /** Whether this recipient gets this notification on this channel (their settings, an address...). */
  default boolean wanted(Recipient recipient, Notification notification) {
    return recipient.settings().enabled(notification.category(), channel());
  }

  /** Delivers it; must be safe to call again for the same notification after a failure. */
  void deliver(Recipient recipient, Notification notification) throws Exception;

  /**
   * Priming (decision 46): builds what {@link #deliver} would send for {@code notification} (the
   * email, the push payload, the message) and sends nothing. A channel with nothing to build keeps this.
   */
  default void prime(Notification notification) {}
}
