package com.textinbox.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.testing.RepositoryFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** events/authorizer/token.json, the event `sam local invoke` and the cold-start bench use, through the real handler. */
class SampleEventTest {
  private static byte[] event;
  private static JWTClaimsSet sampleClaims;

  @BeforeAll
  static void read() throws Exception {
    event = Files.readAllBytes(RepositoryFiles.root().resolve("events/authorizer/token.json"));
    String header = Json.text(Json.mapper().readTree(event), "authorizationToken");
    assertTrue(header.startsWith("Bearer "), header);
    sampleClaims = SignedJWT.parse(header.substring(7)).getJWTClaimsSet();
  }

  private static TokenAuthorizer authorizerTrusting(RSAKey key) {
    return new TokenAuthorizer(new TokenVerifier(sampleClaims.getIssuer(), sampleClaims.getAudience().get(0),
        new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))), hash -> java.util.Optional.empty());
  }

  private static JsonNode invoke(TokenAuthorizer authorizer, byte[] input) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    authorizer.handleRequest(new ByteArrayInputStream(input), out, null);
    return Json.mapper().readTree(out.toByteArray());
  }

  @Test
  void theSampleTokenIsTheDemoAdminsButItsSignatureIsRefused() throws Exception {
    assertEquals("acct-maple-motors", sampleClaims.getStringClaim("custom:account_id"));
    assertEquals("user-alice", sampleClaims.getSubject());
    RSAKey pool = new RSAKeyGenerator(2048).keyID("example-key").generate();
    RuntimeException e = assertThrows(RuntimeException.class, () -> invoke(authorizerTrusting(pool), event));
    assertEquals("Unauthorized", e.getMessage());
  }

  @Test
  void theSampleEventWithALiveTokenAllowsTheWholeApi() throws Exception {
    RSAKey pool = new RSAKeyGenerator(2048).keyID("example-key").generate();
    SignedJWT live = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("example-key").build(),
        new JWTClaimsSet.Builder(sampleClaims)
            .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
    live.sign(new RSASSASigner(pool));
    ObjectNode withLiveToken = (ObjectNode) Json.mapper().readTree(event);
    withLiveToken.put("authorizationToken", "Bearer " + live.serialize());

    JsonNode policy = invoke(authorizerTrusting(pool), Json.bytes(withLiveToken));
    assertEquals("user-alice", policy.path("principalId").asText());
    JsonNode statement = policy.path("policyDocument").path("Statement").get(0);
    assertEquals("Allow", statement.path("Effect").asText());
    assertEquals("arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/dev/*", statement.path("Resource").get(0).asText());
    assertEquals("acct-maple-motors", policy.path("context").path("accountId").asText());
    assertEquals("admin", policy.path("context").path("role").asText());
  }
}
