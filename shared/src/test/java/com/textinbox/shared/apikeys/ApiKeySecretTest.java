package com.textinbox.shared.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** AP4: the key's shape, its SHA-256 (what the table keeps) and what is shown of it. */
class ApiKeySecretTest {
  @Test
  void aKeyIsTikAnd256RandomBitsInBase64Url() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String key = ApiKeySecret.generate();
      assertTrue(key.matches("tik_[A-Za-z0-9_-]{43}"), key);
      assertTrue(ApiKeySecret.wellFormed(key));
      assertTrue(seen.add(key), "never the same key twice");
    }
  }

  @Test
  void theHashIsTheSha256OfTheKeyInLowerCaseHex() {
    // the SHA-256 of "abc" (FIPS 180-2's example)
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeySecret.hash("abc"));
    String key = ApiKeySecret.generate();
    assertEquals(ApiKeySecret.hash(key), ApiKeySecret.hash(key), "the same key always finds the same item");
    assertNotEquals(ApiKeySecret.hash(key), ApiKeySecret.hash(key + "x"));
    assertEquals(64, ApiKeySecret.hash(key).length());
    assertFalse(ApiKeySecret.hash(key).contains(key.substring(4)));
  }

  @Test
  void onlyTheLastFourAreShownAndMalformedKeysAreToldApart() {
    assertEquals("WXYZ", ApiKeySecret.lastFour("tik_" + "a".repeat(39) + "WXYZ"));
    for (String bad : new String[] {null, "", "tik_", "tik_short", "TIK_" + "a".repeat(43), "tik_" + "a".repeat(44),
        "tik_" + "a".repeat(42) + "=", "Bearer x.y.z"}) {
      assertFalse(ApiKeySecret.wellFormed(bad), String.valueOf(bad));
    }
  }
}
