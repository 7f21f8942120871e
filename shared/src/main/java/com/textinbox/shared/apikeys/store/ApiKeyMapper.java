package com.textinbox.shared.apikeys.store;

import com.textinbox.shared.apikeys.ApiKey;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An API key's two items (docs/data-model.md, "API keys"): the company's ({@code A#<acct>} /
 * {@code APIKEY#<keyId>}, listed by admins) and the global look-up by hash ({@code APIKEY#<sha256>}
 * / {@code APIKEY}, read by the authorizer, which knows only the key). Both carry every field.
 */
final class ApiKeyMapper {
  static final String TYPE = "ApiKey";
  static final String LOOKUP_TYPE = "ApiKeyLookup";
  static final String ACCOUNT_ID = "accountId", KEY_ID = "keyId", NAME = "name", HASH = "hash";
  static final String LAST_FOUR = "lastFour", CREATED_AT = "createdAt", CREATED_BY = "createdBy";

  private ApiKeyMapper() {}

  static Map<String, AttributeValue> accountItem(ApiKey key) {
    return fields(ItemBuilder.item(Keys.account(key.accountId()), Keys.apiKeySk(key.keyId()), TYPE), key);
  }

  static Map<String, AttributeValue> lookupItem(ApiKey key) {
    return fields(ItemBuilder.item(Keys.apiKeyHash(key.hash()), Keys.API_KEY_HASH_SK, LOOKUP_TYPE), key);
  }

  private static Map<String, AttributeValue> fields(ItemBuilder item, ApiKey key) {
    return item.str(ACCOUNT_ID, key.accountId()).str(KEY_ID, key.keyId()).str(NAME, key.name()).str(HASH, key.hash())
        .str(LAST_FOUR, key.lastFour()).str(CREATED_AT, key.createdAt()).str(CREATED_BY, key.createdBy()).build();
  }

  /** Either item as the key it describes; null for none or another kind of item. */
  static ApiKey fromItem(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    ItemReader r = ItemReader.of(item);
    if (!TYPE.equals(r.type()) && !LOOKUP_TYPE.equals(r.type())) {
      return null;
    }
    return new ApiKey(r.str(ACCOUNT_ID), r.str(KEY_ID), r.str(NAME), r.str(HASH), r.str(LAST_FOUR), r.str(CREATED_AT),
        r.str(CREATED_BY));
  }
}
