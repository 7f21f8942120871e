package com.textinbox.shared.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.auth.Role;
import com.textinbox.shared.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON clients get for users and teams, to the letter (docs/openapi.yaml: User, Away, Me, Team). */
class UserAndTeamViewTest {
  private static final Instant RETURN = Instant.parse("2026-12-01T13:00:00Z");

  private static String json(Object view) {
    return new String(Json.bytes(view), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aUserAwayWithADelegate() {
    User chloe = new User("acct", "user-chloe", "Chloé", "chloe@example.com", Role.USER,
        Away.on("user-bruno", RETURN, RETURN.minusSeconds(86_400)), null);
    assertEquals("{\"id\":\"user-chloe\",\"name\":\"Chloé\",\"email\":\"chloe@example.com\",\"role\":\"user\","
        + "\"teamIds\":[\"team-service\"],\"away\":{\"on\":true,\"delegate\":{\"id\":\"user-bruno\",\"name\":\"Bruno\"},"
        + "\"returnAt\":\"2026-12-01T13:00:00Z\"}}",
        json(UserView.of(chloe, List.of("team-service"), id -> id.equals("user-bruno") ? "Bruno" : null)));
  }

  @Test
  void aPresentUserShowsNoDelegateNorReturnDate() {
    User bruno = User.of("acct", "user-bruno", "Bruno", null, Role.ADMIN);
    // the JSON writer leaves nulls out
    assertEquals("{\"id\":\"user-bruno\",\"name\":\"Bruno\",\"role\":\"admin\",\"teamIds\":[],\"away\":{\"on\":false}}",
        json(UserView.of(bruno, List.of(), id -> "never asked")));
  }

  @Test
  void me() {
    assertEquals("{\"userId\":\"user-bruno\",\"name\":\"Bruno\",\"email\":\"b@example.com\",\"role\":\"user\","
        + "\"company\":{\"id\":\"acct\",\"name\":\"Maple\"}}",
        json(UserView.me(User.of("acct", "user-bruno", "Bruno", "b@example.com", Role.ADMIN), Role.USER, Account.named("acct", "Maple"))));
  }

  @Test
  void aTeamWithNamedMembersOrIdsOnly() {
    Team team = new Team("acct", "team-service", "Service");
    assertEquals("{\"id\":\"team-service\",\"name\":\"Service\",\"members\":[{\"id\":\"user-bruno\",\"name\":\"Bruno\"}]}",
        json(TeamView.of(team, List.of(TeamView.Member.named("user-bruno", "Bruno")))));
    assertEquals("{\"id\":\"team-service\",\"name\":\"Service\",\"members\":[{\"id\":\"user-bruno\"}]}",
        json(TeamView.of(team, List.of(TeamView.Member.idOnly("user-bruno")))));
  }
}
