package com.textinbox.shared.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.json.Json;

/**
 * Who is calling, taken only from what the API's authorizer verified: the account id never comes
 * from a body or a path (DESIGN.md, principle 4).
 *
 * <p>The token authorizer puts these keys in its context; API Gateway hands them to the function
 * as {@code requestContext.authorizer}, on AWS and in the local cloud alike.
 */
public record Caller(String accountId, String userId, Role role, String email) {
  public static final String ACCOUNT_ID = "accountId";
  public static final String USER_ID = "userId";
  public static final String ROLE = "role";
  public static final String EMAIL = "email";

  /** Reads the authorizer context of an API Gateway proxy event; missing identity is a 401. */
  public static Caller fromAuthorizer(JsonNode authorizer) {
    String accountId = Json.text(authorizer, ACCOUNT_ID);
    String userId = Json.text(authorizer, USER_ID);
    if (accountId == null || userId == null) {
      throw ApiError.unauthorized();
    }
    return new Caller(accountId, userId, Role.of(Json.text(authorizer, ROLE)), Json.text(authorizer, EMAIL));
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public void requireAdmin() {
    if (!isAdmin()) {
      throw ApiError.forbidden("Only an admin of the company can do this.");
    }
  }
}
