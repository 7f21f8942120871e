package com.textinbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The smallest body docs/openapi.yaml accepts for a route (its required fields, each with the
 * simplest valid value; null where the field may be null), for tests that walk every route and
 * must get past the request validation (decision 55) to what they test, such as TenancyTest.
 */
final class MinimalBodies {
  private MinimalBodies() {}

  /** The body for {@code method path} as JSON text; "{}" for a route that documents none. */
  static String of(String method, String path) {
    JsonNode schema = resolve(resolve(OpenApiDocument.get().path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).path("requestBody"))
        .path("content").path("application/json").path("schema"));
    return schema.isMissingNode() ? "{}" : value(schema).toString();
  }

  private static JsonNode value(JsonNode schema) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (schema.path("nullable").asBoolean(false)) {
      return f.nullNode();
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(0);
    }
    if (schema.has("oneOf")) {
      return value(resolve(schema.get("oneOf").get(0)));
    }
    switch (schema.path("type").asText("object")) {
      case "string" -> {
        return f.textNode("x".repeat(Math.max(1, schema.path("minLength").asInt(1))));
      }
      case "boolean" -> {
        return f.booleanNode(false);
      }
      case "integer", "number" -> {
        return f.numberNode(schema.path("minimum").asInt(0));
      }
      case "array" -> {
        var array = f.arrayNode();
        for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
          array.add(value(resolve(schema.path("items"))));
        }
        return array;
      }
      default -> {
        ObjectNode object = f.objectNode();
        for (JsonNode required : schema.path("required")) {
          object.set(required.asText(), value(resolve(schema.path("properties").path(required.asText()))));
        }
        return object;
      }
    }
  }

  private static JsonNode resolve(JsonNode node) {
    return OpenApiDocument.resolve(node);
  }

}
