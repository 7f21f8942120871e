package com.textinbox.shared.customers.store;

import com.textinbox.shared.customers.AttributeType;
import com.textinbox.shared.customers.CustomerAttributes;
import com.textinbox.shared.customers.CustomerAttributes.Value;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A customer's custom attribute values on the profile item (P3): the map {@code attributes}, each
 * value a one-entry map naming its type, so that it reads back typed without the definitions:
 * {@code {"vehicle": {"text": "Civic"}, "dueOn": {"date": "2026-12-01"}, "km": {"number": 12000},
 * "services": {"textList": ["oil", "tires"]}}}.
 */
final class CustomerAttributeMapper {
  static final String ATTRIBUTES = "attributes";

  private CustomerAttributeMapper() {}

  static AttributeValue toAttribute(CustomerAttributes attributes) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    attributes.values().forEach((key, value) -> map.put(key, toAttribute(value)));
    return AttributeValue.fromM(map);
  }

  static AttributeValue toAttribute(Value value) {
    AttributeValue stored = switch (value) {
      case CustomerAttributes.Text t -> AttributeValue.fromS(t.value());
      case CustomerAttributes.TextList l -> AttributeValue.fromL(l.values().stream().map(AttributeValue::fromS).toList());
      case CustomerAttributes.DateValue d -> AttributeValue.fromS(d.value().toString());
      case CustomerAttributes.NumberValue n -> AttributeValue.fromN(n.value().toPlainString());
    };
    return AttributeValue.fromM(Map.of(value.type().code(), stored));
  }

  /** The values of an item's {@code attributes}; one of an unknown type (a newer writer) is left out. */
  static CustomerAttributes fromAttribute(AttributeValue attributes) {
    if (attributes == null || !attributes.hasM()) {
      return CustomerAttributes.NONE;
    }
    Map<String, Value> values = new LinkedHashMap<>();
    attributes.m().forEach((key, typed) -> {
      if (typed.hasM() && typed.m().size() == 1) {
        Map.Entry<String, AttributeValue> entry = typed.m().entrySet().iterator().next();
        AttributeType.of(entry.getKey()).ifPresent(type -> values.put(key, value(type, entry.getValue())));
      }
    });
    return new CustomerAttributes(values);
  }

  private static Value value(AttributeType type, AttributeValue stored) {
    return switch (type) {
      case TEXT -> new CustomerAttributes.Text(stored.s());
      case TEXT_LIST -> {
        List<String> texts = new ArrayList<>();
        stored.l().forEach(v -> texts.add(v.s()));
        yield new CustomerAttributes.TextList(texts);
      }
      case DATE -> new CustomerAttributes.DateValue(LocalDate.parse(stored.s()));
      case NUMBER -> new CustomerAttributes.NumberValue(new BigDecimal(stored.n()));
    };
  }
}
