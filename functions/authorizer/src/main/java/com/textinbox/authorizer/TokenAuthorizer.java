package com.textinbox.authorizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.apikeys.ApiKey;
import com.textinbox.shared.apikeys.ApiKeySecret;
import com.textinbox.shared.apikeys.store.ApiKeyStore;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.observability.Priming;
import com.textinbox.shared.store.DynamoTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The APIs' authorizer: TOKEN for the REST API (the Authorization header), REQUEST for the
 * WebSocket API's $connect (the {@code token} query parameter); one verifier for both. It answers an
 * IAM policy and a context with the caller's account, user and role, which reaches every API
 * function as {@code requestContext.authorizer}. A bad token raises "Unauthorized", which API
 * Gateway turns into a 401 without calling the function.
 *
 * <p>Two kinds of credentials (AP4, docs/decisions.md 48): {@code Bearer <user token>} and
 * {@code ApiKey <company key>}. API Gateway caches a result by the header's value and applies the
 * cached policy to any route, so the policy itself says what the credential reaches, whatever
 * route asked first: a user's allows the whole API but denies {@code /integration/*}; a key's
 * allows {@code /integration/*} only. A key is found by its SHA-256 in one GetItem.
 */
public final class TokenAuthorizer implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(TokenAuthorizer.class);
  private final TokenVerifier verifier;
  private final KeyLookup keys;

  /** Finds a company's API key by its hash (the table's look-up item); empty when none or revoked. */
  @FunctionalInterface
  interface KeyLookup {
    Optional<ApiKey> byHash(String sha256Hex);
  }
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
    this(TokenVerifier.forJwksUrl(Env.require("JWT_ISSUER"), Env.require("JWT_AUDIENCE"), Env.require("JWT_JWKS_URL")),
        tableLookup(Env.require("TABLE_NAME")));
  }

  /**
   * The table's look-up items, its DynamoDB client made at the first key: a user's token (most
   * requests) never pays for it (with SnapStart, priming's key makes it before the snapshot).
   */
  private static KeyLookup tableLookup(String tableName) {
    return new KeyLookup() {
      private volatile ApiKeyStore store;

      @Override
      public Optional<ApiKey> byHash(String sha256Hex) {
        ApiKeyStore current = store;
        if (current == null) {
          current = new ApiKeyStore(new DynamoTable(AwsClients.dynamoDb(), tableName));
          store = current;
        }
        return current.byHash(sha256Hex);
      }
    };
  }

  TokenAuthorizer(TokenVerifier verifier, KeyLookup keys) {
    this.verifier = verifier;
    this.keys = keys;
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
    try {
      // a well-formed key no company has: its hash is read (a GetItem of nothing) and refused
      authorize(Priming.event("{\"type\": \"TOKEN\", \"authorizationToken\": \"ApiKey tik_" + "A".repeat(43)
          + "\", \"methodArn\": \"arn:aws:execute-api:us-east-1:000000000000:priming/priming/PUT/integration/priming\"}"));
    } catch (UnauthorizedException expected) {
      // no such key
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
    String header = Json.text(event, "authorizationToken");
    if (!"REQUEST".equals(Json.text(event, "type")) && header != null && header.regionMatches(true, 0, API_KEY, 0, API_KEY.length())) {
      return authorizeKey(header.substring(API_KEY.length()).trim(), Json.text(event, "methodArn"));
    }
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
    String api = wholeApi(Json.text(event, "methodArn"));
    return policy(caller.userId(), context, List.of(statement("Allow", List.of(api + "/*")), statement("Deny", integration(api))));
  }

  private static final String API_KEY = "ApiKey ";

  /**
   * A company's API key (AP4): found by its hash (one GetItem), it reaches {@code /integration/*}
   * only, as a caller of its company with {@code principal: apiKey}. A revoked key has no look-up
   * item any more: refused like a key that never was.
   */
  private Map<String, Object> authorizeKey(String key, String methodArn) {
    String api = wholeApi(methodArn);
    if (!ApiKeySecret.wellFormed(key)) {
      LOG.info("API key refused: not the shape of a key");
      throw new UnauthorizedException();
    }
    ApiKey found = keys.byHash(ApiKeySecret.hash(key)).orElseThrow(() -> {
      LOG.info("API key refused: no company has it (never made, or revoked)");
      return new UnauthorizedException();
    });
    Map<String, Object> context = new java.util.HashMap<>();
    context.put(Caller.ACCOUNT_ID, found.accountId());
    context.put(Caller.USER_ID, found.keyId());
    context.put(Caller.PRINCIPAL, Caller.Kind.API_KEY.claim());
    LOG.info("API key {} of {} accepted", found.keyId(), found.accountId());
    return policy(found.keyId(), context, List.of(statement("Allow", integration(api))));
  }

  private static Map<String, Object> policy(String principalId, Map<String, Object> context, List<Map<String, Object>> statements) {
    return Map.of(
        "principalId", principalId,
        "policyDocument", Map.of("Version", "2012-10-17", "Statement", statements),
        "context", context);
  }

  private static Map<String, Object> statement(String effect, List<String> resources) {
    return Map.of("Action", "execute-api:Invoke", "Effect", effect, "Resource", resources);
  }

  private static final List<String> METHODS = List.of("GET", "PUT", "POST", "PATCH", "DELETE", "HEAD", "OPTIONS");

  /**
   * Every {@code /integration/...} route of the API and stage, one ARN per method
   * ({@code arn:...:api/stage/PUT/integration/*}): in an execute-api ARN a {@code *} also matches
   * {@code /}, so {@code api/stage/*}{@code /integration/*} would match {@code GET /customers/integration/conversations}.
   */
  static List<String> integration(String api) {
    return METHODS.stream().map(method -> api + "/" + method + "/integration/*").toList();
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
   * (WebSocket) -> arn:...:api/stage (the statements add {@code /*} or {@code /*}{@code /integration/*})
   */
  static String wholeApi(String methodArn) {
    if (methodArn == null) {
      throw new UnauthorizedException();
    }
    String[] parts = methodArn.split("/", 3);
    if (parts.length < 2) {
      throw new UnauthorizedException();
    }
    return parts[0] + "/" + parts[1];
  }

  /** The exact message API Gateway maps to 401. */
  static final class UnauthorizedException extends RuntimeException {
    UnauthorizedException() {
      super("Unauthorized");
    }
  }
}
