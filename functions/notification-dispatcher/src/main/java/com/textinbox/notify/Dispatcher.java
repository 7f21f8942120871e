package com.textinbox.notify;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationEmails.Content;
import com.textinbox.shared.notifications.NotificationEvent;
import com.textinbox.shared.notifications.NotificationIds;
import com.textinbox.shared.notifications.store.NotificationSettingsMapper;
import com.textinbox.shared.notifications.store.NotificationStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Query;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
  private final DynamoTable table;
  private final NotificationStore notifications;
  private final List<NotificationChannel> channels;
  private final Clock clock;

  Dispatcher(DynamoTable table, List<NotificationChannel> channels, Clock clock) {
    this.table = table;
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
    Facts facts = readFacts(event);
    List<String> userIds = recipientIds(event, facts);
    userIds.remove(event.actorUserId());
    List<Recipient> recipients = readRecipients(account, userIds);
    int written = 0;
    int delivered = 0;
    int failed = 0;
    for (Recipient recipient : recipients) {
      if ("free".equals(recipient.role())) {
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
    LOG.info("event {} ({}): {} recipients, {} center items, {} deliveries, {} failed", event.eventId(), event.type(),
        recipients.size(), written, delivered, failed);
    if (failed > 0) {
      throw new ChannelsFailed(event.eventId(), failed);
    }
    return new Result(recipients.size(), written, delivered, failed);
  }

  // ------------------------------------------------------------------ what the event is about

  /** The assignee read from the conversation, and the facts the texts need. */
  record Facts(String assigneeKind, String assigneeId, NotificationTexts.Facts texts) {}

  /** One BatchGetItem: the conversation, the customer, the message or note, the actor, the team. */
  private Facts readFacts(NotificationEvent e) {
    String account = e.accountId();
    Map<String, String[]> keys = new LinkedHashMap<>();
    if (e.conversationId() != null) {
      keys.put("conversation", new String[] {Keys.conversation(account, e.conversationId()), Keys.CONVERSATION_SK});
      String entryId = e.messageId() != null ? e.messageId()
          : NotificationEvent.NOTE_MENTION.equals(e.type()) ? e.noteId() : null;
      if (entryId != null) {
        keys.put("entry", new String[] {Keys.conversation(account, e.conversationId()), Keys.timelineSk(Keys.time(e.at()), entryId)});
      }
    }
    if (e.customerId() != null) {
      keys.put("customer", new String[] {Keys.customer(account, e.customerId()), Keys.PROFILE_SK});
    }
    if (e.actorUserId() != null) {
      keys.put("actor", new String[] {Keys.account(account), Keys.userSk(e.actorUserId())});
    }
    if ("TEAM".equals(e.assigneeKind())) {
      keys.put("team", new String[] {Keys.account(account), Keys.teamSk(e.assigneeId())});
    }
    Map<String, Map<String, AttributeValue>> found = batchGet(keys);
    Map<String, AttributeValue> conversation = found.get("conversation");
    Map<String, AttributeValue> entry = found.get("entry");
    String preview = entry != null ? firstNonNull(str(entry, "body"), str(entry, "text"))
        : conversation != null && !NotificationEvent.CONVERSATION_ASSIGNED_BULK.equals(e.type())
            && !e.type().startsWith("appointment.") ? str(conversation, "lastMessagePreview") : null;
    if (NotificationEvent.APPOINTMENT_REPLIED.equals(e.type()) && conversation != null) {
      preview = str(conversation, "lastMessagePreview");
    }
    String assigneeKind = e.assigneeKind() != null ? e.assigneeKind() : conversation == null ? null : str(conversation, "assigneeKind");
    String assigneeId = e.assigneeId() != null ? e.assigneeId() : conversation == null ? null : str(conversation, "assigneeId");
    Map<String, AttributeValue> actor = found.get("actor");
    Map<String, AttributeValue> team = found.get("team");
    return new Facts(assigneeKind, assigneeId, new NotificationTexts.Facts(customerName(found.get("customer")), preview,
        actor == null ? null : str(actor, "name"), team == null ? null : str(team, "name")));
  }

  // TODO(issue 9): through the conversations, customers and users stores once they are in main
  private Map<String, Map<String, AttributeValue>> batchGet(Map<String, String[]> keys) {
    Map<String, String> names = new HashMap<>();
    List<Map<String, AttributeValue>> list = new ArrayList<>();
    keys.forEach((name, key) -> {
      names.put(key[0] + "|" + key[1], name);
      list.add(DynamoTable.key(key[0], key[1]));
    });
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (Map<String, AttributeValue> item : table.batchGet(list)) {
      found.put(names.get(str(item, "PK") + "|" + str(item, "SK")), item);
    }
    return found;
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  /** As the inbox names a customer: first and last name, else the name, else the mobile number. */
  static String customerName(Map<String, AttributeValue> profile) {
    if (profile == null) {
      return null;
    }
    String joined = (nullToEmpty(str(profile, "firstName")) + " " + nullToEmpty(str(profile, "lastName"))).strip();
    if (!joined.isEmpty()) {
      return joined;
    }
    return firstNonNull(str(profile, "name"), str(profile, "mobile"));
  }

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
          ids.addAll(teamMembers(e.accountId(), facts.assigneeId()));
        }
      }
    }
    return new ArrayList<>(new LinkedHashSet<>(ids));
  }

  private List<String> teamMembers(String account, String teamId) {
    String prefix = Keys.membersOf(teamId);
    List<String> members = new ArrayList<>();
    table.queryAll(Query.table(Keys.account(account)).beginsWith(prefix))
        .forEach(item -> members.add(str(item, "SK").substring(prefix.length())));
    return members;
  }

  /** One BatchGetItem (per 50 users): each user's item and notification settings item. */
  private List<Recipient> readRecipients(String account, List<String> userIds) {
    Map<String, String[]> keys = new LinkedHashMap<>();
    for (String userId : userIds) {
      keys.put("user:" + userId, new String[] {Keys.account(account), Keys.userSk(userId)});
      keys.put("settings:" + userId, new String[] {Keys.account(account), Keys.notificationSettingsSk(userId)});
    }
    Map<String, Map<String, AttributeValue>> found = batchGet(keys);
    List<Recipient> recipients = new ArrayList<>();
    for (String userId : userIds) {
      Map<String, AttributeValue> user = found.get("user:" + userId);
      if (user == null) {
        LOG.info("recipient {} is not a user of the account: skipped", userId);
        continue;
      }
      recipients.add(new Recipient(account, userId, str(user, "name"), str(user, "email"), str(user, "role"),
          NotificationSettingsMapper.fromItem(account, userId, found.get("settings:" + userId)).settings(), telegramChatId(user)));
    }
    return recipients;
  }

  /** The chat the user connected on Telegram (the user item's {@code telegram.chatId}, set by TelegramApi), or null. */
  private static Long telegramChatId(Map<String, AttributeValue> user) {
    AttributeValue telegram = user.get("telegram");
    if (telegram == null || telegram.m() == null || telegram.m().get("chatId") == null || telegram.m().get("chatId").n() == null) {
      return null;
    }
    return Long.valueOf(telegram.m().get("chatId").n());
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
