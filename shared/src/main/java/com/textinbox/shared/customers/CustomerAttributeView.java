package com.textinbox.shared.customers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one API shape of custom attributes (P3; docs/openapi.yaml {@code CustomerAttributeDefinitions},
 * {@code CustomerAttributeValues}): the definitions {@code {key, name, type}} and a customer's
 * values by key (text, list of texts, date {@code YYYY-MM-DD}, number).
 */
public final class CustomerAttributeView {
  private CustomerAttributeView() {}

  /** {@code {"definitions": [{"key", "name", "type"}, ...]}}. */
  public static Map<String, Object> definitions(List<AttributeDefinition> definitions) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (AttributeDefinition d : definitions) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("key", d.key());
      one.put("name", d.name());
      one.put("type", d.type().code());
      list.add(one);
    }
    return Map.of("definitions", list);
  }

  /** {@code {"vehicle": "Civic", "services": ["oil"], "dueOn": "2026-12-01", "km": 12000}}. */
  public static Map<String, Object> values(CustomerAttributes attributes) {
    Map<String, Object> values = new LinkedHashMap<>();
    attributes.values().forEach((key, value) -> values.put(key, switch (value) {
      case CustomerAttributes.Text t -> t.value();
      case CustomerAttributes.TextList l -> l.values();
      case CustomerAttributes.DateValue d -> d.value().toString();
      // a whole number as an integer (12000, never 1.2E+4)
      case CustomerAttributes.NumberValue n -> n.value().scale() == 0 ? (Object) n.value().longValueExact() : n.value();
    }));
    return values;
  }
}
