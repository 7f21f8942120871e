package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.api.ApiError;
import org.junit.jupiter.api.Test;

class SendKeyTest {
  private static final java.util.function.Supplier<String> BODY = () -> "{\"body\":\"Your car is ready.\"}";

  @Test
  void noHeaderIsNoKeyAndTheBodyIsNotRead() {
    assertNull(SendKey.of(null, "conversation", "conv-1", () -> {
      throw new AssertionError("the body read without a key");
    }));
  }

  @Test
  void theSameRequestHasTheSameFingerprintAndAnyOtherTargetOrTextAnother() {
    SendKey key = SendKey.of("3f2b9c1e-0c6a-4e55-9d1e-2b8f6a1c7d90", "conversation", "conv-1", BODY);
    assertEquals("3f2b9c1e-0c6a-4e55-9d1e-2b8f6a1c7d90", key.value());
    assertEquals(64, key.fingerprint().length(), "SHA-256 in hex");
    assertEquals(key.fingerprint(), SendKey.of("another-key", "conversation", "conv-1", BODY).fingerprint());
    assertNotEquals(key.fingerprint(), SendKey.of(key.value(), "conversation", "conv-2", BODY).fingerprint());
    assertNotEquals(key.fingerprint(), SendKey.of(key.value(), "customer", "conv-1", BODY).fingerprint());
    assertNotEquals(key.fingerprint(), SendKey.of(key.value(), "conversation", "conv-1", () -> "{\"body\":\"Your car is ready!\"}")
        .fingerprint());
  }

  @Test
  void aKeyIsOneTo255VisibleAsciiCharacters() {
    for (String bad : new String[] {"", " ", "two words", "tab\there", "x".repeat(256), "clé"}) {
      ApiError refused = assertThrows(ApiError.class, () -> SendKey.of(bad, "conversation", "conv-1", BODY), bad);
      assertEquals(400, refused.status());
      assertEquals("Idempotency-Key", refused.field());
    }
    assertEquals(255, SendKey.of("~".repeat(255), "conversation", "conv-1", BODY).value().length());
  }

  @Test
  void aKeyReusedForAnotherMessageIsA422NamingTheHeader() {
    SendKey key = SendKey.of("k-1", "conversation", "conv-1", BODY);
    key.requireSameRequestAs(SendKey.of("k-1", "conversation", "conv-1", BODY).fingerprint());
    ApiError reused = assertThrows(ApiError.class,
        () -> key.requireSameRequestAs(SendKey.of("k-1", "conversation", "conv-2", BODY).fingerprint()));
    assertEquals(422, reused.status());
    assertEquals("idempotency_key_reused", reused.code());
    assertEquals("Idempotency-Key", reused.field());
  }
}
