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
  static final String NEXT_DIGEST_AT = "nextDigestAt";
  static final String LAST_DIGEST_AT = "lastDigestAt";

  private NotificationSettingsMapper() {}

  public static Map<String, AttributeValue> toItem(NotificationSettingsItem s) {
    return ItemBuilder.item(Keys.account(s.accountId()), Keys.notificationSettingsSk(s.userId()), "NotificationSettings")
        .map("categories", categories(s.settings()))
        .str("emailMode", s.settings().emailMode().key())
        .num("digestHour", s.settings().digestHour())
        .str("timeZone", s.settings().timeZone())
        .str("accountId", s.accountId())
        .str("userId", s.userId())
        .time("updatedAt", s.updatedAt())
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
    return new NotificationSettingsItem(r.str("accountId", accountId), r.str("userId", userId), settings(r),
        r.time("updatedAt"), r.time(NEXT_DIGEST_AT), r.time(LAST_DIGEST_AT));
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
    ItemReader categories = r.map("categories");
    if (categories != null) {
      categories.item().keySet().forEach(key -> Category.of(key).ifPresent(category -> {
        Set<Channel> set = EnumSet.noneOf(Channel.class);
        set.addAll(defaults.channels().getOrDefault(category, Set.of()));
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
    EmailMode mode = "digest".equals(r.str("emailMode")) ? EmailMode.DIGEST : EmailMode.IMMEDIATE;
    int hour = (int) r.num("digestHour", NotificationSettings.DEFAULT_DIGEST_HOUR);
    String zone = r.str("timeZone");
    return new NotificationSettings(channels, mode, hour,
        zone != null && NotificationSettings.validZone(zone) ? zone : NotificationSettings.DEFAULT_TIME_ZONE);
  }

  private static ItemBuilder categories(NotificationSettings settings) {
    ItemBuilder categories = ItemBuilder.map();
    for (Category category : Category.values()) {
      if (!settings.channels().containsKey(category)) {
        continue; // not chosen yet (the monthly report: it follows the role until then)
      }
      ItemBuilder flags = ItemBuilder.map();
      for (Channel channel : Channel.values()) {
        flags.bool(channel.key(), settings.enabled(category, channel));
      }
      categories.map(category.key(), flags);
    }
    return categories;
  }
}
