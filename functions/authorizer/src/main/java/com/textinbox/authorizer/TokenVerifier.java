package com.textinbox.authorizer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.auth.Role;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Set;

/**
 * Verifies a Cognito ID token: RS256 signature against the pool's JWKS (fetched once, then cached),
 * expiry, issuer, audience (the app client) and {@code token_use=id}. The local cloud issues tokens
 * of the same shape, signed with its own key, and serves its JWKS.
 */
final class TokenVerifier {
  static final String ACCOUNT_CLAIM = "custom:account_id";
  static final String ROLE_CLAIM = "custom:role";

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  TokenVerifier(String issuer, String audience, JWKSource<SecurityContext> keys) {
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", "id").build(),
            Set.of("sub", "exp", "iat", ACCOUNT_CLAIM)));
  }

  static TokenVerifier forJwksUrl(String issuer, String audience, String jwksUrl) {
    try {
      return new TokenVerifier(issuer, audience, JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).build());
    } catch (MalformedURLException e) {
      throw new IllegalStateException("JWT_JWKS_URL is not a URL: " + jwksUrl, e);
    }
  }

  /** The caller the token names; any fault in the token is an {@link InvalidToken}. */
  Caller verify(String token) {
    try {
      JWTClaimsSet claims = processor.process(token, null);
      return new Caller(
          claims.getStringClaim(ACCOUNT_CLAIM),
          claims.getSubject(),
          Role.of(claims.getStringClaim(ROLE_CLAIM)),
          claims.getStringClaim("email"));
    } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
      throw new InvalidToken(e.getMessage());
    }
  }

  static final class InvalidToken extends RuntimeException {
    InvalidToken(String reason) {
      super(reason);
    }
  }
}
