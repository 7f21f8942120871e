package com.textinbox.shared.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.textinbox.shared.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates, from docs/openapi.yaml, the compact request schema of every route that
 * {@link RequestSchema} reads in the functions (docs/decisions.md 55): {@code $ref}s resolved,
 * only the keywords {@link SchemaCheck} knows kept, path ids given a bound when the document has
 * none. One file per route, one line of JSON each.
 */
final class ApiSchemas {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  /** What SchemaCheck interprets; descriptions, examples, formats and defaults are dropped. */
  private static final Set<String> KEPT = Set.of("type", "nullable", "enum", "minLength", "maxLength", "pattern", "minimum",
      "maximum", "minItems", "maxItems", "items", "properties", "required", "additionalProperties", "oneOf", "anyOf");

  private ApiSchemas() {}

  /** File name (under src/main/resources) -> its text, for every operation of the document. */
  static Map<String, String> generate(Path openApi) throws IOException {
    JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(openApi.toFile());
    Map<String, String> files = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
        Map.Entry<String, JsonNode> operation = operations.next();
        if (METHODS.contains(operation.getKey())) {
          String method = operation.getKey().toUpperCase(Locale.ROOT);
          ObjectNode schema = route(document, path.getValue(), operation.getValue());
          files.put(RequestSchema.resourceName(method, path.getKey()), Json.write(schema) + "\n");
        }
      }
    }
    return files;
  }

  private static ObjectNode route(JsonNode document, JsonNode path, JsonNode operation) {
    ObjectNode route = Json.object();
    ObjectNode pathParameters = route.putObject("path");
    ObjectNode query = route.putObject("query");
    for (JsonNode parameters : new JsonNode[] {path.path("parameters"), operation.path("parameters")}) {
      for (JsonNode parameter : parameters) {
        JsonNode resolved = resolve(document, parameter);
        String in = resolved.path("in").asText();
        ObjectNode schema = compact(document, resolved.path("schema"));
        if (in.equals("path")) {
          if (!schema.has("maxLength")) {
            schema.put("maxLength", RequestSchema.DEFAULT_ID_LENGTH);
          }
          pathParameters.set(resolved.path("name").asText(), schema);
        } else if (in.equals("query")) {
          query.set(resolved.path("name").asText(), schema);
        }
      }
    }
    JsonNode body = resolve(document, operation.path("requestBody"));
    JsonNode bodySchema = body.path("content").path("application/json").path("schema");
    if (!bodySchema.isMissingNode()) {
      route.set("body", compact(document, bodySchema));
      route.put("bodyRequired", body.path("required").asBoolean(false));
      // how a 400 names the body's fields when the document says (x-field-prefix: attributes -> attributes.<key>)
      String prefix = resolve(document, bodySchema).path("x-field-prefix").asText("");
      if (!prefix.isEmpty()) {
        route.put("bodyField", prefix);
      }
    }
    return route;
  }

  private static JsonNode resolve(JsonNode document, JsonNode node) {
    JsonNode current = node;
    for (int depth = 0; current.has("$ref"); depth++) {
      if (depth > 20) {
        throw new IllegalStateException("a $ref loop at " + node);
      }
      JsonNode target = document;
      for (String part : current.get("$ref").asText().substring(2).split("/")) {
        target = target.path(part);
      }
      if (target.isMissingNode()) {
        throw new IllegalStateException("unresolved " + current.get("$ref"));
      }
      current = target;
    }
    return current;
  }

  private static ObjectNode compact(JsonNode document, JsonNode schema) {
    JsonNode resolved = resolve(document, schema);
    ObjectNode out = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = resolved.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (!KEPT.contains(key)) {
        continue;
      }
      switch (key) {
        case "items" -> out.set(key, compact(document, value));
        case "additionalProperties" -> out.set(key, value.isBoolean() ? value : compact(document, value));
        case "properties" -> {
          ObjectNode properties = out.putObject(key);
          value.fields().forEachRemaining(p -> properties.set(p.getKey(), compact(document, p.getValue())));
        }
        case "oneOf", "anyOf" -> {
          ArrayNode alternatives = out.putArray(key);
          value.forEach(a -> alternatives.add(compact(document, a)));
        }
        default -> out.set(key, value);
      }
    }
    return out;
  }
}
