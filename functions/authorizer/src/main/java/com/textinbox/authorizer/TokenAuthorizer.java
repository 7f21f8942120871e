package com.textinbox.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.observability.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The APIs' authorizer: TOKEN for the REST API (the Authorization header), REQUEST for the
 * WebSocket API's $connect (the {@code token} query parameter); one verifier for both. It answers an
 * IAM policy for the whole API (so API Gateway may cache it per token) and a context with the
 * caller's account, user and role, which reaches every API function as
 * {@code requestContext.authorizer}. A bad token raises "Unauthorized", which API Gateway turns
 * into a 401 without calling the function.
 */
public final class TokenAuthorizer implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(TokenAuthorizer.class);
  private final TokenVerifier verifier;
  /** Held here: the CRaC context holds it weakly (see Priming). */
  private final org.crac.Resource priming = Priming.register("TokenAuthorizer", this::prime);

  /**
   * A well-formed RS256 token whose signature is zeros: parsing, the key look-up (the JWKS is
   * fetched, a read of public keys) and the RSA check run, and the token is refused.
   */
  private static final String PRIMING_TOKEN = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"
      + ".eyJzdWIiOiJwcmltaW5nIiwidG9rZW5fdXNlIjoiaWQiLCJleHAiOjB9."
      + "A".repeat(342);

  public TokenAuthorizer() {
    this(TokenVerifier.forJwksUrl(Env.require("JWT_ISSUER"), Env.require("JWT_AUDIENCE"), Env.require("JWT_JWKS_URL")));
  }

  TokenAuthorizer(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * SnapStart priming (docs/decisions.md 46): a TOKEN event with a forged token through
   * {@link #authorize}, which refuses it, and a policy written: nothing is allowed, nothing written.
   */
  void prime() {
    try {
      authorize(Priming.event("{\"type\": \"TOKEN\", \"authorizationToken\": \"Bearer " + PRIMING_TOKEN
          + "\", \"methodArn\": \"arn:aws:execute-api:us-east-1:000000000000:priming/priming/GET/priming\"}"));
    } catch (UnauthorizedException expected) {
      // the forged token is refused, as it must be
    }
    Priming.answer(Map.of("principalId", "priming", "policyDocument", Map.of("Version", "2012-10-17",
        "Statement", List.of(Map.of("Action", "execute-api:Invoke", "Effect", "Deny", "Resource", "priming"))),
        "context", Map.of(Caller.ACCOUNT_ID, "priming")));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = Json.read(input);
    Map<String, Object> policy = Observability.around(context, () -> authorize(event));
    output.write(Json.bytes(policy));
  }

  Map<String, Object> authorize(JsonNode event) {
    String token = "REQUEST".equals(Json.text(event, "type")) ? queryToken(event) : bearerToken(event);
    Caller caller;
    try {
      caller = verifier.verify(token);
    } catch (TokenVerifier.InvalidToken e) {
      LOG.info("token refused: {}", e.getMessage());
      throw new UnauthorizedException();
    }
    Map<String, Object> context = new java.util.HashMap<>();
    context.put(Caller.ACCOUNT_ID, caller.accountId());
    context.put(Caller.USER_ID, caller.userId());
    context.put(Caller.ROLE, caller.role().claim());
    if (caller.email() != null) {
      context.put(Caller.EMAIL, caller.email());
    }
    return Map.of(
        "principalId", caller.userId(),
        "policyDocument", Map.of(
            "Version", "2012-10-17",
            "Statement", List.of(Map.of(
                "Action", "execute-api:Invoke",
                "Effect", "Allow",
                "Resource", wholeApi(Json.text(event, "methodArn"))))),
        "context", context);
  }

  /** TOKEN authorizer (REST API): the Authorization header, "Bearer <jwt>". */
  private static String bearerToken(JsonNode event) {
    String header = Json.text(event, "authorizationToken");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new UnauthorizedException();
    }
    return header.substring(7).trim();
  }

  /**
   * REQUEST authorizer of the WebSocket API's $connect: browsers cannot set headers on a
   * WebSocket, so the same ID token comes as the {@code token} query parameter (its identity
   * source; API Gateway refuses the connection without calling here when it is missing).
   */
  private static String queryToken(JsonNode event) {
    String token = Json.text(event.path("queryStringParameters"), "token");
    if (token == null || token.isBlank()) {
      throw new UnauthorizedException();
    }
    return token.trim();
  }

  /**
   * arn:aws:execute-api:region:account:api/stage/METHOD/path (REST) or .../api/stage/$connect
   * (WebSocket) -> arn:...:api/stage/*
   */
  static String wholeApi(String methodArn) {
    if (methodArn == null) {
      throw new UnauthorizedException();
    }
    String[] parts = methodArn.split("/", 3);
    return parts.length < 2 ? methodArn : parts[0] + "/" + parts[1] + "/*";
  }

  /** The exact message API Gateway maps to 401. */
  static final class UnauthorizedException extends RuntimeException {
    UnauthorizedException() {
      super("Unauthorized");
    }
  }
}
