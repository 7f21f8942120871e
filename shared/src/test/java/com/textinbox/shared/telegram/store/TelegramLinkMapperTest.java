package com.textinbox.shared.telegram.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.textinbox.shared.telegram.TelegramLinkCode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TelegramLinkMapperTest {
  @Test
  void aCodeRoundTripsUnusedAndUsed() {
    TelegramLinkCode fresh = new TelegramLinkCode("abc_-1", "acct", "user-bruno", Instant.parse("2026-11-21T14:18:00Z"), null, null);
    Map<String, AttributeValue> item = TelegramLinkMapper.toItem(fresh);
    assertEquals("TGLINK#abc_-1", item.get("PK").s());
    assertEquals("TGLINK", item.get("SK").s());
    assertEquals(Long.toString(Instant.parse("2026-11-21T14:18:00Z").getEpochSecond()), item.get("expiresAt").n());
    assertFalse(item.containsKey("chatId"));
    assertEquals(fresh, TelegramLinkMapper.fromItem(item));

    TelegramLinkCode used = new TelegramLinkCode("abc_-1", "acct", "user-bruno", fresh.expiresAt(), 42L, Instant.parse("2026-11-21T14:05:00.120Z"));
    assertEquals(used, TelegramLinkMapper.fromItem(TelegramLinkMapper.toItem(used)));
  }
}
