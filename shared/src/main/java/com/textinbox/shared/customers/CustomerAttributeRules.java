package com.textinbox.shared.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.customers.CustomerAttributes.Value;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Custom attributes (P3): a company's definitions as an admin writes them, and a customer's values
 * checked against them. Every refusal is a 400 naming the field ({@code definitions[1].type},
 * {@code attributes.vehicle}). A JSON {@code null} value removes the customer's value.
 */
public final class CustomerAttributeRules {
  /** A key is a placeholder's name too ({@code {{attributes.<key>}}}): no dots, no spaces. */
  static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
  public static final int MAX_DEFINITIONS = 50;
  static final int MAX_NAME = 60;
  static final int MAX_TEXT = 500;
  static final int MAX_LIST_ITEMS = 50;
  static final int MAX_LIST_ITEM = 200;
  /** Numbers DynamoDB and a text can hold exactly: up to 15 digits before the point, 6 after. */
  static final BigDecimal MAX_NUMBER = new BigDecimal("1e15");
  static final int MAX_DECIMALS = 6;
  private static final String NUMBER = "a number (up to 15 digits before the point, 6 after)";

  private CustomerAttributeRules() {}

  /** What a customer's values change: values set, keys whose value is removed. */
  public record Change(Map<String, Value> set, Set<String> removed) {
    public boolean isEmpty() {
      return set.isEmpty() && removed.isEmpty();
    }
  }

  /**
   * The definitions of {@code {"definitions": [{"key", "name", "type"}, ...]}} (the whole list: it
   * replaces the company's): keys unique, names unique ignoring case, at most {@link #MAX_DEFINITIONS}.
   */
  public static List<AttributeDefinition> definitions(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiError.badRequest("The body must be a JSON object {\"definitions\": [...]}.");
    }
    JsonNode list = body.get("definitions");
    if (list == null || !list.isArray()) {
      throw ApiError.invalid("definitions", "'definitions' must be a list of {\"key\", \"name\", \"type\"}.");
    }
    if (list.size() > MAX_DEFINITIONS) {
      throw ApiError.invalid("definitions", "At most " + MAX_DEFINITIONS + " attributes.");
    }
    List<AttributeDefinition> definitions = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "definitions[" + i + "]";
      JsonNode d = list.get(i);
      if (!d.isObject()) {
        throw ApiError.invalid(at, "Each attribute is an object {\"key\", \"name\", \"type\"}.");
      }
      String key = text(d, at + ".key");
      if (!KEY.matcher(key).matches()) {
        throw ApiError.invalid(at + ".key", "A key is 1-40 letters, digits or _, starting with a letter (it is the "
            + "placeholder {{attributes.<key>}}).");
      }
      if (!keys.add(key)) {
        throw ApiError.invalid(at + ".key", "The key '" + key + "' is there twice.");
      }
      String name = text(d, at + ".name").strip();
      if (name.isEmpty() || name.length() > MAX_NAME) {
        throw ApiError.invalid(at + ".name", "A name is 1-" + MAX_NAME + " characters.");
      }
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw ApiError.invalid(at + ".name", "The name '" + name + "' is there twice.");
      }
      AttributeType type = AttributeType.of(text(d, at + ".type")).orElseThrow(() ->
          ApiError.invalid(at + ".type", "The type is one of text, textList, date, number."));
      definitions.add(new AttributeDefinition(key, name, type));
    }
    return definitions;
  }

  /**
   * A customer's values as a request gives them ({@code {"vehicle": "Civic", "dueOn": null}}): each
   * key defined by the company, each value of its type; {@code null} removes it.
   */
  public static Change values(JsonNode attributes, List<AttributeDefinition> definitions) {
    if (attributes == null || !attributes.isObject()) {
      throw ApiError.invalid("attributes", "'attributes' must be an object {\"<key>\": value}.");
    }
    Map<String, AttributeDefinition> byKey = new LinkedHashMap<>();
    definitions.forEach(d -> byKey.put(d.key(), d));
    Map<String, Value> set = new LinkedHashMap<>();
    Set<String> removed = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      AttributeDefinition definition = byKey.get(field.getKey());
      if (definition == null) {
        throw ApiError.invalid("attributes." + field.getKey(), "The company has no attribute '" + field.getKey()
            + "' (GET /settings/customer-attributes lists them).");
      }
      if (field.getValue().isNull()) {
        removed.add(definition.key());
      } else {
        set.put(definition.key(), value(definition, field.getValue()));
      }
    }
    return new Change(set, removed);
  }

  /** One value of {@code definition}'s type; a 400 naming {@code attributes.<key>} otherwise. */
  public static Value value(AttributeDefinition definition, JsonNode node) {
    String field = "attributes." + definition.key();
    return switch (definition.type()) {
      case TEXT -> new CustomerAttributes.Text(text(node, field, MAX_TEXT, "a text"));
      case TEXT_LIST -> {
        if (!node.isArray() || node.size() > MAX_LIST_ITEMS) {
          throw wrongType(field, "a list of at most " + MAX_LIST_ITEMS + " texts");
        }
        List<String> texts = new ArrayList<>();
        node.forEach(item -> texts.add(text(item, field, MAX_LIST_ITEM, "a list of texts")));
        yield new CustomerAttributes.TextList(texts);
      }
      case DATE -> {
        try {
          if (node.isTextual() && node.asText().length() == 10) {
            yield new CustomerAttributes.DateValue(LocalDate.parse(node.asText()));
          }
        } catch (DateTimeParseException notADate) {
          // answered below
        }
        throw wrongType(field, "a date (YYYY-MM-DD)");
      }
      case NUMBER -> {
        if (!node.isNumber() || (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()))) {
          throw wrongType(field, NUMBER);
        }
        BigDecimal number = node.decimalValue().stripTrailingZeros();
        if (number.abs().compareTo(MAX_NUMBER) >= 0 || number.scale() > MAX_DECIMALS) {
          throw wrongType(field, NUMBER);
        }
        yield new CustomerAttributes.NumberValue(number);
      }
    };
  }

  private static String text(JsonNode node, String field, int max, String what) {
    if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > max) {
      throw wrongType(field, what + " (each text 1-" + max + " characters)");
    }
    return node.asText().strip();
  }

  private static ApiError wrongType(String field, String what) {
    return ApiError.invalid(field, "'" + field + "' must be " + what + ".");
  }

  private static String text(JsonNode object, String field) {
    JsonNode node = object.get(field.substring(field.lastIndexOf('.') + 1));
    if (node == null || !node.isTextual()) {
      throw ApiError.invalid(field, "'" + field + "' must be text.");
    }
    return node.asText();
  }
}
