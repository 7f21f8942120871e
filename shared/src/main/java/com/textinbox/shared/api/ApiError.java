package com.textinbox.shared.api;

/**
 * A fault the caller can act on: answered as {@code {"error":{"code","message","field"}}} with its
 * HTTP status. Anything else thrown by a handler is a 500 with no details leaked.
 */
public class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;

  public ApiError(int status, String code, String message, String field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message, null);
  }

  public static ApiError invalid(String field, String message) {
    return new ApiError(400, "invalid_field", message, field);
  }

  public static ApiError unauthorized() {
    return new ApiError(401, "unauthorized", "A valid bearer token is required.", null);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "forbidden", message, null);
  }

  /** Also the answer for anything of another account: its existence is not revealed. */
  public static ApiError notFound(String what) {
    return new ApiError(404, "not_found", what + " was not found.", null);
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, "conflict", message, null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
