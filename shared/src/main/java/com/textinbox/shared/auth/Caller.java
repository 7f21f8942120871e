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
 *
 * @param userId the user, or for an API key (AP4) the key's id ({@code key-<uuid>})
 * @param kind a person signed in, or a company's API key (its DMS): see {@link Kind}
 */
public record Caller(String accountId, String userId, Role role, String email, Kind kind) {
  public static final String ACCOUNT_ID = "accountId";
  public static final String USER_ID = "userId";
  public static final String ROLE = "role";
  public static final String EMAIL = "email";
  /** The context key telling a user from an API key ({@link Kind#claim()}); absent means a user. */
  public static final String PRINCIPAL = "principal";

  /** A person with a user token, or a program with a company's API key (AP4: only {@code /integration/*}). */
  public enum Kind {
    USER("user"),
    API_KEY("apiKey");

    private final String claim;

    Kind(String claim) {
      this.claim = claim;
    }

    public String claim() {
      return claim;
    }

    static Kind of(String claim) {
      return API_KEY.claim.equals(claim) ? API_KEY : USER;
    }
  }

  /** A user signed in with a token. */
  public Caller(String accountId, String userId, Role role, String email) {
    this(accountId, userId, role, email, Kind.USER);
  }

  /** A company's API key (AP4): no role, no email; it reaches only {@code /integration/*}. */
  public static Caller apiKey(String accountId, String keyId) {
    return new Caller(accountId, keyId, Role.FREE, null, Kind.API_KEY);
  }

  /** Reads the authorizer context of an API Gateway proxy event; missing identity is a 401. */
  public static Caller fromAuthorizer(JsonNode authorizer) {
    String accountId = Json.text(authorizer, ACCOUNT_ID);
    String userId = Json.text(authorizer, USER_ID);
    if (accountId == null || userId == null) {
      throw ApiError.unauthorized();
    }
    if (Kind.of(Json.text(authorizer, PRINCIPAL)) == Kind.API_KEY) {
      return apiKey(accountId, userId);
    }
    return new Caller(accountId, userId, Role.of(Json.text(authorizer, ROLE)), Json.text(authorizer, EMAIL));
  }

  public boolean isApiKey() {
    return kind == Kind.API_KEY;
  }

  public boolean isAdmin() {
    return kind == Kind.USER && role == Role.ADMIN;
  }

  public void requireAdmin() {
    if (!isAdmin()) {
      throw ApiError.forbidden("Only an admin of the company can do this.");
    }
  }
}
