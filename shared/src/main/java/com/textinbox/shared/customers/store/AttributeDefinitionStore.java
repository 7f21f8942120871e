package com.textinbox.shared.customers.store;

import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import java.time.Instant;
import java.util.List;

/** Every DynamoDB request about the company's custom attribute definitions (P3): one item, read and replaced whole. */
public record AttributeDefinitionStore(DynamoTable table) {
  /** The definitions, in the admin's order; none when the company never wrote any (one GetItem). */
  public List<AttributeDefinition> get(String accountId) {
    return AttributeDefinitionMapper.fromItem(table.get(Keys.account(accountId), Keys.CUSTOMER_ATTRIBUTES_SK));
  }

  /** Replaces the company's definitions (one PutItem): the last admin to save wins, as with any settings page. */
  public void put(String accountId, List<AttributeDefinition> definitions, Instant at, String by) {
    table.put(AttributeDefinitionMapper.toItem(accountId, definitions, at, by));
  }
}
