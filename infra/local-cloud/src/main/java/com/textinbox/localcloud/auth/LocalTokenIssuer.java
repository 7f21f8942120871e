package com.textinbox.localcloud.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Stands in for the Cognito user pool: signs ID tokens of the same shape (RS256, {@code iss},
 * {@code aud} = app client, {@code token_use=id}, {@code custom:account_id}, {@code custom:role})
 * with its own key, and publishes the public key as a JWKS. The authorizer function verifies them
 * exactly as it verifies Cognito's.
 */
public final class LocalTokenIssuer {
  private final RSAKey key;
  private final String issuer;
  private final String audience;

  private LocalTokenIssuer(RSAKey key, String issuer, String audience) {
    this.key = key;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** Keeps the key in {@code keyFile} when given, so tokens survive a restart with --data. */
  public static LocalTokenIssuer create(String issuer, String audience, Path keyFile) throws IOException {
    try {
      if (keyFile != null && Files.exists(keyFile)) {
        return new LocalTokenIssuer(RSAKey.parse(Files.readString(keyFile)), issuer, audience);
      }
      RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
          .keyID("local-" + UUID.randomUUID()).generate();
      if (keyFile != null) {
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, key.toJSONString());
      }
      return new LocalTokenIssuer(key, issuer, audience);
    } catch (JOSEException | ParseException e) {
      throw new IOException("cannot create the local signing key: " + e.getMessage(), e);
    }
  }

  public String issuer() {
    return issuer;
  }

  /** The public keys, as Cognito serves them at {@code <issuer>/.well-known/jwks.json}. */
  public String jwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  public String issue(String accountId, String userId, String email, String role, Duration validFor) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject(userId)
        .claim("token_use", "id")
        .claim("cognito:username", email)
        .claim("email", email)
        .claim("custom:account_id", accountId)
        .claim("custom:role", role)
        .issueTime(Date.from(validFor.isNegative() ? now.plus(validFor).minusSeconds(60) : now))
        .expirationTime(Date.from(now.plus(validFor)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    try {
      SignedJWT jwt = new SignedJWT(
          new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }
}
