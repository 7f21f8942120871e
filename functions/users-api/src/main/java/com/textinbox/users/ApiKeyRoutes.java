package com.textinbox.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.apikeys.ApiKey;
import com.textinbox.shared.apikeys.ApiKeySecret;
import com.textinbox.shared.apikeys.ApiKeyView;
import com.textinbox.shared.apikeys.store.ApiKeyStore;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.data.Keys;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The company's API keys (AP4), admins only: create (the key is in that answer and never again),
 * list, revoke. Keys live beside the users because they are the other kind of principal of a
 * company: who may call the API, and as what (docs/decisions.md 48).
 */
record ApiKeyRoutes(ApiKeyStore keys, Clock clock) {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyRoutes.class);
  static final int MAX_NAME = 60;
  /** A company needs one key per system it connects, and one more while rotating. */
  static final int MAX_KEYS = 10;
  private static final Pattern KEY_ID = Pattern.compile("key-[0-9a-f-]{36}");

  /** 201 {@code {id, name, lastFour, createdAt, createdBy, key}}: one Query (the limit), one transaction. */
  ApiResponse create(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String name = name(request.json());
    if (keys.ofAccount(caller.accountId()).size() >= MAX_KEYS) {
      throw new ApiError(409, "too_many_keys", "A company has at most " + MAX_KEYS + " API keys; revoke one first.", null);
    }
    String secret = ApiKeySecret.generate();
    ApiKey key = new ApiKey(caller.accountId(), "key-" + UUID.randomUUID(), name, ApiKeySecret.hash(secret),
        ApiKeySecret.lastFour(secret), Keys.time(clock.instant()), caller.userId());
    keys.create(key);
    LOG.info("API key {} ({}) created by {}", key.keyId(), name, caller.userId());
    return ApiResponse.created(ApiKeyView.created(key, secret));
  }

  /** {@code {"keys": [...]}}, oldest first: one Query. */
  ApiResponse list(ApiRequest request) {
    request.caller().requireAdmin();
    List<Map<String, Object>> views = keys.ofAccount(request.caller().accountId()).stream().map(ApiKeyView::of).toList();
    return ApiResponse.ok(Map.of("keys", views));
  }

  /** 204: the key stops working at once (its look-up item is deleted in the same transaction). */
  ApiResponse revoke(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String keyId = request.pathParameters().get("keyId");
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw ApiError.notFound("The API key");
    }
    ApiKey key = keys.find(caller.accountId(), keyId).orElseThrow(() -> ApiError.notFound("The API key"));
    keys.revoke(key);
    LOG.info("API key {} revoked by {}", keyId, caller.userId());
    return ApiResponse.noContent();
  }

  /** {@code {"name": "..."}}, 1 to 60 characters, nothing else. */
  private static String name(JsonNode body) {
    if (!body.isObject()) {
      throw ApiError.badRequest("The body is {\"name\": \"...\"}.");
    }
    body.fieldNames().forEachRemaining(field -> {
      if (!"name".equals(field)) {
        throw ApiError.invalid(field, "Unknown field '" + field + "'; an API key has only a name.");
      }
    });
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
}
