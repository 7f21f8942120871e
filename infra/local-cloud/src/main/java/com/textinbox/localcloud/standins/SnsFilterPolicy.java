package com.textinbox.localcloud.standins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A subscription's filter policy, so a subscriber gets only what SNS would give it: exact strings
 * and numbers, {@code prefix}, {@code suffix}, {@code equals-ignore-case}, {@code anything-but},
 * {@code numeric} ranges, {@code exists} and {@code $or}, on message attributes or on the JSON body.
 */
final class SnsFilterPolicy {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode policy;

  private SnsFilterPolicy(JsonNode policy) {
    this.policy = policy;
  }

  static SnsFilterPolicy parse(String json) {
    JsonNode policy;
    try {
      policy = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw SnsMessage.invalidParameter("FilterPolicy: failed to parse JSON.");
    }
    if (policy == null || !policy.isObject()) {
      throw SnsMessage.invalidParameter("FilterPolicy: the policy must be a JSON object");
    }
    check(policy);
    return new SnsFilterPolicy(policy);
  }

  private static void check(JsonNode policy) {
    policy.fields().forEachRemaining(field -> {
      JsonNode rule = field.getValue();
      if (field.getKey().equals("$or")) {
        if (!rule.isArray() || rule.size() < 2) {
          throw SnsMessage.invalidParameter("FilterPolicy: $or needs an array of at least two policies");
        }
        rule.forEach(SnsFilterPolicy::check);
      } else if (rule.isObject()) {
        check(rule);
      } else if (!rule.isArray() || rule.isEmpty()) {
        throw SnsMessage.invalidParameter("FilterPolicy: \"" + field.getKey() + "\" must be an array of conditions");
      }
    });
  }

  /** Whether the message passes, on its attributes or (scope MessageBody) on its JSON body. */
  boolean matches(SnsMessage message, boolean bodyScope) {
    if (!bodyScope) {
      return matchObject(policy, attributesAsJson(message.attributes()));
    }
    try {
      JsonNode body = JSON.readTree(message.textFor("default"));
      return body != null && body.isObject() && matchObject(policy, body);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static ObjectNode attributesAsJson(Map<String, SnsMessage.Attribute> attributes) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    attributes.forEach((name, attribute) -> {
      String type = attribute.dataType();
      if (type.startsWith("Number")) {
        node.put(name, new BigDecimal(attribute.stringValue()));
      } else if (type.startsWith("String.Array")) {
        try {
          node.set(name, JSON.readTree(attribute.stringValue()));
        } catch (JsonProcessingException e) {
          node.put(name, attribute.stringValue());
        }
      } else if (!attribute.isBinary()) {
        node.put(name, attribute.stringValue());
      }
    });
    return node;
  }

  private static boolean matchObject(JsonNode policy, JsonNode data) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = policy.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode rule = field.getValue();
      boolean matched;
      if (field.getKey().equals("$or")) {
        matched = false;
        for (JsonNode alternative : rule) {
          matched |= matchObject(alternative, data);
        }
      } else {
        JsonNode value = data == null ? null : data.get(field.getKey());
        matched = rule.isObject() ? value != null && value.isObject() && matchObject(rule, value)
            : matchAny(rule, value);
      }
      if (!matched) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchAny(JsonNode conditions, JsonNode value) {
    List<JsonNode> values = new ArrayList<>();
    if (value != null && value.isArray()) {
      value.forEach(values::add);
    } else if (value != null) {
      values.add(value);
    }
    for (JsonNode condition : conditions) {
      if (condition.isObject() && condition.has("exists")) {
        if (condition.get("exists").asBoolean() == (value != null)) {
          return true;
        }
        continue;
      }
      for (JsonNode one : values) {
        if (matchOne(condition, one)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchOne(JsonNode condition, JsonNode value) {
    if (condition.isTextual()) {
      return value.isTextual() && value.asText().equals(condition.asText());
    }
    if (condition.isNumber()) {
      return value.isNumber() && value.decimalValue().compareTo(condition.decimalValue()) == 0;
    }
    if (condition.isNull() || condition.isBoolean()) {
      return condition.equals(value);
    }
    if (!condition.isObject() || condition.size() != 1) {
      return false;
    }
    Map.Entry<String, JsonNode> operator = condition.fields().next();
    JsonNode operand = operator.getValue();
    return switch (operator.getKey()) {
      case "prefix" -> value.isTextual() && value.asText().startsWith(operand.asText());
      case "suffix" -> value.isTextual() && value.asText().endsWith(operand.asText());
      case "equals-ignore-case" -> value.isTextual() && value.asText().equalsIgnoreCase(operand.asText());
      case "anything-but" -> !anyMatches(operand, value);
      case "numeric" -> value.isNumber() && inRange(operand, value.decimalValue());
      default -> false;
    };
  }

  private static boolean anyMatches(JsonNode operand, JsonNode value) {
    if (operand.isArray()) {
      for (JsonNode excluded : operand) {
        if (matchOne(excluded, value)) {
          return true;
        }
      }
      return false;
    }
    return matchOne(operand, value);
  }

  private static boolean inRange(JsonNode comparisons, BigDecimal value) {
    for (int i = 0; i + 1 < comparisons.size(); i += 2) {
      int order = value.compareTo(comparisons.get(i + 1).decimalValue());
      boolean holds = switch (comparisons.get(i).asText()) {
        case "=" -> order == 0;
        case "<" -> order < 0;
        case "<=" -> order <= 0;
        case ">" -> order > 0;
        case ">=" -> order >= 0;
        default -> false;
      };
      if (!holds) {
        return false;
      }
    }
    return true;
  }
}
