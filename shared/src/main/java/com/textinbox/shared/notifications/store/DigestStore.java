package com.textinbox.shared.notifications.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.notifications.DigestItem;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Query;
import java.time.Instant;
import java.util.List;

/** What waits for a user's next daily digest email (N5): kept by the dispatcher, sent and deleted by DailyDigest. */
public record DigestStore(DynamoTable table) {
  /** Keeps it for the digest; a redelivered event finds it kept already, and that is fine. */
  public void keep(String accountId, String userId, DigestItem item) {
    table.putIfAbsent(DigestItemMapper.toItem(accountId, userId, item));
  }

  /** The oldest {@code limit} items kept up to {@code now} (one Query). */
  public List<DigestItem> pending(String accountId, String userId, Instant now, int limit) {
    return table.query(Query.table(Keys.digestOf(accountId, userId)).atMost(Keys.time(now) + "#~").limit(limit))
        .items().stream().map(DigestItemMapper::fromItem).toList();
  }

  /** Deletes these (sent) items: BatchWriteItem by 25. */
  public void delete(String accountId, String userId, List<DigestItem> items) {
    String pk = Keys.digestOf(accountId, userId);
    table.deleteAll(items.stream().map(item -> DynamoTable.key(pk, DigestItemMapper.sortKey(item))).toList());
  }
}
