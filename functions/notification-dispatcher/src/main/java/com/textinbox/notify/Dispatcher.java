package com.textinbox.notify;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.customers.CustomerName;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.NotificationEmails.Content;
import com.textinbox.shared.notifications.NotificationEvent;
import com.textinbox.shared.notifications.NotificationIds;
import com.textinbox.shared.notifications.NotificationSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

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
  /** Center items expire after this long (DynamoDB TTL). */
  static final Duration KEEP = Duration.ofDays(90);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final List<NotificationChannel> channels;
  private final Clock clock;

  Dispatcher(DynamoDbClient dynamoDb, String table, List<NotificationChannel> channels, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
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
      if (putCenterItem(recipient, notification, wanted)) {
        written++;
        pending = wanted;
      } else {
        pending = pendingChannels(recipient, notification); // a redelivery: only what is left
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
        markDelivered(recipient, notification, done);
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
    Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
    if (e.conversationId() != null) {
      keys.put("conversation", key(Keys.conversation(account, e.conversationId()), Keys.CONVERSATION_SK));
      String entryId = e.messageId() != null ? e.messageId()
          : NotificationEvent.NOTE_MENTION.equals(e.type()) ? e.noteId() : null;
      if (entryId != null) {
        keys.put("entry", key(Keys.conversation(account, e.conversationId()), Keys.timelineSk(Keys.time(e.at()), entryId)));
      }
    }
    if (e.customerId() != null) {
      keys.put("customer", key(Keys.customer(account, e.customerId()), Keys.PROFILE_SK));
    }
    if (e.actorUserId() != null) {
      keys.put("actor", key(Keys.account(account), Keys.userSk(e.actorUserId())));
    }
    if ("TEAM".equals(e.assigneeKind())) {
      keys.put("team", key(Keys.account(account), Keys.teamSk(e.assigneeId())));
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

  /** As the inbox names a customer: first and last name, else the name, else the mobile number. */
  static String customerName(Map<String, AttributeValue> profile) {
    if (profile == null) {
      return null;
    }
    return CustomerName.label(str(profile, "firstName"), str(profile, "lastName"), str(profile, "name"), str(profile, "mobile"));
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
    dynamoDb.queryPaginator(b -> b.tableName(table)
            .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
            .expressionAttributeValues(Map.of(":pk", s(Keys.account(account)), ":prefix", s(prefix))))
        .items().forEach(item -> members.add(str(item, Table.SK).substring(prefix.length())));
    return members;
  }

  /** One BatchGetItem (per 50 users): each user's item and notification settings item. */
  private List<Recipient> readRecipients(String account, List<String> userIds) {
    List<Recipient> recipients = new ArrayList<>();
    for (int from = 0; from < userIds.size(); from += 50) {
      List<String> chunk = userIds.subList(from, Math.min(userIds.size(), from + 50));
      Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
      for (String userId : chunk) {
        keys.put("user:" + userId, key(Keys.account(account), Keys.userSk(userId)));
        keys.put("settings:" + userId, key(Keys.account(account), Keys.notificationSettingsSk(userId)));
      }
      Map<String, Map<String, AttributeValue>> found = batchGet(keys);
      for (String userId : chunk) {
        Map<String, AttributeValue> user = found.get("user:" + userId);
        if (user == null) {
          LOG.info("recipient {} is not a user of the account: skipped", userId);
          continue;
        }
        recipients.add(new Recipient(account, userId, str(user, "name"), str(user, "email"), str(user, "role"),
            NotificationSettings.fromItem(found.get("settings:" + userId)), telegramChatId(user)));
      }
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

  /** BatchGetItem of named keys (at most 100), unprocessed keys retried; answers the items found by name. */
  private Map<String, Map<String, AttributeValue>> batchGet(Map<String, Map<String, AttributeValue>> keys) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    Map<String, String> nameOfKey = new HashMap<>();
    keys.forEach((name, k) -> nameOfKey.put(str(k, Table.PK) + "|" + str(k, Table.SK), name));
    Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
        .keys(new ArrayList<>(new LinkedHashSet<>(keys.values()))).build());
    for (int attempt = 0; !request.isEmpty(); attempt++) {
      if (attempt > 0) {
        pause(attempt);
      }
      Map<String, KeysAndAttributes> current = request;
      BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(current));
      for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
        found.put(nameOfKey.get(str(item, Table.PK) + "|" + str(item, Table.SK)), item);
      }
      request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      if (attempt > 8 && !request.isEmpty()) {
        throw new IllegalStateException("DynamoDB left keys unprocessed after " + attempt + " tries");
      }
    }
    return found;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(1000, 25L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ the center item

  /** Writes the center item if it is not there yet; false when it was (a redelivery). */
  private boolean putCenterItem(Recipient r, Notification n, Set<Channel> pending) {
    String time = Keys.time(n.at());
    Map<String, AttributeValue> item = new HashMap<>(key(Keys.notificationsOf(r.accountId(), r.userId()), Keys.notificationSk(time, n.notificationId())));
    item.put(Table.TYPE, s("Notification"));
    item.put("notificationId", s(n.notificationId()));
    item.put("eventId", s(n.eventId()));
    item.put("eventType", s(n.eventType()));
    item.put("category", s(n.category().key()));
    item.put("title", s(n.content().title()));
    putIfPresent(item, "body", n.content().body());
    putIfPresent(item, "linkPath", n.content().linkPath());
    putIfPresent(item, "linkLabel", n.content().linkLabel());
    putIfPresent(item, "conversationId", n.conversationId());
    putIfPresent(item, "customerId", n.customerId());
    item.put("createdAt", s(time));
    item.put(Table.GSI1PK, s(Keys.unreadNotificationsOf(r.accountId(), r.userId())));
    item.put(Table.GSI1SK, s(Keys.activitySk(time, n.notificationId())));
    Instant now = clock.instant();
    item.put(Table.EXPIRES_AT, AttributeValue.fromN(Long.toString((n.at().isAfter(now) ? n.at() : now).plus(KEEP).getEpochSecond())));
    if (!pending.isEmpty()) {
      item.put("pending", AttributeValue.fromSs(pending.stream().map(Channel::key).toList()));
    }
    try {
      dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
  }

  private Set<Channel> pendingChannels(Recipient r, Notification n) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
        .key(key(Keys.notificationsOf(r.accountId(), r.userId()), Keys.notificationSk(Keys.time(n.at()), n.notificationId())))
        .projectionExpression("pending")).item();
    Set<Channel> pending = new LinkedHashSet<>();
    if (item != null && item.containsKey("pending")) {
      item.get("pending").ss().forEach(name -> Channel.of(name).ifPresent(pending::add));
    }
    return pending;
  }

  private void markDelivered(Recipient r, Notification n, Set<Channel> done) {
    dynamoDb.updateItem(b -> b.tableName(table)
        .key(key(Keys.notificationsOf(r.accountId(), r.userId()), Keys.notificationSk(Keys.time(n.at()), n.notificationId())))
        .updateExpression("DELETE pending :done")
        .expressionAttributeValues(Map.of(":done", AttributeValue.fromSs(done.stream().map(Channel::key).toList()))));
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
