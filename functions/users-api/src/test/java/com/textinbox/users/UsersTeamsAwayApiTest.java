package com.textinbox.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * GET /users, GET /users/{userId}, PUT /me/away and the team routes through the handler, against
 * DynamoDB Local over HTTP: happy paths, validation (400 with the field), roles (403), other
 * accounts (404) and duplicate team names (409).
 */
class UsersTeamsAwayApiTest {
  private static final String TABLE = "users-teams-test";
  private static final String MAPLE = "acct-maple";
  private static final String CLINIC = "acct-clinic";
  private static final Instant NOW = Instant.parse("2026-11-21T15:00:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoDbClient dynamoDb;
  private static UsersApi api;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    dynamoDb = local.client();
    local.createInboxTable(TABLE);
    api = new UsersApi(dynamoDb, TABLE, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  /** Fresh demo-like data for every test: the table is emptied and seeded again. */
  @BeforeEach
  void seed() {
    for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(b -> b.tableName(TABLE)).items()) {
      dynamoDb.deleteItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, item.get(Table.PK), Table.SK, item.get(Table.SK))));
    }
    put(Keys.account(MAPLE), Keys.ACCOUNT_SK, Map.of(Table.TYPE, "Account", "name", "Maple Motors"));
    put(Keys.account(CLINIC), Keys.ACCOUNT_SK, Map.of(Table.TYPE, "Account", "name", "Harbor Clinic"));
    user(MAPLE, "user-alice", "Alice Martin", "admin");
    user(MAPLE, "user-bruno", "Bruno Tremblay", "user");
    user(MAPLE, "user-chloe", "Chloé Roy", "user");
    user(MAPLE, "user-felix", "Félix Gagnon", "free");
    user(CLINIC, "user-olivia", "Olivia Chen", "admin");
    user(CLINIC, "user-nina", "Nina Patel", "user");
    put(Keys.account(MAPLE), Keys.teamSk("team-service"), Map.of(Table.TYPE, "Team", "name", "Service"));
    put(Keys.account(MAPLE), Keys.teamNameSk("service"), Map.of(Table.TYPE, "TeamName", "teamId", "team-service"));
    for (String member : List.of("user-bruno", "user-chloe")) {
      put(Keys.account(MAPLE), Keys.memberSk("team-service", member), Map.of(Table.TYPE, "TeamMember",
          "teamId", "team-service", "userId", member,
          Table.GSI1PK, Keys.teamsOfUser(MAPLE, member), Table.GSI1SK, "team-service"));
    }
  }

  private static void user(String account, String id, String name, String role) {
    put(Keys.account(account), Keys.userSk(id), Map.of(Table.TYPE, "User", "name", name,
        "email", id.substring(5) + "@example.com", "role", role));
  }

  private static void put(String pk, String sk, Map<String, String> attributes) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(Table.PK, AttributeValue.fromS(pk));
    item.put(Table.SK, AttributeValue.fromS(sk));
    attributes.forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
    dynamoDb.putItem(b -> b.tableName(TABLE).item(item));
  }

  private static Map<String, AttributeValue> item(String account, String sk) {
    return dynamoDb.getItem(b -> b.tableName(TABLE).key(Map.of(
        Table.PK, AttributeValue.fromS(Keys.account(account)), Table.SK, AttributeValue.fromS(sk)))).item();
  }

  private record Answer(int status, JsonNode body) {
    String errorCode() {
      return body.path("error").path("code").asText();
    }

    String errorField() {
      return body.path("error").path("field").asText();
    }
  }

  private static Answer call(String account, String userId, String role, String method, String resource,
      Map<String, String> pathParameters, String body) {
    ObjectNode event = Json.object();
    event.put("httpMethod", method);
    event.put("resource", resource);
    String path = resource;
    ObjectNode parameters = event.putObject("pathParameters");
    for (Map.Entry<String, String> p : pathParameters.entrySet()) {
      parameters.put(p.getKey(), p.getValue());
      path = path.replace("{" + p.getKey() + "}", p.getValue());
    }
    event.put("path", path);
    if (body != null) {
      event.put("body", body);
    }
    event.putObject("requestContext").putObject("authorizer")
        .put("accountId", account).put("userId", userId).put("role", role);
    ApiResponse response = api.handle(event);
    return new Answer(response.status(), response.body() == null ? Json.object() : Json.mapper().valueToTree(response.body()));
  }

  private static Answer admin(String method, String resource, Map<String, String> parameters, String body) {
    return call(MAPLE, "user-alice", "admin", method, resource, parameters, body);
  }

  private static Answer bruno(String method, String resource, Map<String, String> parameters, String body) {
    return call(MAPLE, "user-bruno", "user", method, resource, parameters, body);
  }

  private static Answer clinicAdmin(String method, String resource, Map<String, String> parameters, String body) {
    return call(CLINIC, "user-olivia", "admin", method, resource, parameters, body);
  }

  private static Answer free(String method, String resource, Map<String, String> parameters, String body) {
    return call(MAPLE, "user-felix", "free", method, resource, parameters, body);
  }

  private static Answer away(String userId, String body) {
    return call(MAPLE, userId, "user", "PUT", "/me/away", Map.of(), body);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.path(field).asText()));
    return values;
  }

  private static JsonNode userIn(Answer list, String id) {
    for (JsonNode user : list.body().path("users")) {
      if (user.path("id").asText().equals(id)) {
        return user;
      }
    }
    throw new AssertionError(id + " not in " + list.body());
  }

  @Nested
  class Users {
    @Test
    void everyoneButFreeUsersListsTheirCompanysUsersByNameWithTeamsAndAwayState() {
      Answer list = bruno("GET", "/users", Map.of(), null);
      assertEquals(200, list.status(), list.body().toString());
      assertEquals(List.of("Alice Martin", "Bruno Tremblay", "Chloé Roy", "Félix Gagnon"), texts(list.body().path("users"), "name"));
      JsonNode bruno = userIn(list, "user-bruno");
      assertEquals("bruno@example.com", bruno.path("email").asText());
      assertEquals("user", bruno.path("role").asText());
      assertEquals("[\"team-service\"]", bruno.path("teamIds").toString());
      assertFalse(bruno.path("away").path("on").asBoolean());
      assertEquals(0, userIn(list, "user-alice").path("teamIds").size());
    }

    @Test
    void theListCostsTwoQueriesWhateverTheNumberOfUsers() {
      Map<String, Integer> made = RequestCounter.during(() -> assertEquals(200, bruno("GET", "/users", Map.of(), null).status()));
      assertEquals(Map.of("DynamoDb.Query", 2, "DynamoDb.Query.attempts", 2), made);
    }

    @Test
    void theClinicSeesOnlyItsOwnUsers() {
      Answer list = clinicAdmin("GET", "/users", Map.of(), null);
      assertEquals(List.of("Nina Patel", "Olivia Chen"), texts(list.body().path("users"), "name"));
      assertFalse(list.body().toString().contains(MAPLE));
      assertFalse(list.body().toString().contains("Maple Motors"));
    }

    @Test
    void oneUserWithTheirTeams() {
      Answer chloe = bruno("GET", "/users/{userId}", Map.of("userId", "user-chloe"), null);
      assertEquals(200, chloe.status(), chloe.body().toString());
      assertEquals("Chloé Roy", chloe.body().path("name").asText());
      assertEquals("[\"team-service\"]", chloe.body().path("teamIds").toString());
    }

    @Test
    void aUserOfAnotherCompanyOrNobodyIs404() {
      assertEquals(404, clinicAdmin("GET", "/users/{userId}", Map.of("userId", "user-bruno"), null).status());
      assertEquals(404, bruno("GET", "/users/{userId}", Map.of("userId", "user-olivia"), null).status());
      assertEquals(404, bruno("GET", "/users/{userId}", Map.of("userId", "user-nobody"), null).status());
    }

    @Test
    void freeUsersAre403() {
      Answer list = free("GET", "/users", Map.of(), null);
      assertEquals(403, list.status());
      assertEquals("forbidden", list.errorCode());
      assertEquals(403, free("GET", "/users/{userId}", Map.of("userId", "user-bruno"), null).status());
      assertEquals(200, free("GET", "/me", Map.of(), null).status(), "their own profile stays open to them");
    }
  }

  @Nested
  class Away {
    @Test
    void onWithADelegateAndAReturnTimeIsWhatAwayReturnsReadsAndEveryoneSeesIt() {
      Answer on = away("user-chloe", "{\"on\":true,\"delegateId\":\"user-bruno\",\"returnAt\":\"2026-12-01T13:00:00Z\"}");
      assertEquals(200, on.status(), on.body().toString());
      assertEquals("Bruno Tremblay", on.body().path("delegate").path("name").asText());

      Map<String, AttributeValue> item = item(MAPLE, Keys.userSk("user-chloe"));
      assertTrue(item.get("away").bool());
      assertEquals("user-bruno", item.get("awayDelegateId").s());
      assertEquals("2026-12-01T13:00:00Z", item.get("awayReturnAt").s());
      assertEquals(Keys.AWAY_RETURNS, item.get(Table.GSI4PK).s());
      assertEquals("2026-12-01T13:00:00Z#" + MAPLE + "#user-chloe", item.get(Table.GSI4SK).s());

      JsonNode seen = userIn(bruno("GET", "/users", Map.of(), null), "user-chloe").path("away");
      assertTrue(seen.path("on").asBoolean());
      assertEquals("user-bruno", seen.path("delegate").path("id").asText());
      assertEquals("Bruno Tremblay", seen.path("delegate").path("name").asText());
      assertEquals("2026-12-01T13:00:00Z", seen.path("returnAt").asText());
      JsonNode one = bruno("GET", "/users/{userId}", Map.of("userId", "user-chloe"), null).body().path("away");
      assertEquals("Bruno Tremblay", one.path("delegate").path("name").asText());
    }

    @Test
    void awaySinceMarksTheStartOfTheAwayPeriodAndStaysWhileItLasts() {
      away("user-chloe", "{\"on\":false}");
      away("user-chloe", "{\"on\":true}");
      assertEquals("2026-11-21T15:00:00.000Z", item(MAPLE, Keys.userSk("user-chloe")).get("awaySince").s());
      // changing the delegate while away is the same period (A5 compares replies with its start)
      dynamoDb.updateItem(b -> b.tableName(TABLE).key(Map.of(Table.PK, AttributeValue.fromS(Keys.account(MAPLE)),
          Table.SK, AttributeValue.fromS(Keys.userSk("user-chloe")))).updateExpression("SET awaySince = :s")
          .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("2026-11-20T08:00:00.000Z"))));
      away("user-chloe", "{\"on\":true,\"delegateId\":\"user-bruno\"}");
      assertEquals("2026-11-20T08:00:00.000Z", item(MAPLE, Keys.userSk("user-chloe")).get("awaySince").s());
      away("user-chloe", "{\"on\":false}");
      assertNull(item(MAPLE, Keys.userSk("user-chloe")).get("awaySince"));
    }

    @Test
    void aDateMeansTheStartOfThatDayInUtcAndAnOffsetIsConverted() {
      assertEquals(200, away("user-chloe", "{\"on\":true,\"returnAt\":\"2026-12-01\"}").status());
      assertEquals("2026-12-01T00:00:00Z", item(MAPLE, Keys.userSk("user-chloe")).get("awayReturnAt").s());
      assertEquals(200, away("user-chloe", "{\"on\":true,\"returnAt\":\"2026-12-01T08:00:00-05:00\"}").status());
      assertEquals("2026-12-01T13:00:00Z", item(MAPLE, Keys.userSk("user-chloe")).get("awayReturnAt").s());
    }

    @Test
    void onWithoutAReturnDateLeavesTheDueList() {
      away("user-chloe", "{\"on\":true,\"returnAt\":\"2026-12-01\"}");
      Answer on = away("user-chloe", "{\"on\":true}");
      assertEquals(200, on.status());
      Map<String, AttributeValue> item = item(MAPLE, Keys.userSk("user-chloe"));
      assertTrue(item.get("away").bool());
      assertNull(item.get("awayReturnAt"));
      assertNull(item.get(Table.GSI4PK));
      assertNull(item.get(Table.GSI4SK));
      assertNull(item.get("awayDelegateId"));
    }

    @Test
    void offClearsDelegateReturnDateAndTheDueList() {
      away("user-chloe", "{\"on\":true,\"delegateId\":\"user-bruno\",\"returnAt\":\"2026-12-01\"}");
      Answer off = away("user-chloe", "{\"on\":false,\"delegateId\":\"user-bruno\",\"returnAt\":\"2026-12-02\"}");
      assertEquals(200, off.status(), off.body().toString());
      assertFalse(off.body().path("on").asBoolean());
      Map<String, AttributeValue> item = item(MAPLE, Keys.userSk("user-chloe"));
      assertFalse(item.get("away").bool());
      for (String gone : List.of("awayDelegateId", "awayReturnAt", "awaySince", Table.GSI4PK, Table.GSI4SK)) {
        assertNull(item.get(gone), gone);
      }
      assertFalse(userIn(bruno("GET", "/users", Map.of(), null), "user-chloe").path("away").path("on").asBoolean());
    }

    @Test
    void validationNamesTheField() {
      Object[][] cases = {
          {"{}", "on"},
          {"{\"on\":\"yes\"}", "on"},
          {"{\"on\":true,\"delegateId\":\"user-chloe\"}", "delegateId"},
          {"{\"on\":true,\"delegateId\":\"user-felix\"}", "delegateId"},
          {"{\"on\":true,\"delegateId\":\"user-olivia\"}", "delegateId"},
          {"{\"on\":true,\"delegateId\":\"user-nobody\"}", "delegateId"},
          {"{\"on\":true,\"delegateId\":42}", "delegateId"},
          {"{\"on\":true,\"returnAt\":\"2026-11-21T14:59:59Z\"}", "returnAt"},
          {"{\"on\":true,\"returnAt\":\"2026-11-21\"}", "returnAt"},
          {"{\"on\":true,\"returnAt\":\"next tuesday\"}", "returnAt"},
      };
      for (Object[] c : cases) {
        Answer answer = away("user-chloe", (String) c[0]);
        assertEquals(400, answer.status(), c[0] + " -> " + answer.body());
        assertEquals(c[1], answer.errorField(), c[0] + " -> " + answer.body());
      }
      assertTrue(away("user-chloe", "{\"on\":true,\"delegateId\":\"user-olivia\"}").body().toString().contains("No such user"));
      assertEquals(400, away("user-chloe", null).status(), "no body");
      assertNull(item(MAPLE, Keys.userSk("user-chloe")).get("away"), "nothing was written");
    }

    @Test
    void freeUsersCannotTurnAwayOn() {
      Answer answer = free("PUT", "/me/away", Map.of(), "{\"on\":true}");
      assertEquals(403, answer.status());
      assertNull(item(MAPLE, Keys.userSk("user-felix")).get("away"));
    }

    @Test
    void aCallerWithoutAUserItemIs404AndNoItemIsCreated() {
      Answer answer = call(MAPLE, "user-ghost", "user", "PUT", "/me/away", Map.of(), "{\"on\":true}");
      assertEquals(404, answer.status());
      assertTrue(item(MAPLE, Keys.userSk("user-ghost")).isEmpty());
    }
  }

  @Nested
  class Teams {
    private JsonNode teams(Answer list) {
      return list.body().path("teams");
    }

    @Test
    void everyoneButFreeUsersListsTeamsWithMembers() {
      Answer list = bruno("GET", "/teams", Map.of(), null);
      assertEquals(200, list.status(), list.body().toString());
      assertEquals(1, teams(list).size());
      JsonNode service = teams(list).get(0);
      assertEquals("team-service", service.path("id").asText());
      assertEquals("Service", service.path("name").asText());
      assertEquals(List.of("Bruno Tremblay", "Chloé Roy"), texts(service.path("members"), "name"));
      assertEquals(List.of("user-bruno", "user-chloe"), texts(service.path("members"), "id"));
      assertEquals(403, free("GET", "/teams", Map.of(), null).status());
      assertEquals(0, teams(clinicAdmin("GET", "/teams", Map.of(), null)).size());
    }

    @Test
    void anAdminCreatesRenamesManagesAndDeletesATeam() {
      Answer created = admin("POST", "/teams", Map.of(), "{\"name\":\"  Sales \"}");
      assertEquals(201, created.status(), created.body().toString());
      String id = created.body().path("id").asText();
      assertEquals("Sales", created.body().path("name").asText());
      Map<String, String> team = Map.of("teamId", id);

      assertEquals(204, admin("PUT", "/teams/{teamId}/members/{userId}", Map.of("teamId", id, "userId", "user-bruno"), null).status());
      assertEquals(204, admin("PUT", "/teams/{teamId}/members/{userId}", Map.of("teamId", id, "userId", "user-bruno"), null).status(),
          "adding a member twice changes nothing");
      assertEquals(204, admin("PUT", "/teams/{teamId}/members/{userId}", Map.of("teamId", id, "userId", "user-alice"), null).status());
      JsonNode bruno = bruno("GET", "/users/{userId}", Map.of("userId", "user-bruno"), null).body();
      assertEquals(List.of(id, "team-service").stream().sorted().toList(), toList(bruno.path("teamIds")));

      Answer renamed = admin("PATCH", "/teams/{teamId}", team, "{\"name\":\"Sales floor\"}");
      assertEquals(200, renamed.status(), renamed.body().toString());
      assertEquals("Sales floor", renamed.body().path("name").asText());
      assertEquals(201, admin("POST", "/teams", Map.of(), "{\"name\":\"sales\"}").status(), "the old name is free again");
      assertEquals(200, admin("PATCH", "/teams/{teamId}", team, "{\"name\":\"SALES FLOOR\"}").status(), "a change of case only");

      assertEquals(204, admin("DELETE", "/teams/{teamId}/members/{userId}", Map.of("teamId", id, "userId", "user-alice"), null).status());
      assertEquals(404, admin("DELETE", "/teams/{teamId}/members/{userId}", Map.of("teamId", id, "userId", "user-alice"), null).status());
      JsonNode listed = null;
      for (JsonNode t : teams(bruno("GET", "/teams", Map.of(), null))) {
        if (t.path("id").asText().equals(id)) {
          listed = t;
        }
      }
      assertNotNull(listed);
      assertEquals("SALES FLOOR", listed.path("name").asText());
      assertEquals(List.of("user-bruno"), texts(listed.path("members"), "id"));

      assertEquals(204, admin("DELETE", "/teams/{teamId}", team, null).status());
      assertEquals(404, admin("DELETE", "/teams/{teamId}", team, null).status());
      assertTrue(item(MAPLE, Keys.teamSk(id)).isEmpty());
      assertTrue(item(MAPLE, Keys.memberSk(id, "user-bruno")).isEmpty(), "its memberships go with it");
      assertTrue(item(MAPLE, Keys.teamNameSk("sales floor")).isEmpty(), "and its name guard");
      assertEquals(List.of("team-service"), toList(bruno("GET", "/users/{userId}", Map.of("userId", "user-bruno"), null).body().path("teamIds")));
      assertEquals(201, admin("POST", "/teams", Map.of(), "{\"name\":\"Sales Floor\"}").status(), "a deleted team's name is free");
    }

    private static List<String> toList(JsonNode array) {
      List<String> values = new ArrayList<>();
      array.forEach(v -> values.add(v.asText()));
      return values;
    }

    @Test
    void namesAreUniquePerCompanyWhateverTheCase() {
      Answer duplicate = admin("POST", "/teams", Map.of(), "{\"name\":\"SERVICE\"}");
      assertEquals(409, duplicate.status(), duplicate.body().toString());
      assertTrue(duplicate.body().path("error").path("message").asText().contains("already exists"));
      String id = admin("POST", "/teams", Map.of(), "{\"name\":\"Parts\"}").body().path("id").asText();
      assertEquals(409, admin("PATCH", "/teams/{teamId}", Map.of("teamId", id), "{\"name\":\"service\"}").status());
      assertEquals(201, clinicAdmin("POST", "/teams", Map.of(), "{\"name\":\"Service\"}").status(), "another company may use it");
    }

    @Test
    void aNameHasOneToSixtyCharacters() {
      for (String body : new String[] {"{}", "{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":12}",
          "{\"name\":\"" + "x".repeat(61) + "\"}"}) {
        Answer answer = admin("POST", "/teams", Map.of(), body);
        assertEquals(400, answer.status(), body);
        assertEquals("name", answer.errorField(), body);
      }
      assertEquals(201, admin("POST", "/teams", Map.of(), "{\"name\":\"" + "é".repeat(60) + "\"}").status());
      assertEquals(400, admin("PATCH", "/teams/{teamId}", Map.of("teamId", "team-service"), "{\"name\":\"\"}").status());
    }

    @Test
    void usersAreNotAdmins() {
      Map<String, String> service = Map.of("teamId", "team-service");
      Map<String, String> member = Map.of("teamId", "team-service", "userId", "user-alice");
      Answer[] answers = {
          bruno("POST", "/teams", Map.of(), "{\"name\":\"Mine\"}"),
          bruno("PATCH", "/teams/{teamId}", service, "{\"name\":\"Mine\"}"),
          bruno("DELETE", "/teams/{teamId}", service, null),
          bruno("PUT", "/teams/{teamId}/members/{userId}", member, null),
          bruno("DELETE", "/teams/{teamId}/members/{userId}", Map.of("teamId", "team-service", "userId", "user-bruno"), null),
      };
      for (Answer answer : answers) {
        assertEquals(403, answer.status(), answer.body().toString());
        assertTrue(answer.body().path("error").path("message").asText().contains("admin"), answer.body().toString());
      }
      assertEquals("Service", item(MAPLE, Keys.teamSk("team-service")).get("name").s());
      assertFalse(item(MAPLE, Keys.memberSk("team-service", "user-bruno")).isEmpty());
    }

    @Test
    void anotherCompanysTeamsAndUsersAre404() {
      Map<String, String> service = Map.of("teamId", "team-service");
      // the request's shape is checked before anything is read (decision 55): a 400 that tells nothing of the team
      assertEquals(400, clinicAdmin("PATCH", "/teams/{teamId}", service, "{}").status());
      assertEquals(404, clinicAdmin("PATCH", "/teams/{teamId}", service, "{\"name\":\"Hacked\"}").status());
      assertEquals(404, clinicAdmin("DELETE", "/teams/{teamId}", service, null).status());
      assertEquals(404, clinicAdmin("PUT", "/teams/{teamId}/members/{userId}",
          Map.of("teamId", "team-service", "userId", "user-olivia"), null).status());
      assertEquals(404, clinicAdmin("DELETE", "/teams/{teamId}/members/{userId}",
          Map.of("teamId", "team-service", "userId", "user-bruno"), null).status());
      String clinicTeam = clinicAdmin("POST", "/teams", Map.of(), "{\"name\":\"Front desk\"}").body().path("id").asText();
      assertEquals(404, clinicAdmin("PUT", "/teams/{teamId}/members/{userId}",
          Map.of("teamId", clinicTeam, "userId", "user-bruno"), null).status(), "a user of another company");
      assertEquals(404, admin("PUT", "/teams/{teamId}/members/{userId}",
          Map.of("teamId", clinicTeam, "userId", "user-bruno"), null).status(), "a team of another company");
      assertEquals("Service", item(MAPLE, Keys.teamSk("team-service")).get("name").s());
      assertFalse(item(MAPLE, Keys.memberSk("team-service", "user-bruno")).isEmpty());
    }

    @Test
    void freeUsersCannotBeMembers() {
      Answer answer = admin("PUT", "/teams/{teamId}/members/{userId}", Map.of("teamId", "team-service", "userId", "user-felix"), null);
      assertEquals(400, answer.status());
      assertEquals("userId", answer.errorField());
    }
  }
}
