package com.textinbox.shared.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.json.Json;
import java.util.Locale;
import java.util.Map;

/** One API Gateway (REST, proxy integration) request, as a handler needs it. */
public record ApiRequest(
    String method,
    String resource,
    String path,
    Map<String, String> pathParameters,
    Map<String, String> query,
    Map<String, String> headers,
    String body,
    Caller caller,
    JsonNode checkedJson) {

  /** A request whose body has not been parsed yet (tests). */
  public ApiRequest(String method, String resource, String path, Map<String, String> pathParameters,
      Map<String, String> query, Map<String, String> headers, String body, Caller caller) {
    this(method, resource, path, pathParameters, query, headers, body, caller, null);
  }

  public String pathParameter(String name) {
    String value = pathParameters.get(name);
    if (value == null || value.isBlank()) {
      throw ApiError.invalid(name, "The path parameter '" + name + "' is missing.");
    }
    return value;
  }

  public String query(String name) {
    String value = query.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /**
   * A whole-number query parameter, {@code otherwise} when absent. Its range is the route's schema's
   * ({@code minimum}, {@code maximum} in docs/openapi.yaml), checked before the handler runs
   * (docs/decisions.md 55): one place says what a {@code limit} may be.
   */
  public int intQuery(String name, int otherwise) {
    String value = query(name);
    if (value == null) {
      return otherwise;
    }
    if (!value.matches("-?\\d{1,9}")) {
      throw ApiError.invalid(name, "'" + name + "' must be a whole number.");
    }
    return Integer.parseInt(value);
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * The JSON body, already checked against the route's schema when it documents one; an absent or
   * malformed one is a 400 that says so.
   */
  public JsonNode json() {
    if (checkedJson != null) {
      return checkedJson;
    }
    if (body == null || body.isBlank()) {
      throw ApiError.badRequest("The request needs a JSON body.");
    }
    return RequestSchema.parse(body);
  }
}
