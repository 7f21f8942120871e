package com.textinbox.shared.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** API key rules (AP4) without a table: the name, the limit, the key id, a new key. */
class ApiKeyRulesTest {

  @Test
  void theNameIsStrippedAndHeldToOneLineOf60() {
    assertEquals("Dealer DMS", ApiKeyRules.name(Json.read("{\"name\": \"  Dealer DMS \"}")));
    assertEquals("x".repeat(60), ApiKeyRules.name(Json.read("{\"name\": \"" + "x".repeat(60) + "\"}")));
    assertEquals("name", field("{\"name\": \"" + "x".repeat(61) + "\"}"));
    assertEquals("name", field("{\"name\": \"two\\nlines\"}"));
    assertEquals("name", field("{\"name\": \"   \"}"));
    assertEquals("name", field("{\"name\": 7}"));
    assertEquals("name", field("{}"));
  }

  @Test
  void aCompanyHoldsAtMostTenKeys() {
    ApiKeyRules.requireRoomBeside(ApiKeyRules.MAX_KEYS - 1);
    ApiError full = assertThrows(ApiError.class, () -> ApiKeyRules.requireRoomBeside(ApiKeyRules.MAX_KEYS));
    assertEquals(409, full.status());
    assertEquals("too_many_keys", full.code());
  }

  @Test
  void onlyKeyUuidsAreKeyIds() {
    assertTrue(ApiKeyRules.isKeyId("key-0b9d2c1e-8f7a-4e6d-9c5b-3a2f1e0d9c8b"));
    assertFalse(ApiKeyRules.isKeyId("key-1"));
    assertFalse(ApiKeyRules.isKeyId("user-alice"));
    assertFalse(ApiKeyRules.isKeyId(null));
  }

  @Test
  void aMintedKeyKeepsOnlyTheHashAndLastFourOfItsSecret() {
    ApiKeyRules.Minted minted = ApiKeyRules.mint("acct-1", "DMS", Instant.parse("2026-12-05T15:00:00Z"), "user-alice");
    ApiKey key = minted.key();
    assertTrue(ApiKeySecret.wellFormed(minted.secret()));
    assertTrue(ApiKeyRules.isKeyId(key.keyId()), key.keyId());
    assertEquals(ApiKeySecret.hash(minted.secret()), key.hash());
    assertEquals(minted.secret().substring(minted.secret().length() - 4), key.lastFour());
    assertEquals("2026-12-05T15:00:00.000Z", key.createdAt());
    assertEquals(new ApiKey("acct-1", key.keyId(), "DMS", key.hash(), key.lastFour(), key.createdAt(), "user-alice"), key);
    assertNotEquals(minted.secret(), ApiKeyRules.mint("acct-1", "DMS", Instant.EPOCH, "u").secret());
  }

  private static String field(String json) {
    return assertThrows(ApiError.class, () -> ApiKeyRules.name(Json.read(json))).field();
  }
}
