package com.textinbox.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.textinbox.shared.apikeys.ApiKey;
import com.textinbox.shared.apikeys.ApiKeySecret;
import com.textinbox.shared.json.Json;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenAuthorizerTest {
  private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool";
  private static final String CLIENT = "web-client";
  private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:123:api1/dev/GET/me";
  private static RSAKey poolKey;
  private static RSAKey otherKey;
  private static TokenAuthorizer authorizer;
  /** The company keys the lookup knows, by hash (the table's look-up items). */
  private static final String KEY = ApiKeySecret.generate();
  private static final Map<String, ApiKey> KEYS = Map.of(ApiKeySecret.hash(KEY),
      new ApiKey("acct-1", "key-1", "DMS", ApiKeySecret.hash(KEY), ApiKeySecret.lastFour(KEY), "2026-12-05T12:00:00.000Z", "user-1"));

  @BeforeAll
  static void keys() throws Exception {
    poolKey = new RSAKeyGenerator(2048).keyID("pool").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("pool").generate();
    authorizer = new TokenAuthorizer(new TokenVerifier(ISSUER, CLIENT, new ImmutableJWKSet<>(new JWKSet(poolKey.toPublicJWK()))),
        hash -> java.util.Optional.ofNullable(KEYS.get(hash)));
  }

  private static String token(RSAKey key, Consumer<JWTClaimsSet.Builder> change) throws Exception {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER).audience(CLIENT).subject("user-1")
        .claim("token_use", "id").claim("custom:account_id", "acct-1").claim("custom:role", "admin")
        .claim("email", "a@example.com")
        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
    change.accept(claims);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("pool").build(), claims.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static Map<String, Object> authorize(String header) {
    return authorize(header, METHOD_ARN);
  }

  private static Map<String, Object> authorize(String header, String methodArn) {
    return authorizer.authorize(Json.mapper().valueToTree(Map.of("type", "TOKEN", "authorizationToken", header, "methodArn", methodArn)));
  }

  /** Whether a policy lets the method ARN through as API Gateway reads it: some Allow covers it, no Deny does. */
  private static boolean allows(Map<String, Object> policy, String methodArn) {
    boolean allowed = false;
    for (JsonNode statement : Json.mapper().valueToTree(policy).path("policyDocument").path("Statement")) {
      java.util.List<String> patterns = new java.util.ArrayList<>();
      JsonNode resources = statement.path("Resource");
      if (resources.isArray()) {
        resources.forEach(r -> patterns.add(r.asText()));
      } else {
        patterns.add(resources.asText());
      }
      boolean covers = patterns.stream().anyMatch(p -> methodArn.matches(java.util.regex.Pattern.quote(p).replace("*", "\\E.*\\Q")));
      if (covers && "Deny".equals(statement.path("Effect").asText())) {
        return false;
      }
      allowed |= covers && "Allow".equals(statement.path("Effect").asText());
    }
    return allowed;
  }

  private static final String INTEGRATION_ARN = "arn:aws:execute-api:us-east-1:123:api1/dev/PUT/integration/customers/R-1";

  // ---- API keys (AP4): the policy says what the credential reaches, whatever route asked first (the cache)

  @Test
  void aCompanyKeyReachesOnlyTheIntegrationRoutesAsItsCompany() {
    for (String askedBy : new String[] {INTEGRATION_ARN, METHOD_ARN}) {
      Map<String, Object> policy = authorize("ApiKey " + KEY, askedBy);
      JsonNode tree = Json.mapper().valueToTree(policy);
      assertEquals("key-1", tree.path("principalId").asText());
      assertEquals("acct-1", tree.path("context").path("accountId").asText());
      assertEquals("key-1", tree.path("context").path("userId").asText());
      assertEquals("apiKey", tree.path("context").path("principal").asText());
      assertTrue(tree.path("context").path("role").isMissingNode(), "a key has no role");
      // cached by the header's value, the policy is applied to every route: only /integration/* passes
      assertTrue(allows(policy, INTEGRATION_ARN));
      assertTrue(allows(policy, "arn:aws:execute-api:us-east-1:123:api1/dev/GET/integration/anything/else"));
      assertFalse(allows(policy, METHOD_ARN));
      assertFalse(allows(policy, "arn:aws:execute-api:us-east-1:123:api1/dev/POST/settings/api-keys"));
      // an id spelled "integration" in another route's path is not an integration route
      assertFalse(allows(policy, "arn:aws:execute-api:us-east-1:123:api1/dev/GET/customers/integration/conversations"));
      assertFalse(allows(policy, "arn:aws:execute-api:us-east-1:123:other/dev/PUT/integration/customers/R-1"));
    }
  }

  @Test
  void aUserTokenReachesEverythingButTheIntegrationRoutes() throws Exception {
    String bearer = "Bearer " + token(poolKey, c -> { });
    for (String askedBy : new String[] {INTEGRATION_ARN, METHOD_ARN}) {
      Map<String, Object> policy = authorize(bearer, askedBy);
      assertTrue(allows(policy, METHOD_ARN));
      assertTrue(allows(policy, "arn:aws:execute-api:us-east-1:123:api1/dev/POST/settings/api-keys"));
      assertFalse(allows(policy, INTEGRATION_ARN));
      assertFalse(allows(policy, "arn:aws:execute-api:us-east-1:123:api1/dev/GET/integration/anything"));
      assertTrue(allows(policy, "arn:aws:execute-api:us-east-1:123:api1/dev/GET/customers/integration/conversations"));
    }
  }

  @Test
  void anUnknownRevokedOrMalformedKeyIsUnauthorized() {
    String[] bad = {
        "ApiKey " + ApiKeySecret.generate(),           // never made, or revoked: no look-up item
        "ApiKey ",
        "ApiKey not-a-key",
        "ApiKey " + KEY + "x",
        "ApiKey " + KEY.substring(0, KEY.length() - 1),
        "Bearer " + KEY,                               // a key is not a token
    };
    for (String header : bad) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> authorize(header, INTEGRATION_ARN), header);
      assertEquals("Unauthorized", e.getMessage());
    }
  }

  @Test
  void theSchemeIsReadWhateverItsCase() {
    assertTrue(allows(authorize("apikey " + KEY, INTEGRATION_ARN), INTEGRATION_ARN));
  }

  @Test
  void aValidPoolTokenAllowsTheWholeApiButTheIntegrationRoutesAndPassesTheIdentityOn() throws Exception {
    JsonNode policy = Json.mapper().valueToTree(authorize("Bearer " + token(poolKey, c -> { })));
    assertEquals("user-1", policy.path("principalId").asText());
    assertEquals("Allow", policy.path("policyDocument").path("Statement").get(0).path("Effect").asText());
    assertEquals("arn:aws:execute-api:us-east-1:123:api1/dev/*", policy.path("policyDocument").path("Statement").get(0).path("Resource").get(0).asText());
    assertEquals("acct-1", policy.path("context").path("accountId").asText());
    assertEquals("admin", policy.path("context").path("role").asText());
  }

  @Test
  void everyFaultInTheTokenIsUnauthorized() throws Exception {
    String[] bad = {
        "",
        "Bearer ",
        "Basic abc",
        "Bearer not-a-jwt",
        "Bearer " + token(otherKey, c -> { }),
        "Bearer " + token(poolKey, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(300)))),
        "Bearer " + token(poolKey, c -> c.issuer("https://evil.example")),
        "Bearer " + token(poolKey, c -> c.audience("another-client")),
        "Bearer " + token(poolKey, c -> c.claim("token_use", "access")),
        "Bearer " + token(poolKey, c -> c.claim("custom:account_id", null)),
    };
    for (String header : bad) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> authorize(header), header);
      assertEquals("Unauthorized", e.getMessage(), "API Gateway maps exactly this message to 401");
    }
  }

  // ---- REQUEST authorizer of the WebSocket API's $connect: the token query parameter

  private static Map<String, Object> authorizeConnect(Map<String, String> query) {
    Map<String, Object> event = new java.util.HashMap<>(Map.of("type", "REQUEST",
        "methodArn", "arn:aws:execute-api:us-east-1:123:ws1/dev/$connect",
        "requestContext", Map.of("routeKey", "$connect", "eventType", "CONNECT", "connectionId", "c1")));
    if (query != null) {
      event.put("queryStringParameters", query);
    }
    return authorizer.authorize(Json.mapper().valueToTree(event));
  }

  @Test
  void aWebSocketConnectWithAValidTokenParameterIsAllowedWithTheSameIdentity() throws Exception {
    JsonNode policy = Json.mapper().valueToTree(authorizeConnect(Map.of("token", token(poolKey, c -> { }))));
    assertEquals("user-1", policy.path("principalId").asText());
    assertEquals("Allow", policy.path("policyDocument").path("Statement").get(0).path("Effect").asText());
    assertEquals("arn:aws:execute-api:us-east-1:123:ws1/dev/*", policy.path("policyDocument").path("Statement").get(0).path("Resource").get(0).asText());
    assertEquals("acct-1", policy.path("context").path("accountId").asText());
    assertEquals("admin", policy.path("context").path("role").asText());
  }

  @Test
  void aWebSocketConnectWithoutAGoodTokenParameterIsUnauthorized() throws Exception {
    String forged = token(otherKey, c -> { });
    String expired = token(poolKey, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(60))));
    java.util.List<Map<String, String>> queries = new java.util.ArrayList<>();
    queries.add(null);
    queries.add(Map.of());
    queries.add(Map.of("token", ""));
    queries.add(Map.of("token", forged));
    queries.add(Map.of("token", expired));
    queries.add(Map.of("Authorization", "Bearer " + forged));
    for (Map<String, String> query : queries) {
      TokenAuthorizer.UnauthorizedException e = assertThrows(TokenAuthorizer.UnauthorizedException.class, () -> authorizeConnect(query));
      assertEquals("Unauthorized", e.getMessage());
    }
  }

  @Test
  void primingRefusesItsForgedTokenAndThrowsNothing() {
    authorizer.prime(); // SnapStart priming (docs/decisions.md 46): the forged token is refused inside
    assertTrue(com.textinbox.shared.observability.Priming.registered().contains("TokenAuthorizer"));
  }
}
