package com.textinbox.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.users.Directory;
import com.textinbox.shared.users.Membership;
import com.textinbox.shared.users.Team;
import com.textinbox.shared.users.TeamNameGuard;
import com.textinbox.shared.users.TeamView;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.DirectoryStore;
import com.textinbox.shared.users.store.TeamStore;
import com.textinbox.shared.users.store.UserStore;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Teams with their members (C12): everyone lists them; admins create, rename and delete them and
 * add and remove members. A team's name is unique in the company whatever the case (its name guard
 * is written in the same transaction, {@link TeamStore}).
 */
record TeamRoutes(UserStore users, TeamStore teams, DirectoryStore directory) {

  /** Every team of the company with its members, by name: three Queries (teams, memberships, users for the names). */
  ApiResponse list(ApiRequest request) {
    String accountId = request.caller().accountId();
    List<Team> all = new ArrayList<>(teams.ofAccount(accountId));
    List<Membership> memberships = teams.membershipsOf(accountId);
    Map<String, String> names = new HashMap<>();
    users.ofAccount(accountId).forEach(user -> names.put(user.userId(), user.name()));
    Map<String, List<TeamView.Member>> membersByTeam = new HashMap<>();
    for (Membership membership : memberships) {
      membersByTeam.computeIfAbsent(membership.teamId(), t -> new ArrayList<>())
          .add(TeamView.Member.named(membership.userId(), names.get(membership.userId())));
    }
    all.sort(ByName.order(Team::name, Team::teamId));
    List<Map<String, Object>> views = new ArrayList<>();
    for (Team team : all) {
      List<TeamView.Member> members = new ArrayList<>(membersByTeam.getOrDefault(team.teamId(), List.of()));
      members.sort(ByName.order(TeamView.Member::name, TeamView.Member::id));
      views.add(TeamView.of(team, members));
    }
    return ApiResponse.ok(Map.of("teams", views));
  }

  /** Admins: a new team (one transaction with its name guard). */
  ApiResponse create(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    Team team = new Team(caller.accountId(), "team-" + UUID.randomUUID(), teamName(request.json()));
    if (!teams.create(team)) {
      throw nameTaken(team.name());
    }
    return ApiResponse.created(TeamView.of(team, List.of()));
  }

  /** Admins: renames a team of their company (GetItem, one transaction, the Query of its members). */
  ApiResponse rename(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    Team team = existing(caller.accountId(), request.pathParameter("teamId"));
    String name = teamName(request.json());
    switch (teams.rename(team, name)) {
      case NAME_TAKEN -> throw nameTaken(name);
      case GONE -> throw ApiError.notFound("Team " + team.teamId());
      case CHANGED_MEANWHILE -> throw ApiError.conflict("The team was renamed by someone else meanwhile; reload and try again.");
      case RENAMED -> { }
    }
    List<TeamView.Member> members = teams.membersOf(team.accountId(), team.teamId()).stream()
        .map(m -> TeamView.Member.idOnly(m.userId())).toList();
    return ApiResponse.ok(TeamView.of(team.withName(name), members));
  }

  /**
   * Admins: deletes a team, its name guard and its memberships. Conversations assigned to the team
   * are the assignment feature's concern (issue 3/4): nothing here touches them.
   */
  ApiResponse delete(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    Team team = existing(caller.accountId(), request.pathParameter("teamId"));
    if (!teams.delete(team)) {
      throw ApiError.notFound("Team " + team.teamId());
    }
    return ApiResponse.noContent();
  }

  /** Admins: makes a user of the company a member of a team (idempotent). Free users cannot be members. */
  ApiResponse addMember(ApiRequest request) {
    Membership wanted = membershipIn(request);
    String teamId = wanted.teamId();
    String userId = wanted.userId();
    Directory read = directory.read(wanted.accountId(), false, List.of(userId), List.of(teamId));
    if (read.team(teamId) == null) {
      throw ApiError.notFound("Team " + teamId);
    }
    User user = read.user(userId);
    if (user == null) {
      throw ApiError.notFound("User " + userId);
    }
    if (user.isFree()) {
      throw ApiError.invalid("userId", "A free user cannot be a team member: free users take no conversations.");
    }
    switch (teams.addMember(wanted)) {
      case NO_TEAM -> throw ApiError.notFound("Team " + teamId);
      case NO_USER -> throw ApiError.notFound("User " + userId);
      case ADDED -> { }
    }
    return ApiResponse.noContent();
  }

  /** Admins: removes a user from a team; 404 when they are not a member (or either is not the company's). */
  ApiResponse removeMember(ApiRequest request) {
    Membership gone = membershipIn(request);
    if (!teams.removeMember(gone.accountId(), gone.teamId(), gone.userId())) {
      throw ApiError.notFound("A membership of user " + gone.userId() + " in team " + gone.teamId());
    }
    return ApiResponse.noContent();
  }

  /** The membership a member route names ({@code /teams/{teamId}/members/{userId}}): admins only. */
  private static Membership membershipIn(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    return new Membership(caller.accountId(), request.pathParameter("teamId"), request.pathParameter("userId"));
  }

  private Team existing(String accountId, String teamId) {
    Team team = teams.get(accountId, teamId);
    if (team == null) {
      throw ApiError.notFound("Team " + teamId);
    }
    return team;
  }

  private static String teamName(JsonNode body) {
    int max = TeamNameGuard.MAX_LENGTH;
    JsonNode node = body.get("name");
    if (node == null || !node.isTextual()) {
      throw ApiError.invalid("name", "'name' is required: the team's name, 1 to " + max + " characters.");
    }
    String name = Normalizer.normalize(node.asText().strip(), Normalizer.Form.NFC);
    int length = name.codePointCount(0, name.length());
    if (length < 1 || length > max) {
      throw ApiError.invalid("name", "A team's name has 1 to " + max + " characters (" + length + " given).");
    }
    return name;
  }

  private static ApiError nameTaken(String name) {
    return new ApiError(409, "conflict", "A team named \"" + name + "\" already exists in your company (names ignore case).", "name");
  }
}
