package com.textinbox.shared.live.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.live.LiveConnection;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.ItemReader;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A live connection item ({@code A#<acct>#U#<user>#LIVE} / {@code CONN#<connectionId>}, TTL): the
 * one place its attribute names are spelled.
 */
public final class LiveConnectionMapper {
  static final String TYPE = "LiveConnection";
  static final String CONNECTION_ID = "connectionId";
  static final String CONNECTED_AT = "connectedAt";

  private LiveConnectionMapper() {}

  public static Map<String, AttributeValue> toItem(LiveConnection connection) {
    return ItemBuilder.item(Keys.liveConnectionsOf(connection.accountId(), connection.userId()),
            Keys.liveConnectionSk(connection.connectionId()), TYPE)
        .str(CONNECTION_ID, connection.connectionId())
        .time(CONNECTED_AT, connection.connectedAt())
        .expiresAt(connection.expiresAt())
        .build();
  }

  /** The connection of an item read from the user's partition. */
  public static LiveConnection fromItem(String accountId, String userId, Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    Long expires = r.num(Table.EXPIRES_AT);
    return new LiveConnection(accountId, userId, r.str(CONNECTION_ID), r.time(CONNECTED_AT),
        expires == null ? null : Instant.ofEpochSecond(expires));
  }
}
