package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Users, teams and away mode through the local API gateway, the token authorizer and UsersApi
 * (C12, A1-A3, N10); the return date through the AwayReturns schedule.
 */
class UsersTeamsAwayTest {
  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  private static JsonNode users(String demoUser) {
    Http.Response response = Http.get(api("/users"), Tokens.of(demoUser));
    assertEquals(200, response.status(), response.body());
    return response.json().path("users");
  }

  private static JsonNode find(JsonNode array, String id) {
    for (JsonNode node : array) {
      if (node.path("id").asText().equals(id)) {
        return node;
      }
    }
    return null;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(field == null ? node.asText() : node.path(field).asText()));
    return values;
  }

  private static Http.Response away(String demoUser, Object body) {
    return Http.send("PUT", api("/me/away"), Tokens.of(demoUser), Http.json(body));
  }

  /** Chloé (user2) is the user these tests send away: she is back whatever a test did. */
  @AfterEach
  void chloeIsBack() {
    away("user2", Map.of("on", false));
  }

  @Test
  void aUserSeesTheirCompanysUsersByNameWithTheirTeamsAndNeverAnotherCompanys() {
    JsonNode users = users("user1");
    List<String> names = texts(users, "name");
    List<String> demo = names.stream()
        .filter(List.of("Alice Martin", "Bruno Tremblay", "Chloé Roy", "Félix Gagnon")::contains).toList();
    assertEquals(List.of("Alice Martin", "Bruno Tremblay", "Chloé Roy", "Félix Gagnon"), demo, "all four, by name: " + names);
    assertFalse(names.contains("Olivia Chen"), names.toString());
    assertTrue(texts(find(users, "user-bruno").path("teamIds"), null).contains("team-service"));
    assertTrue(texts(find(users, "user-chloe").path("teamIds"), null).contains("team-service"));
    assertFalse(texts(find(users, "user-alice").path("teamIds"), null).contains("team-service"));
    assertEquals("admin", find(users, "user-alice").path("role").asText());
    assertEquals("bruno@maple-motors.example", find(users, "user-bruno").path("email").asText());

    Http.Response chloe = Http.get(api("/users/user-chloe"), Tokens.of("user1"));
    assertEquals(200, chloe.status(), chloe.body());
    assertEquals("Chloé Roy", chloe.json().path("name").asText());
    assertEquals(404, Http.get(api("/users/user-olivia"), Tokens.of("user1")).status(), "the clinic's admin is no user of the dealership");

    List<String> clinic = texts(users("otherAdmin"), "name");
    assertTrue(clinic.contains("Olivia Chen") && !clinic.contains("Bruno Tremblay"), clinic.toString());
  }

  @Test
  void freeUsersGet403EverywhereButTheirProfile() {
    for (String path : List.of("/users", "/users/user-bruno", "/teams")) {
      Http.Response response = Http.get(api(path), Tokens.of("free"));
      assertEquals(403, response.status(), path + ": " + response.body());
      assertEquals("forbidden", response.json().path("error").path("code").asText());
    }
    assertEquals(403, away("free", Map.of("on", true)).status());
    assertEquals(200, Http.get(api("/me"), Tokens.of("free")).status());
  }

  @Test
  void anAdminCreatesRenamesStaffsAndDeletesATeamAndAUserCannot() {
    String admin = Tokens.of("admin");
    String user1 = Tokens.of("user1");
    String name = "Detailing " + System.nanoTime();
    assertEquals(403, Http.post(api("/teams"), user1, Http.json(Map.of("name", name))).status(), "users are not admins");

    Http.Response created = Http.post(api("/teams"), admin, Http.json(Map.of("name", name)));
    assertEquals(201, created.status(), created.body());
    String teamId = created.json().path("id").asText();
    assertEquals(409, Http.post(api("/teams"), admin, Http.json(Map.of("name", name.toUpperCase()))).status(), "names ignore case");
    assertEquals(409, Http.send("PATCH", api("/teams/" + teamId), admin, Http.json(Map.of("name", "service"))).status());
    Http.Response tooLong = Http.post(api("/teams"), admin, Http.json(Map.of("name", "x".repeat(61))));
    assertEquals(400, tooLong.status());
    assertEquals("name", tooLong.json().path("error").path("field").asText());

    String member = api("/teams/" + teamId + "/members/user-bruno");
    assertEquals(403, Http.send("PUT", member, user1, null).status());
    assertEquals(204, Http.send("PUT", member, admin, null).status());
    assertEquals(400, Http.send("PUT", api("/teams/" + teamId + "/members/user-felix"), admin, null).status(), "free users take no conversations");
    assertEquals(404, Http.send("PUT", api("/teams/" + teamId + "/members/user-olivia"), admin, null).status());
    JsonNode team = find(Http.get(api("/teams"), user1).json().path("teams"), teamId);
    assertNotNull(team);
    assertEquals(List.of("Bruno Tremblay"), texts(team.path("members"), "name"));
    assertTrue(texts(find(users("user1"), "user-bruno").path("teamIds"), null).contains(teamId));

    assertEquals(403, Http.send("PATCH", api("/teams/" + teamId), user1, Http.json(Map.of("name", "Mine"))).status());
    Http.Response renamed = Http.send("PATCH", api("/teams/" + teamId), admin, Http.json(Map.of("name", name + " & Wash")));
    assertEquals(200, renamed.status(), renamed.body());
    assertEquals(name + " & Wash", find(Http.get(api("/teams"), user1).json().path("teams"), teamId).path("name").asText());

    assertEquals(403, Http.send("DELETE", member, user1, null).status());
    assertEquals(204, Http.send("DELETE", member, admin, null).status());
    assertEquals(404, Http.send("DELETE", member, admin, null).status());
    assertEquals(204, Http.send("PUT", member, admin, null).status());

    assertEquals(403, Http.send("DELETE", api("/teams/" + teamId), user1, null).status());
    assertEquals(204, Http.send("DELETE", api("/teams/" + teamId), admin, null).status());
    assertNull(find(Http.get(api("/teams"), user1).json().path("teams"), teamId));
    assertFalse(texts(find(users("user1"), "user-bruno").path("teamIds"), null).contains(teamId), "its memberships are gone");
    assertEquals(404, Http.send("DELETE", api("/teams/" + teamId), admin, null).status());
    assertNotNull(find(Http.get(api("/teams"), user1).json().path("teams"), "team-service"), "the Service team is untouched");
  }

  @Test
  void everyoneSeesWhoIsAwayWithTheDelegateAndTheReturnDate() {
    Http.Response past = away("user2", Map.of("on", true, "delegateId", "user-bruno", "returnAt", "2020-01-01"));
    assertEquals(400, past.status(), past.body());
    assertEquals("returnAt", past.json().path("error").path("field").asText());
    Http.Response stranger = away("user2", Map.of("on", true, "delegateId", "user-olivia"));
    assertEquals(400, stranger.status());
    assertTrue(stranger.body().contains("No such user"), stranger.body());

    String returnAt = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    Http.Response on = away("user2", Map.of("on", true, "delegateId", "user-bruno", "returnAt", returnAt));
    assertEquals(200, on.status(), on.body());

    JsonNode seen = find(users("user1"), "user-chloe").path("away");
    assertTrue(seen.path("on").asBoolean(), seen.toString());
    assertEquals("user-bruno", seen.path("delegate").path("id").asText());
    assertEquals("Bruno Tremblay", seen.path("delegate").path("name").asText());
    assertEquals(returnAt, seen.path("returnAt").asText());
    assertEquals(returnAt, Http.get(api("/users/user-chloe"), Tokens.of("admin")).json().path("away").path("returnAt").asText());
    assertEquals(200, Http.get(api("/teams"), Tokens.of("user2")).status(), "away users keep full access (A6)");

    assertEquals(200, away("user2", Map.of("on", false)).status());
    JsonNode back = find(users("user1"), "user-chloe").path("away");
    assertFalse(back.path("on").asBoolean(), back.toString());
    assertTrue(back.path("returnAt").isNull() || back.path("returnAt").isMissingNode(), back.toString());
  }

  @Test
  void theAwayReturnsScheduleTurnsAwayOffOnceTheReturnDateHasPassed() throws InterruptedException {
    Instant returnAt = Instant.now().plusSeconds(2);
    Http.Response on = away("user2", Map.of("on", true, "returnAt", returnAt.toString()));
    assertEquals(200, on.status(), on.body());
    assertTrue(find(users("user1"), "user-chloe").path("away").path("on").asBoolean());

    Thread.sleep(Math.max(0, returnAt.toEpochMilli() - System.currentTimeMillis()) + 1_000);
    Http.Response run = Http.post(LocalCloudProcess.endpoints().path("schedules").asText() + "/AwayReturns", null, null);
    assertEquals(200, run.status(), run.body());

    JsonNode back = find(users("user1"), "user-chloe").path("away");
    assertFalse(back.path("on").asBoolean(), "A3: away mode turned itself off at the return date: " + back);
  }
}
