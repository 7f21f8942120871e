package com.textinbox.shared.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The subset of JSON Schema (OpenAPI 3.0 flavour) that docs/openapi.yaml's requests use, checked
 * against a parsed value (docs/decisions.md 55): {@code type} (with {@code nullable}), {@code enum},
 * {@code minLength}/{@code maxLength} (in characters), {@code pattern}, {@code minimum}/{@code maximum},
 * {@code minItems}/{@code maxItems}, {@code items}, {@code properties}, {@code required},
 * {@code additionalProperties} (false or a schema) and {@code oneOf}/{@code anyOf} (one alternative
 * must match). {@code format} is left to the handlers, whose messages say more (a date's range).
 * The first fault is a 400 naming the field as the handlers do ({@code email.digestHour},
 * {@code otherPhones[1].type}).
 */
final class SchemaCheck {
  /** Each schema pattern compiled once, not on every request that carries its field. */
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private SchemaCheck() {}

  static void check(JsonNode schema, JsonNode value, String field) {
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false) && schema.has("type")) {
        throw field.isEmpty() ? ApiError.badRequest("The body cannot be null.") : ApiError.invalid(field, "'" + field + "' cannot be null.");
      }
      return;
    }
    if (schema.has("oneOf") || schema.has("anyOf")) {
      checkAlternatives(schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf"), value, field);
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "string" -> checkString(schema, value, field);
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          throw wrongType(field, "a whole number");
        }
        checkBounds(schema, value, field, "a whole number");
      }
      case "number" -> {
        if (!value.isNumber()) {
          throw wrongType(field, "a number");
        }
        checkBounds(schema, value, field, "a number");
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          throw wrongType(field, "true or false");
        }
      }
      case "array" -> checkArray(schema, value, field);
      case "object" -> checkObject(schema, value, field);
      default -> {
        if (value.isTextual()) {
          checkText(value.asText(), field);
        }
      }
    }
  }

  private static void checkAlternatives(JsonNode alternatives, JsonNode value, String field) {
    for (JsonNode alternative : alternatives) {
      try {
        check(alternative, value, field);
        return;
      } catch (ApiError notThisOne) {
        // try the next
      }
    }
    throw ApiError.invalid(field, "'" + field + "' has none of the forms this call takes.");
  }

  private static void checkString(JsonNode schema, JsonNode value, String field) {
    if (!value.isTextual()) {
      throw wrongType(field, "a text");
    }
    String text = value.asText();
    checkText(text, field);
    checkEnum(schema, text, field);
    int length = text.codePointCount(0, text.length());
    if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
      throw ApiError.invalid(field, length == 0 ? "'" + field + "' cannot be empty."
          : "'" + field + "' needs at least " + schema.get("minLength").asInt() + " characters.");
    }
    if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
      throw ApiError.invalid(field, "'" + field + "' is at most " + schema.get("maxLength").asInt() + " characters.");
    }
    if (schema.has("pattern") && !PATTERNS.computeIfAbsent(schema.get("pattern").asText(), Pattern::compile).matcher(text).find()) {
      throw ApiError.invalid(field, "'" + field + "' is not in the expected form (" + schema.get("pattern").asText() + ").");
    }
  }

  static void checkEnum(JsonNode schema, String text, String field) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null) {
      return;
    }
    StringBuilder list = new StringBuilder();
    for (JsonNode option : allowed) {
      if (option.asText().equals(text)) {
        return;
      }
      list.append(list.isEmpty() ? "" : ", ").append(option.asText());
    }
    throw ApiError.invalid(field, "'" + field + "' is one of " + list + ".");
  }

  /** A text that UTF-8 cannot carry (half of a surrogate pair) would be stored as "?": refused. */
  static void checkText(String text, String field) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw ApiError.invalid(field, "'" + field + "' holds half of a character (a lone UTF-16 surrogate).");
      }
    }
  }

  /** Out of range: the message gives the whole range when the schema has both ends ({@code limit}: 1 to 100). */
  private static void checkBounds(JsonNode schema, JsonNode value, String field, String kind) {
    boolean low = schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0;
    boolean high = schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0;
    if ((low || high) && schema.has("minimum") && schema.has("maximum")) {
      throw ApiError.invalid(field, "'" + field + "' is " + kind + " from " + schema.get("minimum").asText() + " to "
          + schema.get("maximum").asText() + ".");
    }
    if (low) {
      throw ApiError.invalid(field, "'" + field + "' is at least " + schema.get("minimum").asText() + ".");
    }
    if (high) {
      throw ApiError.invalid(field, "'" + field + "' is at most " + schema.get("maximum").asText() + ".");
    }
  }

  private static void checkArray(JsonNode schema, JsonNode value, String field) {
    if (!value.isArray()) {
      throw wrongType(field, "a list");
    }
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      throw ApiError.invalid(field, "'" + field + "' needs at least " + schema.get("minItems").asInt() + " items.");
    }
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      throw ApiError.invalid(field, "'" + field + "' has at most " + schema.get("maxItems").asInt() + " items.");
    }
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        check(items, value.get(i), field + "[" + i + "]");
      }
    }
  }

  private static void checkObject(JsonNode schema, JsonNode value, String field) {
    if (!value.isObject()) {
      throw wrongType(field, "an object");
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = child(field, entry.getKey());
      checkText(entry.getKey(), name);
      JsonNode property = properties.get(entry.getKey());
      if (property != null) {
        check(property, entry.getValue(), name);
      } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
        throw ApiError.invalid(name, "Unknown field '" + name + "'" + known(properties) + ".");
      } else if (additional != null && additional.isObject()) {
        check(additional, entry.getValue(), name);
      }
    }
    // after the fields given: a misspelt field is named as unknown, not as the missing one
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        String name = child(field, required.asText());
        throw ApiError.invalid(name, "'" + name + "' is required.");
      }
    }
  }

  private static String known(JsonNode properties) {
    StringBuilder names = new StringBuilder();
    properties.fieldNames().forEachRemaining(n -> names.append(names.isEmpty() ? "" : ", ").append(n));
    return names.isEmpty() ? "" : "; the fields are " + names;
  }

  private static String child(String field, String name) {
    return field.isEmpty() ? name : field + "." + name;
  }

  private static ApiError wrongType(String field, String expected) {
    if (field.isEmpty()) {
      return ApiError.badRequest("The body must be " + expected + ".");
    }
    return ApiError.invalid(field, "'" + field + "' must be " + expected + ".");
  }
}
