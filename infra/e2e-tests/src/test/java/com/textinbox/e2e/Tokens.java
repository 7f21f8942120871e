package com.textinbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.localcloud.auth.LocalTokenIssuer;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** Tokens for the tests: the demo users', expired ones, and forgeries signed with another key. */
final class Tokens {
  private Tokens() {}

  static String of(String demoUser) {
    return LocalCloudProcess.endpoints().path("tokens").path(demoUser).asText();
  }

  /** Signed by the local cloud's own key, but already expired. */
  static String expired(String demoUser) {
    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("tokenIssuer").asText(), null,
        Http.json(Map.of("user", demoUser, "expiresInSeconds", -120)));
    return response.json().path("token").asText();
  }

  /** The same claims as a real token of {@code demoUser}, signed with a key the system never saw. */
  static String forged(String demoUser) {
    JsonNode claims = claims(of(demoUser));
    try {
      LocalTokenIssuer forger = LocalTokenIssuer.create(claims.path("iss").asText(), claims.path("aud").asText(), null);
      return forger.issue(claims.path("custom:account_id").asText(), claims.path("sub").asText(),
          claims.path("email").asText(), claims.path("custom:role").asText(), Duration.ofHours(1));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A new API key (AP4) of the demo admin's company, as the header value {@code ApiKey <key>}:
   * created through POST /settings/api-keys.
   */
  static String apiKey(String demoAdmin, String name) {
    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("apiUrl").asText() + "/settings/api-keys",
        of(demoAdmin), Http.json(Map.of("name", name)));
    if (response.status() != 201) {
      throw new IllegalStateException("POST /settings/api-keys as " + demoAdmin + ": " + response.status() + " " + response.body());
    }
    return "ApiKey " + response.json().path("key").asText();
  }

  static JsonNode claims(String token) {
    String payload = token.split("\\.")[1];
    return new Http.Response(200, new String(Base64.getUrlDecoder().decode(payload))).json();
  }
}
