package com.textinbox.shared.notifications.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.notifications.Category;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationEmails.Content;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The notification center item ({@code A#<acct>#U#<userId>#NOTIFICATIONS} / {@code N#<time>#<id>}),
 * on the sparse GSI1 list {@code A#<acct>#U#<userId>#UNREAD} while unread, with a TTL. Also the
 * content attributes a digest item shares ({@link #content}).
 */
public final class NotificationMapper {
  static final String READ_AT = "readAt";
  /** String set of the channels not delivered yet; absent when none is. */
  static final String PENDING = "pending";
  /** What an item points at (a customer deletion deletes the items about its customer: P5). */
  static final String CONVERSATION_ID = "conversationId", CUSTOMER_ID = "customerId", LINK_PATH = "linkPath";

  private NotificationMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, String userId, Notification n, Instant expiresAt) {
    String time = Keys.time(n.createdAt());
    ItemBuilder item = ItemBuilder.item(Keys.notificationsOf(accountId, userId), sortKey(n.createdAt(), n.notificationId()), "Notification")
        .str("notificationId", n.notificationId())
        .str("eventId", n.eventId())
        .str("eventType", n.eventType())
        .str("category", n.category() == null ? null : n.category().key());
    content(item, n.content())
        .str(CONVERSATION_ID, n.conversationId())
        .str(CUSTOMER_ID, n.customerId())
        .str("createdAt", time)
        .time(READ_AT, n.readAt())
        .strSet(PENDING, n.pending().stream().map(Channel::key).toList())
        .index(Table.GSI1PK, n.read() ? null : Keys.unreadNotificationsOf(accountId, userId),
            Table.GSI1SK, n.read() ? null : unreadSortKey(n.createdAt(), n.notificationId()))
        .expiresAt(expiresAt);
    return item.build();
  }

  public static Notification fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    Set<Channel> pending = EnumSet.noneOf(Channel.class);
    r.strList(PENDING).forEach(key -> Channel.of(key).ifPresent(pending::add));
    return new Notification(r.str("notificationId"), r.str("eventId"), r.str("eventType"),
        Category.of(r.str("category")).orElse(null), r.time("createdAt"), content(r), r.str(CONVERSATION_ID),
        r.str(CUSTOMER_ID), r.time(READ_AT), pending);
  }

  static String sortKey(Instant createdAt, String notificationId) {
    return Keys.notificationSk(Keys.time(createdAt), notificationId);
  }

  static String unreadSortKey(Instant createdAt, String notificationId) {
    return Keys.activitySk(Keys.time(createdAt), notificationId);
  }

  /** What a notification says: the same attributes on a center item and a digest item. */
  static ItemBuilder content(ItemBuilder item, Content content) {
    return item.str("title", content.title())
        .str("body", content.body())
        .str(LINK_PATH, content.linkPath())
        .str("linkLabel", content.linkLabel());
  }

  static Content content(ItemReader r) {
    return new Content(r.str("title"), r.str("body"), r.str(LINK_PATH), r.str("linkLabel"));
  }
}
