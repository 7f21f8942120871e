package com.textinbox.shared.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.textinbox.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * What docs/openapi.yaml says one route takes (docs/decisions.md 55): its path and query
 * parameters and its body, read from {@code api-schemas/<METHOD>.<resource>.json} (generated from
 * the document at build time by ApiSchemasTest; no YAML is read in a function) the first time the
 * route is called. Every request is checked against it before its handler runs: a fault is a 400
 * naming the field. A route with no generated file (none can reach AWS: TemplateConsistencyTest
 * fails the build) still gets what every route gets: ids bounded, strict JSON.
 */
final class RequestSchema {
  /** The bound of a path id whose schema gives none: DynamoDB refuses keys over 1,024 bytes with a 500. */
  static final int DEFAULT_ID_LENGTH = 128;

  private final JsonNode schema;

  private RequestSchema(JsonNode schema) {
    this.schema = schema;
  }

  static RequestSchema of(String method, String resource) {
    try (InputStream in = RequestSchema.class.getClassLoader().getResourceAsStream(resourceName(method, resource))) {
      return new RequestSchema(in == null ? null : Json.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code POST /conversations/{conversationId}/assign} -> {@code api-schemas/POST.conversations.{conversationId}.assign.json}. */
  static String resourceName(String method, String resource) {
    return "api-schemas/" + method.toUpperCase(Locale.ROOT) + resource.replace('/', '.') + ".json";
  }

  boolean documented() {
    return schema != null;
  }

  void checkPath(Map<String, String> parameters) {
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      JsonNode declared = schema == null ? null : schema.path("path").get(parameter.getKey());
      String name = parameter.getKey();
      String value = parameter.getValue();
      if (value.codePointCount(0, value.length()) > DEFAULT_ID_LENGTH && (declared == null || !declared.has("maxLength"))) {
        throw ApiError.invalid(name, "'" + name + "' is at most " + DEFAULT_ID_LENGTH + " characters.");
      }
      SchemaCheck.check(declared == null ? Json.object().put("type", "string") : declared, TextNode.valueOf(value), name);
    }
  }

  /** A parameter the route does not document is refused: a typo would otherwise be ignored silently. */
  void checkQuery(Map<String, String> parameters) {
    if (schema == null) {
      return;
    }
    JsonNode declared = schema.path("query");
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      String name = parameter.getKey();
      JsonNode parameterSchema = declared.get(name);
      if (parameterSchema == null) {
        SchemaCheck.checkText(name, "query");
        throw ApiError.invalid(name, "Unknown parameter '" + name + "'" + (declared.isEmpty() ? "; this call takes none." : "; this call takes "
            + String.join(", ", (Iterable<String>) declared::fieldNames) + "."));
      }
      String value = parameter.getValue();
      if (value != null && !value.isBlank()) {
        SchemaCheck.check(parameterSchema, typed(parameterSchema, value, name), name);
      }
    }
  }

  /** A query parameter's text as the JSON value its schema's type means. */
  private static JsonNode typed(JsonNode schema, String value, String name) {
    switch (schema.path("type").asText("string")) {
      case "integer", "number" -> {
        if (!value.matches("-?\\d{1,18}")) {
          throw ApiError.invalid(name, "'" + name + "' must be a whole number.");
        }
        return LongNode.valueOf(Long.parseLong(value));
      }
      case "boolean" -> {
        if (!value.equals("true") && !value.equals("false")) {
          throw ApiError.invalid(name, "'" + name + "' must be true or false.");
        }
        return BooleanNode.valueOf(Boolean.parseBoolean(value));
      }
      default -> {
        return TextNode.valueOf(value);
      }
    }
  }

  /** The body parsed and checked, or null when there is none or the route documents none (its handler does not read one). */
  JsonNode checkBody(String body) {
    JsonNode bodySchema = schema == null ? null : schema.get("body");
    if (bodySchema == null) {
      return null;
    }
    if (body == null || body.isBlank()) {
      if (schema.path("bodyRequired").asBoolean(false)) {
        throw ApiError.badRequest("The request needs a JSON body.");
      }
      return null;
    }
    JsonNode parsed = parse(body);
    SchemaCheck.check(bodySchema, parsed, schema.path("bodyField").asText(""));
    return parsed;
  }

  /**
   * Parses a body strictly: one JSON value and nothing after it. A leading byte order mark is
   * skipped (some Windows tools write one); a fault says where, without the parser's internals.
   */
  static JsonNode parse(String body) {
    String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
    try {
      return Json.readStrict(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw ApiError.badRequest("The body is not valid JSON" + where + ".");
    }
  }
}
