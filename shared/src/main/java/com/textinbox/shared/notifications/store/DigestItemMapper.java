package com.textinbox.shared.notifications.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.notifications.DigestItem;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A digest item ({@code A#<acct>#U#<userId>#DIGEST} / {@code <time>#<notificationId>}): the
 * notification's content (the center item's attribute names, {@link NotificationMapper#content}).
 */
public final class DigestItemMapper {

  private DigestItemMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, String userId, DigestItem d) {
    String time = Keys.time(d.createdAt());
    ItemBuilder item = ItemBuilder.item(Keys.digestOf(accountId, userId), Keys.activitySk(time, d.notificationId()), "DigestItem")
        .str("notificationId", d.notificationId());
    return NotificationMapper.content(item, d.content()).str("createdAt", time).build();
  }

  /** The time and id come from the sort key ({@code <time>#<id>}), which every digest item has. */
  public static DigestItem fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    String sk = r.sk();
    int hash = sk.indexOf('#');
    return new DigestItem(sk.substring(hash + 1), Instant.parse(sk.substring(0, hash)), NotificationMapper.content(r));
  }

  static String sortKey(DigestItem d) {
    return Keys.activitySk(Keys.time(d.createdAt()), d.notificationId());
  }
}
