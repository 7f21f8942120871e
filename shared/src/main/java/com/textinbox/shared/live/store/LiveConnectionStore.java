package com.textinbox.shared.live.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.live.LiveConnection;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Query;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The open WebSocket connections of each user (N11), one item per connection under
 * {@code A#<account>#U#<user>#LIVE} (docs/data-model.md, "Live connections").
 *
 * <p>API Gateway closes a WebSocket connection after 2 hours at most, and calls $disconnect on a
 * best-effort basis only: each item expires {@link #TTL} after it was stored, and a connection
 * found gone when sent to is removed by {@code LiveSender}. DynamoDB deletes expired items up to a
 * couple of days late, so expired ones are filtered out of {@link #of} too.
 */
public record LiveConnectionStore(DynamoTable table, Clock clock) {
  /** API Gateway's connection limit (2 h) and a margin. */
  public static final Duration TTL = Duration.ofHours(2).plusMinutes(15);

  public LiveConnectionStore(DynamoDbClient dynamoDb, String table, Clock clock) {
    this(new DynamoTable(dynamoDb, table), clock);
  }

  /** Stores a connection just opened (one PutItem). */
  public void add(String accountId, String userId, String connectionId) {
    Instant now = clock.instant();
    table.put(LiveConnectionMapper.toItem(new LiveConnection(accountId, userId, connectionId, now, now.plus(TTL))));
  }

  /** Forgets a connection (one DeleteItem; nothing happens if it is already gone). */
  public void remove(String accountId, String userId, String connectionId) {
    table.delete(Keys.liveConnectionsOf(accountId, userId), Keys.liveConnectionSk(connectionId));
  }

  /** The user's connection ids not yet expired (one Query; a user has a handful at most). */
  public List<String> of(String accountId, String userId) {
    Instant now = clock.instant();
    return table.queryAll(Query.table(Keys.liveConnectionsOf(accountId, userId)).beginsWith(Keys.LIVE_CONNECTION_PREFIX))
        .stream()
        .map(item -> LiveConnectionMapper.fromItem(accountId, userId, item))
        .filter(connection -> !connection.expiredAt(now))
        .map(LiveConnection::connectionId)
        .toList();
  }
}
