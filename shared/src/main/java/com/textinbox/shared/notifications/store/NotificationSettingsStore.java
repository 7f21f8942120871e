package com.textinbox.shared.notifications.store;

import static com.textinbox.shared.notifications.store.NotificationSettingsMapper.LAST_DIGEST_AT;
import static com.textinbox.shared.notifications.store.NotificationSettingsMapper.NEXT_DIGEST_AT;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.notifications.NotificationSettingsItem;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.ItemReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Users' notification settings (N1, N5), and the list of digests due (GSI4 {@code DUE#DIGEST},
 * sorted by the next digest time) the hourly DailyDigest reads.
 */
public record NotificationSettingsStore(DynamoTable table) {
  /** The user's settings item; the defaults when they never saved any. */
  public NotificationSettingsItem get(String accountId, String userId) {
    return NotificationSettingsMapper.fromItem(accountId, userId,
        table.get(Keys.account(accountId), Keys.notificationSettingsSk(userId)));
  }

  /** The user's settings item read in a batch with other items (null when they never saved any). */
  public BatchRead.Slot<NotificationSettingsItem> find(BatchRead batch, String accountId, String userId) {
    return batch.add(Keys.account(accountId), Keys.notificationSettingsSk(userId),
        item -> NotificationSettingsMapper.fromItem(accountId, userId, item));
  }

  /** Every saved settings item of the account by user id (one Query of the account partition, all pages). */
  public Map<String, NotificationSettingsItem> ofAccount(String accountId) {
    String prefix = Keys.notificationSettingsSk("");
    Map<String, NotificationSettingsItem> byUser = new HashMap<>();
    for (Map<String, AttributeValue> item : table.queryAll(Query.table(Keys.account(accountId)).beginsWith(prefix))) {
      String userId = ItemReader.of(item).skAfter(prefix);
      byUser.put(userId, NotificationSettingsMapper.fromItem(accountId, userId, item));
    }
    return byUser;
  }

  /** Writes the whole item (the due list's keys follow {@code nextDigestAt}). */
  public void put(NotificationSettingsItem item) {
    table.put(NotificationSettingsMapper.toItem(item));
  }

  /** Every settings item whose digest is due at {@code now} (all pages). */
  public List<NotificationSettingsItem> digestsDue(Instant now) {
    return table.queryAll(Query.gsi(4, Keys.DIGESTS_DUE).atMost(Keys.time(now) + "#~")).stream()
        .map(NotificationSettingsMapper::fromItem).toList();
  }

  /**
   * After a digest: the next one at {@code next}, or off the due list when {@code next} is null.
   * Conditional on the {@code nextDigestAt} read: false (nothing changed) when the user saved new
   * settings meanwhile, which then stand.
   */
  public boolean digestSent(NotificationSettingsItem seen, Instant next, Instant now) {
    String key = Keys.notificationSettingsSk(seen.userId());
    String seenAt = Keys.time(seen.nextDigestAt());
    if (next != null) {
      NotificationSettingsItem scheduled = new NotificationSettingsItem(seen.accountId(), seen.userId(), seen.settings(),
          seen.updatedAt(), next, now);
      return table.updateIf(b -> b.key(DynamoTable.key(Keys.account(seen.accountId()), key))
          .updateExpression("SET " + NEXT_DIGEST_AT + " = :next, " + Table.GSI4SK + " = :sk, " + LAST_DIGEST_AT + " = :now")
          .conditionExpression(NEXT_DIGEST_AT + " = :seen")
          .expressionAttributeValues(DynamoTable.values(":next", Keys.time(next), ":sk",
              NotificationSettingsMapper.dueSortKey(scheduled), ":now", Keys.time(now), ":seen", seenAt)));
    }
    return table.updateIf(b -> b.key(DynamoTable.key(Keys.account(seen.accountId()), key))
        .updateExpression("SET " + LAST_DIGEST_AT + " = :now REMOVE " + NEXT_DIGEST_AT + ", " + Table.GSI4PK + ", " + Table.GSI4SK)
        .conditionExpression(NEXT_DIGEST_AT + " = :seen")
        .expressionAttributeValues(DynamoTable.values(":now", Keys.time(now), ":seen", seenAt)));
  }
}
