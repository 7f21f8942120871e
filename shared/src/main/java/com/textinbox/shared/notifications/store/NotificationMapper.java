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
  static final String TYPE = "Notification";
  static final String NOTIFICATION_ID = "notificationId";
  static final String EVENT_ID = "eventId";
  static final String EVENT_TYPE = "eventType";
  static final String CATEGORY = "category";
  static final String TITLE = "title";
  static final String BODY = "body";
  static final String LINK_PATH = "linkPath";
  static final String LINK_LABEL = "linkLabel";
  static final String CONVERSATION_ID = "conversationId";
  static final String CUSTOMER_ID = "customerId";
  static final String CREATED_AT = "createdAt";
  static final String READ_AT = "readAt";
  /** String set of the channels not delivered yet; absent when none is. */
  static final String PENDING = "pending";

  private NotificationMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, String userId, Notification n, Instant expiresAt) {
    String time = Keys.time(n.createdAt());
    ItemBuilder item = ItemBuilder.item(Keys.notificationsOf(accountId, userId), sortKey(n.createdAt(), n.notificationId()), TYPE)
        .str(NOTIFICATION_ID, n.notificationId())
        .str(EVENT_ID, n.eventId())
        .str(EVENT_TYPE, n.eventType())
        .str(CATEGORY, n.category() == null ? null : n.category().key());
    content(item, n.content())
        .str(CONVERSATION_ID, n.conversationId())
        .str(CUSTOMER_ID, n.customerId())
        .str(CREATED_AT, time)
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
    return new Notification(r.str(NOTIFICATION_ID), r.str(EVENT_ID), r.str(EVENT_TYPE),
        Category.of(r.str(CATEGORY)).orElse(null), r.time(CREATED_AT), content(r), r.str(CONVERSATION_ID),
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
    return item.str(TITLE, content.title())
        .str(BODY, content.body())
        .str(LINK_PATH, content.linkPath())
        .str(LINK_LABEL, content.linkLabel());
  }

  static Content content(ItemReader r) {
    return new Content(r.str(TITLE), r.str(BODY), r.str(LINK_PATH), r.str(LINK_LABEL));
  }
}
