package com.textinbox.users;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.apikeys.ApiKey;
import com.textinbox.shared.apikeys.ApiKeyRules;
import com.textinbox.shared.apikeys.ApiKeyView;
import com.textinbox.shared.apikeys.store.ApiKeyStore;
import com.textinbox.shared.auth.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The company's API keys (AP4), admins only: create (the key is in that answer and never again),
 * list, revoke; the rules (its name, how many, how a key is made) are {@link ApiKeyRules}. Keys
 * live beside the users because they are the other kind of principal of a company: who may call
 * the API, and as what (docs/decisions.md 48).
 */
record ApiKeyRoutes(ApiKeyStore keys, Clock clock) {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyRoutes.class);

  /** 201 {@code {id, name, lastFour, createdAt, createdBy, key}}: one Query (the limit), one transaction. */
  ApiResponse create(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String name = ApiKeyRules.name(request.json());
    ApiKeyRules.requireRoomBeside(keys.ofAccount(caller.accountId()).size());
    ApiKeyRules.Minted minted = ApiKeyRules.mint(caller.accountId(), name, clock.instant(), caller.userId());
    keys.create(minted.key());
    LOG.info("API key {} ({}) created by {}", minted.key().keyId(), name, caller.userId());
    return ApiResponse.created(ApiKeyView.created(minted.key(), minted.secret()));
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
    if (!ApiKeyRules.isKeyId(keyId)) {
      throw ApiError.notFound("The API key");
    }
    ApiKey key = keys.find(caller.accountId(), keyId).orElseThrow(() -> ApiError.notFound("The API key"));
    keys.revoke(key);
    LOG.info("API key {} revoked by {}", keyId, caller.userId());
    return ApiResponse.noContent();
  }
}
