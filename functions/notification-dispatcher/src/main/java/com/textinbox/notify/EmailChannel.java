package com.textinbox.notify;

import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.DigestItem;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationEmails;
import com.textinbox.shared.notifications.NotificationSettings.EmailMode;
import com.textinbox.shared.notifications.store.DigestStore;

/**
 * Email (N3, N5): sent now through SES, or, for a user who chose the daily digest, kept as a digest
 * item that the DailyDigest schedule sends with the others at their hour.
 */
record EmailChannel(EmailSender sender, DigestStore digests, String webAppBaseUrl) implements NotificationChannel {
  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public boolean wanted(Recipient recipient, Notification notification) {
    return recipient.email() != null && NotificationChannel.super.wanted(recipient, notification);
  }

  /**
   * The email a recipient would get, built and handed to the sender's {@link EmailSender#prime},
   * which stops it before SES has it: to an address of the reserved .invalid domain.
   */
  @Override
  public void prime(Notification notification) {
    sender.prime(NotificationEmails.single("priming@example.invalid", notification.content(), webAppBaseUrl));
  }

  @Override
  public void deliver(Recipient recipient, Notification notification) {
    if (recipient.settings().emailMode() == EmailMode.DIGEST) {
      // what the digest email lists; written once (a redelivery finds it there)
      digests.keep(recipient.accountId(), recipient.userId(),
          new DigestItem(notification.notificationId(), notification.createdAt(), notification.content()));
    } else {
      sender.send(NotificationEmails.single(recipient.email(), notification.content(), webAppBaseUrl));
    }
  }
}
