package com.textinbox.shared.live.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.live.LiveConnection;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LiveConnectionMapperTest {
  @Test
  void aConnectionRoundTripsAndExpires() {
    Instant at = Instant.parse("2026-11-21T14:03:00.120Z");
    LiveConnection connection = new LiveConnection("acct", "user-bruno", "Yk3m=", at, Instant.ofEpochSecond(at.plus(LiveConnectionStore.TTL).getEpochSecond()));
    Map<String, AttributeValue> item = LiveConnectionMapper.toItem(connection);
    assertEquals("A#acct#U#user-bruno#LIVE", item.get("PK").s());
    assertEquals("CONN#Yk3m=", item.get("SK").s());
    assertEquals("2026-11-21T14:03:00.120Z", item.get("connectedAt").s());
    assertEquals(connection, LiveConnectionMapper.fromItem("acct", "user-bruno", item));
    assertFalse(connection.expiredAt(at.plusSeconds(3600)));
    assertTrue(connection.expiredAt(at.plus(LiveConnectionStore.TTL)));
  }
}
