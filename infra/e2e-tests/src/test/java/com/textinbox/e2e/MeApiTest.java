package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** GET /me through the local API gateway, the token authorizer and the users function. */
class MeApiTest {
  private static String me() {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + "/me";
  }

  @Test
  void adminSeesThemselvesAndTheirCompany() {
    Http.Response response = Http.get(me(), Tokens.of("admin"));
    assertEquals(200, response.status(), response.body());
    JsonNode body = response.json();
    assertEquals("user-alice", body.path("userId").asText());
    assertEquals("Alice Martin", body.path("name").asText());
    assertEquals("admin", body.path("role").asText());
    assertEquals("acct-maple-motors", body.path("company").path("id").asText());
    assertEquals("Maple Motors", body.path("company").path("name").asText());
  }

  @Test
  void eachDemoUserGetsTheirOwnRoleAndCompany() {
    assertEquals("user", Http.get(me(), Tokens.of("user1")).json().path("role").asText());
    Http.Response free = Http.get(me(), Tokens.of("free"));
    assertEquals(200, free.status(), "free users may see their own profile: " + free.body());
    assertEquals("free", free.json().path("role").asText());
    JsonNode other = Http.get(me(), Tokens.of("otherAdmin")).json();
    assertEquals("Harbor Clinic", other.path("company").path("name").asText());
    assertEquals("user-olivia", other.path("userId").asText());
  }

  @Test
  void noTokenIs401WithAClearJsonError() {
    Http.Response response = Http.get(me(), null);
    assertEquals(401, response.status());
    assertEquals("unauthorized", response.json().path("error").path("code").asText());
  }

  @Test
  void forgedExpiredAndMalformedTokensAre401() {
    assertEquals(401, Http.get(me(), Tokens.forged("admin")).status(), "a token signed with another key");
    assertEquals(401, Http.get(me(), Tokens.expired("admin")).status(), "an expired token");
    assertEquals(401, Http.get(me(), "Bearer not.a.jwt").status(), "garbage");
    assertEquals(401, Http.get(me(), "Basic YWRtaW46YWRtaW4=").status(), "another scheme");
    String real = Tokens.of("admin");
    String[] parts = real.split("\\.");
    String tamperedPayload = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
    assertEquals(401, Http.get(me(), tamperedPayload).status(), "a payload changed after signing");
  }

  @Test
  void unknownRouteIsAJson404NotACrash() {
    Http.Response response = Http.get(LocalCloudProcess.endpoints().path("apiUrl").asText() + "/no-such-thing", Tokens.of("admin"));
    assertEquals(404, response.status());
    assertTrue(response.body().contains("no_route"), response.body());
  }
}
