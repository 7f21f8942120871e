package com.textinbox.shared.live;

import com.textinbox.shared.data.Items;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The open WebSocket connections of each user (N11), one item per connection under
 * {@code A#<account>#U#<user>#LIVE} (docs/data-model.md, "Live connections").
 *
 * <p>API Gateway closes a WebSocket connection after 2 hours at most, and calls $disconnect on a
 * best-effort basis only: each item expires {@link #TTL} after it was stored, and a connection
 * found gone when sent to is removed by {@link LiveSender}. DynamoDB deletes expired items up to a
 * couple of days late, so expired ones are filtered out of {@link #of} too.
 */
public final class LiveConnections {
  /** API Gateway's connection limit (2 h) and a margin. */
  public static final Duration TTL = Duration.ofHours(2).plusMinutes(15);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  public LiveConnections(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  /** Stores a connection just opened (one PutItem). */
  public void add(String accountId, String userId, String connectionId) {
    Instant now = clock.instant();
    Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.liveConnectionsOf(accountId, userId), Keys.liveConnectionSk(connectionId)));
    item.put(Table.TYPE, Items.s("LiveConnection"));
    item.put("connectionId", Items.s(connectionId));
    item.put("connectedAt", Items.s(Keys.time(now)));
    item.put(Table.EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(TTL).getEpochSecond())));
    dynamoDb.putItem(b -> b.tableName(table).item(item));
  }

  /** Forgets a connection (one DeleteItem; nothing happens if it is already gone). */
  public void remove(String accountId, String userId, String connectionId) {
    dynamoDb.deleteItem(b -> b.tableName(table).key(Items.key(Keys.liveConnectionsOf(accountId, userId), Keys.liveConnectionSk(connectionId))));
  }

  /** The user's connection ids not yet expired (one Query; a user has a handful at most). */
  public List<String> of(String accountId, String userId) {
    long now = clock.instant().getEpochSecond();
    QueryRequest query = QueryRequest.builder().tableName(table)
        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
        .expressionAttributeValues(Map.of(
            ":pk", Items.s(Keys.liveConnectionsOf(accountId, userId)),
            ":prefix", Items.s(Keys.LIVE_CONNECTION_PREFIX)))
        .build();
    List<String> ids = new ArrayList<>();
    dynamoDb.queryPaginator(query).items().forEach(item -> {
      AttributeValue expires = item.get(Table.EXPIRES_AT);
      if (expires == null || Long.parseLong(expires.n()) > now) {
        ids.add(Items.str(item, "connectionId"));
      }
    });
    return ids;
  }
}
