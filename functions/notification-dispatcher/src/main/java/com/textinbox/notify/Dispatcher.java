package com.textinbox.notify;

import com.textinbox.notify.DispatchReads.Facts;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationEmails.Content;
import com.textinbox.shared.notifications.NotificationEvent;
import com.textinbox.shared.notifications.NotificationIds;
import com.textinbox.shared.notifications.store.NotificationStore;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import com.textinbox.shared.observability.Observability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one notification event into notifications (docs/events.md, "Notification events"): finds
 * the recipients (the assignee, a team's members, the mentioned user, the listed users; never the
 * actor, N6; never a free user, N10), then for each writes the notification center item, always,
 * and delivers it on each channel the recipient's settings ask for.
 *
 * <p>Idempotent per event and recipient: the center item's id is derived from the event id and
 * the user, and is written only if absent; it carries the set of channels still {@code pending}, and
 * a channel leaves the set once delivered. A redelivered event finds the item and retries only what
 * is pending, so nobody gets anything twice and a failed email never re-sends the push.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private final DispatchReads reads;
  private final NotificationStore notifications;
  private final List<NotificationChannel> channels;
  private final Clock clock;

  Dispatcher(DynamoTable table, List<NotificationChannel> channels, Clock clock) {
    this.reads = new DispatchReads(table);
    this.notifications = new NotificationStore(table);
    this.channels = List.copyOf(channels);
    this.clock = clock;
  }

  /** What one event did. */
  record Result(int recipients, int centerItemsWritten, int delivered, int failed) {}

  /** Thrown after every recipient was tried when a channel failed: the event comes back for what is pending. */
  static final class ChannelsFailed extends RuntimeException {
    ChannelsFailed(String eventId, int failed) {
      super(failed + " channel deliveries of event " + eventId + " failed; they stay pending for the retry");
    }
  }

  Result dispatch(NotificationEvent event) {
    String account = event.accountId();
    Facts facts = reads.facts(event);
    List<String> userIds = recipientIds(event, facts);
    userIds.remove(event.actorUserId());
    List<Recipient> recipients = reads.recipients(account, userIds);
    int written = 0;
    int delivered = 0;
    int failed = 0;
    for (Recipient recipient : recipients) {
      if (recipient.user().isFree()) {
        continue; // N10: free users see no customer data; every category today is about customers
      }
      Content content = NotificationTexts.of(event, facts.texts(), "TEAM".equals(facts.assigneeKind()));
      Notification notification = new Notification(NotificationIds.of(event.eventId(), recipient.userId(), event.at()),
          event.eventId(), event.type(), event.category(), event.at(), content, event.conversationId(), event.customerId());
      Set<Channel> wanted = new LinkedHashSet<>();
      for (NotificationChannel channel : channels) {
        if (channel.wanted(recipient, notification)) {
          wanted.add(channel.channel());
        }
      }
      Set<Channel> pending;
      if (notifications.create(account, recipient.userId(), notification.withPending(wanted), clock.instant())) {
        written++;
        pending = wanted;
      } else {
        pending = notifications.pendingChannels(account, recipient.userId(), notification); // a redelivery: only what is left
      }
      Set<Channel> done = new LinkedHashSet<>();
      for (NotificationChannel channel : channels) {
        if (!pending.contains(channel.channel())) {
          continue;
        }
        try {
          channel.deliver(recipient, notification);
          done.add(channel.channel());
        } catch (Exception e) {
          failed++;
          LOG.warn("{} of notification {} (event {}) failed, left pending: {}", channel.channel().key(),
              notification.notificationId(), event.eventId(), e.toString());
        }
      }
      if (!done.isEmpty()) {
        notifications.markDelivered(account, recipient.userId(), notification, done);
        delivered += done.size();
      }
    }
    Observability.count("NotificationsCreated", written);
    Observability.count("NotificationsDelivered", delivered);
    LOG.info("event {} ({}): {} recipients, {} center items, {} deliveries, {} failed", event.eventId(), event.type(),
        recipients.size(), written, delivered, failed);
    if (failed > 0) {
      throw new ChannelsFailed(event.eventId(), failed);
    }
    return new Result(recipients.size(), written, delivered, failed);
  }

  /**
   * Priming (decision 46): {@code event} (of an account that does not exist) read as {@link
   * #dispatch} reads it (its facts and recipients: nothing found), then its texts and what each
   * channel would send for it, built: no center item written, nothing sent.
   */
  void prime(NotificationEvent event) {
    Facts facts = reads.facts(event);
    String nobody = com.textinbox.shared.observability.Priming.KEY;
    reads.recipients(event.accountId(), List.of(nobody));
    Content content = NotificationTexts.of(event, facts.texts(), false);
    Notification notification = new Notification(NotificationIds.of(event.eventId(), nobody, event.at()),
        event.eventId(), event.type(), event.category(), event.at(), content, event.conversationId(), event.customerId());
    for (NotificationChannel channel : channels) {
      channel.prime(notification);
    }
  }

  /** Who an event is for, before N6 (the actor) and N10 (free users) are applied. */
  private List<String> recipientIds(NotificationEvent e, Facts facts) {
    List<String> ids = new ArrayList<>();
    switch (e.type()) {
      case NotificationEvent.NOTE_MENTION -> ids.add(e.mentionedUserId());
      case NotificationEvent.INVOICE_PAID -> ids.addAll(e.recipientUserIds());
      default -> {
        if (!e.recipientUserIds().isEmpty()) {
          ids.addAll(e.recipientUserIds());
        } else if ("USER".equals(facts.assigneeKind()) && facts.assigneeId() != null) {
          ids.add(facts.assigneeId());
        } else if ("TEAM".equals(facts.assigneeKind()) && facts.assigneeId() != null) {
          ids.addAll(reads.teamMembers(e.accountId(), facts.assigneeId()));
        }
      }
    }
    return new ArrayList<>(new LinkedHashSet<>(ids));
  }
}
