package com.textinbox.shared.api;

import com.textinbox.shared.json.Json;
import java.util.Map;

/** What a route answers: a status and a JSON body (or none). */
public record ApiResponse(int status, Object body) {
  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body);
  }

  public static ApiResponse accepted(Object body) {
    return new ApiResponse(202, body);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }

  static ApiResponse error(ApiError error) {
    Map<String, Object> detail = new java.util.LinkedHashMap<>();
    detail.put("code", error.code());
    detail.put("message", error.getMessage());
    if (error.field() != null) {
      detail.put("field", error.field());
    }
    return new ApiResponse(error.status(), Map.of("error", detail));
  }

  /** The proxy-integration answer API Gateway expects. */
  Map<String, Object> toProxyResponse() {
    return Map.of(
        "statusCode", status,
        "headers", Map.of("Content-Type", "application/json"),
        "body", body == null ? "" : Json.write(body),
        "isBase64Encoded", false);
  }
}
