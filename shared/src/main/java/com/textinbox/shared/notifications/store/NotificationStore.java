package com.textinbox.shared.notifications.store;

import static com.textinbox.shared.notifications.store.NotificationMapper.PENDING;
import static com.textinbox.shared.notifications.store.NotificationMapper.READ_AT;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationIds;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Page;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.QueryResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's notification center items (N7): written once per event and user by the dispatcher,
 * which then crosses off the channels delivered; listed, counted and marked read by the API.
 */
public record NotificationStore(DynamoTable table) {
  /** Center items expire after this long (DynamoDB TTL). */
  public static final Duration KEEP = Duration.ofDays(90);
  private static final String MARK_READ = "SET " + READ_AT + " = if_not_exists(" + READ_AT + ", :now) REMOVE "
      + Table.GSI1PK + ", " + Table.GSI1SK;

  /**
   * Writes the item unless it is there (a redelivered event); false when it was. It expires
   * {@link #KEEP} after its time, or after now for an event from the future.
   */
  public boolean create(String accountId, String userId, Notification n, Instant now) {
    Instant expiresAt = (n.createdAt().isAfter(now) ? n.createdAt() : now).plus(KEEP);
    return table.putIfAbsent(NotificationMapper.toItem(accountId, userId, n, expiresAt));
  }

  /** The channels of this notification still to deliver, as last written (none: no item, or all delivered). */
  public Set<Channel> pendingChannels(String accountId, String userId, Notification n) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.notificationsOf(accountId, userId),
        NotificationMapper.sortKey(n.createdAt(), n.notificationId()));
    return item == null ? Set.of() : NotificationMapper.fromItem(item).pending();
  }

  /** These channels are done: they leave the pending set. */
  public void markDelivered(String accountId, String userId, Notification n, Set<Channel> done) {
    table.update(b -> b.key(DynamoTable.key(Keys.notificationsOf(accountId, userId),
            NotificationMapper.sortKey(n.createdAt(), n.notificationId())))
        .updateExpression("DELETE " + PENDING + " :done")
        .expressionAttributeValues(Map.of(":done", AttributeValue.fromSs(done.stream().map(Channel::key).toList()))));
  }

  /**
   * One page of the unread list, newest first, after the unread sort key {@code after} (null: from
   * the newest); the page's cursor is the last unread sort key read, null when the list is done.
   */
  public Page<Notification> unread(String accountId, String userId, String after, int limit) {
    Query query = Query.gsi(1, Keys.unreadNotificationsOf(accountId, userId)).newestFirst().limit(limit);
    if (after != null) {
      query.lessThan(after);
    }
    return page(table.query(query), Table.GSI1SK);
  }

  /**
   * One page of all the user's notifications (or only the read ones), newest first, after the sort
   * key {@code after}; the cursor is the last sort key read, null when the partition is done.
   */
  public Page<Notification> all(String accountId, String userId, String after, int limit, boolean readOnly) {
    Query query = Query.table(Keys.notificationsOf(accountId, userId)).newestFirst().limit(limit);
    if (after == null) {
      query.beginsWith(Keys.NOTIFICATION_PREFIX);
    } else {
      query.lessThan(after);
    }
    if (readOnly) {
      query.filter("attribute_exists(#" + READ_AT + ")");
    }
    return page(table.query(query), Table.SK);
  }

  /** The unread count, counted on the unread list up to about {@code cap}. */
  public int countUnread(String accountId, String userId, int cap) {
    return table.count(Query.gsi(1, Keys.unreadNotificationsOf(accountId, userId)), cap);
  }

  /**
   * Marks one read (again: keeps the first {@code readAt}); it leaves the unread list. False when the
   * user has no notification of that id.
   */
  public boolean markRead(String accountId, String userId, String notificationId, Instant now) {
    return NotificationIds.sortKey(notificationId)
        .map(sk -> markRead(Keys.notificationsOf(accountId, userId), sk, now))
        .orElse(false);
  }

  /** Marks every unread one read: a page of the unread list (by {@code pageSize}) then one UpdateItem each, until none is left. */
  public int markAllRead(String accountId, String userId, Instant now, int pageSize) {
    int marked = 0;
    List<Map<String, AttributeValue>> unread;
    do {
      unread = table.query(Query.gsi(1, Keys.unreadNotificationsOf(accountId, userId)).limit(pageSize)).items();
      for (Map<String, AttributeValue> item : unread) {
        if (markRead(item.get(Table.PK).s(), item.get(Table.SK).s(), now)) {
          marked++;
        } // else gone meanwhile (TTL)
      }
    } while (unread.size() == pageSize);
    return marked;
  }

  private boolean markRead(String pk, String sk, Instant now) {
    return table.updateIf(b -> b.key(DynamoTable.key(pk, sk))
        .updateExpression(MARK_READ)
        .conditionExpression("attribute_exists(" + Table.PK + ")")
        .expressionAttributeValues(DynamoTable.values(":now", Keys.time(now))));
  }

  private static Page<Notification> page(QueryResult result, String cursorAttribute) {
    List<Notification> items = result.items().stream().map(NotificationMapper::fromItem).toList();
    return new Page<>(items, result.hasMore() ? result.lastKey().get(cursorAttribute).s() : null);
  }

  /**
   * Deletes the user's center items and digest items about a deleted customer (P5): those naming
   * the customer or one of its conversations, or linking to one (at most 99 conversations are
   * matched). Reads the user's two partitions whole (a background job's step); returns how many
   * items it deleted. Run again, it finds none.
   */
  public int deleteAbout(String accountId, String userId, String customerId, List<String> conversationIds) {
    List<String> ids = conversationIds.subList(0, Math.min(conversationIds.size(), 99));
    List<AttributeValue> values = new java.util.ArrayList<>();
    values.add(AttributeValue.fromS(customerId));
    StringBuilder conversations = new StringBuilder();
    StringBuilder links = new StringBuilder();
    for (String id : ids) {
      values.add(AttributeValue.fromS(id));
      conversations.append(conversations.isEmpty() ? "" : ", ").append(":f").append(values.size() - 1);
    }
    for (String id : ids) {
      values.add(AttributeValue.fromS("/conversations/" + id));
      links.append(links.isEmpty() ? "" : ", ").append(":f").append(values.size() - 1);
    }
    String filter = "#" + NotificationMapper.CUSTOMER_ID + " = :f0" + (ids.isEmpty() ? "" : " OR #"
        + NotificationMapper.CONVERSATION_ID + " IN (" + conversations + ") OR #" + NotificationMapper.LINK_PATH
        + " IN (" + links + ")");
    AttributeValue[] filterValues = values.toArray(new AttributeValue[0]);
    List<Map<String, AttributeValue>> keys = new java.util.ArrayList<>();
    for (String pk : List.of(Keys.notificationsOf(accountId, userId), Keys.digestOf(accountId, userId))) {
      table.queryAll(Query.table(pk).filter(filter, filterValues)).forEach(item -> keys.add(DynamoTable.keyOf(item)));
    }
    table.deleteAll(keys);
    return keys.size();
  }
}
