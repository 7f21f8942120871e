package com.textinbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/** docs/openapi.yaml as a tree, read once, and its {@code $ref}s followed: for tests generated from it. */
final class OpenApiDocument {
  private static JsonNode document;

  private OpenApiDocument() {}

  static synchronized JsonNode get() {
    if (document == null) {
      try {
        document = new ObjectMapper(new YAMLFactory()).readTree(LocalCloudProcess.repositoryRoot().resolve("docs/openapi.yaml").toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return document;
  }

  /** The node a {@code $ref} names (following chains), or the node itself. */
  static JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      JsonNode target = get();
      for (String part : current.get("$ref").asText().substring(2).split("/")) {
        target = target.path(part);
      }
      current = target;
    }
    return current;
  }
}
