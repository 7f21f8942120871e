package com.textinbox.shared.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/** A request body held to its schema's {@code additionalProperties: false}: a 400 names the first unknown field. */
public final class JsonBody {
  private JsonBody() {}

  /** {@code json}, when it is an object whose fields are all in {@code allowed}. */
  public static JsonNode object(JsonNode json, Set<String> allowed) {
    if (json == null || !json.isObject()) {
      throw ApiError.badRequest("The body must be a JSON object.");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiError.invalid(name, "Unknown field '" + name + "'.");
      }
    }
    return json;
  }
}
