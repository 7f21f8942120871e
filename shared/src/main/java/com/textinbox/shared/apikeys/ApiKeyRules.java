package com.textinbox.shared.apikeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.data.Keys;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of a company's API keys (AP4, docs/decisions.md 48), without a table: what a key's
 * name may be, how many keys a company may hold, what a key id looks like, and how a new key is
 * made (a random secret shown once, only its hash and last four characters kept).
 */
public final class ApiKeyRules {
  public static final int MAX_NAME = 60;
  /** A company needs one key per system it connects, and one more while rotating. */
  public static final int MAX_KEYS = 10;
  private static final Pattern KEY_ID = Pattern.compile("key-[0-9a-f-]{36}");

  private ApiKeyRules() {}

  /** A new key and its secret, which its creator sees once (the key keeps only the hash). */
  public record Minted(ApiKey key, String secret) {}

  /**
   * {@code {"name": "..."}}: the name, 1 to 60 characters on one line (that the body holds nothing
   * else is its schema's check, docs/decisions.md 55).
   */
  public static String name(JsonNode body) {
    JsonNode node = body.get("name");
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw ApiError.invalid("name", "'name' is required: what the key is for, 1 to " + MAX_NAME + " characters.");
    }
    String name = node.asText().strip();
    if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
      throw ApiError.invalid("name", "'name' is 1 to " + MAX_NAME + " characters on one line.");
    }
    return name;
  }

  /** A 409 when the company already holds {@code existing} keys, the most it may. */
  public static void requireRoomBeside(int existing) {
    if (existing >= MAX_KEYS) {
      throw new ApiError(409, "too_many_keys", "A company has at most " + MAX_KEYS + " API keys; revoke one first.", null);
    }
  }

  /** Whether {@code keyId} can name a key ({@code key-<uuid>}); anything else names none (a 404, no read). */
  public static boolean isKeyId(String keyId) {
    return keyId != null && KEY_ID.matcher(keyId).matches();
  }

  /** A new key of the company named {@code name}, made by {@code by} at {@code at}. */
  public static Minted mint(String accountId, String name, Instant at, String by) {
    String secret = ApiKeySecret.generate();
    ApiKey key = new ApiKey(accountId, "key-" + UUID.randomUUID(), name, ApiKeySecret.hash(secret),
        ApiKeySecret.lastFour(secret), Keys.time(at), by);
    return new Minted(key, secret);
  }
}
