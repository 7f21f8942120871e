package com.textinbox.shared.customers.store;

import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.AttributeType;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The company's custom attribute definitions (P3): one item {@code A#<acct>} /
 * {@code CUSTOMER_ATTRIBUTES} holding the list {@code definitions} of {@code {key, name, type}}, in
 * the order the admin wrote them; the one place its attribute names are spelled.
 */
final class AttributeDefinitionMapper {
  static final String TYPE = "CustomerAttributeDefinitions";
  static final String DEFINITIONS = "definitions", KEY = "key", NAME = "name", ATTRIBUTE_TYPE = "type";
  static final String UPDATED_AT = "updatedAt", UPDATED_BY = "updatedBy";

  private AttributeDefinitionMapper() {}

  static Map<String, AttributeValue> toItem(String accountId, List<AttributeDefinition> definitions, Instant at, String by) {
    List<AttributeValue> list = new ArrayList<>();
    for (AttributeDefinition d : definitions) {
      list.add(AttributeValue.fromM(ItemBuilder.map().str(KEY, d.key()).str(NAME, d.name())
          .str(ATTRIBUTE_TYPE, d.type().code()).build()));
    }
    return ItemBuilder.item(Keys.account(accountId), Keys.CUSTOMER_ATTRIBUTES_SK, TYPE)
        .attr(DEFINITIONS, AttributeValue.fromL(list)).time(UPDATED_AT, at).str(UPDATED_BY, by)
        .build();
  }

  /** The definitions of the item (none for no item); one of an unknown type (a newer writer) is left out. */
  static List<AttributeDefinition> fromItem(Map<String, AttributeValue> item) {
    List<AttributeDefinition> definitions = new ArrayList<>();
    AttributeValue list = item == null ? null : item.get(DEFINITIONS);
    if (list == null || !list.hasL()) {
      return definitions;
    }
    for (AttributeValue value : list.l()) {
      ItemReader d = ItemReader.of(value.m());
      AttributeType.of(d.str(ATTRIBUTE_TYPE)).ifPresent(type -> definitions.add(new AttributeDefinition(d.str(KEY),
          d.str(NAME), type)));
    }
    return definitions;
  }
}
