package com.textinbox.shared.notifications.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.notifications.Category;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.notifications.NotificationSettings.EmailMode;
import com.textinbox.shared.notifications.NotificationSettingsItem;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The notification settings item ({@code A#<acct>} / {@code NOTIFYSETTINGS#<userId>}): categories x
 * channels as a map of maps of booleans, the email mode, digest hour and zone, and while a digest
 * is scheduled {@code nextDigestAt} with the GSI4 keys of the due list {@code DUE#DIGEST}.
 */
public final class NotificationSettingsMapper {
  static final String TYPE = "NotificationSettings";
  static final String CATEGORIES = "categories";
  static final String EMAIL_MODE = "emailMode";
  static final String DIGEST_HOUR = "digestHour";
  static final String TIME_ZONE = "timeZone";
  static final String ACCOUNT_ID = "accountId";
  static final String USER_ID = "userId";
  static final String UPDATED_AT = "updatedAt";
  static final String NEXT_DIGEST_AT = "nextDigestAt";
  static final String LAST_DIGEST_AT = "lastDigestAt";

  private NotificationSettingsMapper() {}

  public static Map<String, AttributeValue> toItem(NotificationSettingsItem s) {
    return ItemBuilder.item(Keys.account(s.accountId()), Keys.notificationSettingsSk(s.userId()), TYPE)
        .map(CATEGORIES, categories(s.settings()))
        .str(EMAIL_MODE, s.settings().emailMode().key())
        .num(DIGEST_HOUR, s.settings().digestHour())
        .str(TIME_ZONE, s.settings().timeZone())
        .str(ACCOUNT_ID, s.accountId())
        .str(USER_ID, s.userId())
        .time(UPDATED_AT, s.updatedAt())
        .time(NEXT_DIGEST_AT, s.nextDigestAt())
        .time(LAST_DIGEST_AT, s.lastDigestAt())
        .index(Table.GSI4PK, s.nextDigestAt() == null ? null : Keys.DIGESTS_DUE,
            Table.GSI4SK, s.nextDigestAt() == null ? null : dueSortKey(s))
        .build();
  }

  /** The item as stored; no item: the defaults of that user. */
  public static NotificationSettingsItem fromItem(String accountId, String userId, Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return NotificationSettingsItem.defaults(accountId, userId);
    }
    ItemReader r = ItemReader.of(item);
    return new NotificationSettingsItem(r.str(ACCOUNT_ID, accountId), r.str(USER_ID, userId), settings(r),
        r.time(UPDATED_AT), r.time(NEXT_DIGEST_AT), r.time(LAST_DIGEST_AT));
  }

  /** An item of the due list (it names its account and user). */
  public static NotificationSettingsItem fromItem(Map<String, AttributeValue> item) {
    return fromItem(null, null, item);
  }

  static String dueSortKey(NotificationSettingsItem s) {
    return Keys.digestDue(Keys.time(s.nextDigestAt()), s.accountId(), s.userId());
  }

  /** A missing attribute falls back to the default, a category to its default channels. */
  private static NotificationSettings settings(ItemReader r) {
    NotificationSettings defaults = NotificationSettings.defaults();
    Map<Category, Set<Channel>> channels = new EnumMap<>(defaults.channels());
    ItemReader categories = r.map(CATEGORIES);
    if (categories != null) {
      categories.item().keySet().forEach(key -> Category.of(key).ifPresent(category -> {
        Set<Channel> set = EnumSet.copyOf(defaults.channels().get(category));
        ItemReader flags = categories.map(key);
        if (flags != null) {
          flags.item().keySet().forEach(channelKey -> Channel.of(channelKey).ifPresent(channel -> {
            if (flags.bool(channelKey)) {
              set.add(channel);
            } else {
              set.remove(channel);
            }
          }));
        }
        channels.put(category, set);
      }));
    }
    EmailMode mode = "digest".equals(r.str(EMAIL_MODE)) ? EmailMode.DIGEST : EmailMode.IMMEDIATE;
    int hour = (int) r.num(DIGEST_HOUR, NotificationSettings.DEFAULT_DIGEST_HOUR);
    String zone = r.str(TIME_ZONE);
    return new NotificationSettings(channels, mode, hour,
        zone != null && NotificationSettings.validZone(zone) ? zone : NotificationSettings.DEFAULT_TIME_ZONE);
  }

  private static ItemBuilder categories(NotificationSettings settings) {
    ItemBuilder categories = ItemBuilder.map();
    for (Category category : Category.values()) {
      ItemBuilder flags = ItemBuilder.map();
      for (Channel channel : Channel.values()) {
        flags.bool(channel.key(), settings.enabled(category, channel));
      }
      categories.map(category.key(), flags);
    }
    return categories;
  }
}
