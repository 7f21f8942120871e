package com.textinbox.shared.apikeys.store;

import com.textinbox.shared.apikeys.ApiKey;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Query;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every DynamoDB request about API keys (AP4). A key's two items are written and deleted in one
 * transaction: a revoked key's look-up item is gone when the DELETE answers, so the next request
 * with it is refused (the /integration routes' authorizer caches nothing: docs/decisions.md 48).
 */
public record ApiKeyStore(DynamoTable table) {
  /** The key whose hash this is (one strongly consistent GetItem); empty when none (never made, or revoked). */
  public Optional<ApiKey> byHash(String hash) {
    return Optional.ofNullable(ApiKeyMapper.fromItem(table.getConsistent(Keys.apiKeyHash(hash), Keys.API_KEY_HASH_SK)));
  }

  /** A new key: both items, each put only if absent (one transaction). */
  public void create(ApiKey key) {
    table.transact(table.putIfAbsentWrite(ApiKeyMapper.accountItem(key)), table.putIfAbsentWrite(ApiKeyMapper.lookupItem(key)));
  }

  /** The company's keys, oldest first (one Query; a company has a handful). */
  public List<ApiKey> ofAccount(String accountId) {
    return table.queryAll(Query.table(Keys.account(accountId)).beginsWith(Keys.API_KEY_PREFIX)).stream()
        .map(ApiKeyMapper::fromItem).filter(Objects::nonNull)
        .sorted(java.util.Comparator.comparing(ApiKey::createdAt)).toList();
  }

  /** The company's key of that id (one GetItem); empty when none. */
  public Optional<ApiKey> find(String accountId, String keyId) {
    return Optional.ofNullable(ApiKeyMapper.fromItem(table.getConsistent(Keys.account(accountId), Keys.apiKeySk(keyId))));
  }

  /** Revokes: both items deleted in one transaction. */
  public void revoke(ApiKey key) {
    table.transact(table.deleteWrite(Keys.account(key.accountId()), Keys.apiKeySk(key.keyId())),
        table.deleteWrite(Keys.apiKeyHash(key.hash()), Keys.API_KEY_HASH_SK));
  }
}
