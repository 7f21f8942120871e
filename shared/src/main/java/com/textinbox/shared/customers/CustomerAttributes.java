package com.textinbox.shared.customers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A customer's custom attribute values by key (P3), each typed as its definition was when it was
 * set. Checked against the definitions by {@link CustomerAttributeRules}; none is {@link #NONE}.
 */
public record CustomerAttributes(Map<String, Value> values) {
  public static final CustomerAttributes NONE = new CustomerAttributes(Map.of());

  public CustomerAttributes {
    values = values == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** One value; what it reads as in a text is {@link #rendered()}. */
  public sealed interface Value permits Text, TextList, DateValue, NumberValue {
    AttributeType type();

    /** As a placeholder writes it in a message. */
    String rendered();
  }

  public record Text(String value) implements Value {
    public AttributeType type() {
      return AttributeType.TEXT;
    }

    public String rendered() {
      return value;
    }
  }

  public record TextList(List<String> values) implements Value {
    public TextList {
      values = List.copyOf(values);
    }

    public AttributeType type() {
      return AttributeType.TEXT_LIST;
    }

    /** "oil change, tires". */
    public String rendered() {
      return String.join(", ", values);
    }
  }

  public record DateValue(LocalDate value) implements Value {
    public AttributeType type() {
      return AttributeType.DATE;
    }

    /** ISO-8601, {@code 2026-12-01}. */
    public String rendered() {
      return value.toString();
    }
  }

  /** A number in one form whatever its writing (12000, 12000.0 and 1.2E4 are equal): as DynamoDB gives it back. */
  public record NumberValue(BigDecimal value) implements Value {
    public NumberValue {
      value = value.stripTrailingZeros();
      value = value.scale() < 0 ? value.setScale(0) : value;
    }

    public AttributeType type() {
      return AttributeType.NUMBER;
    }

    /** Without exponent or trailing zeros: 12000, 2.5. */
    public String rendered() {
      return value.toPlainString();
    }
  }

  public Value get(String key) {
    return values.get(key);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** These values with {@code set} set and {@code removed} taken out. */
  public CustomerAttributes with(Map<String, Value> set, Set<String> removed) {
    Map<String, Value> next = new TreeMap<>(values);
    next.keySet().removeAll(removed);
    next.putAll(set);
    return new CustomerAttributes(next);
  }
}
