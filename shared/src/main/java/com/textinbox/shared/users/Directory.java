package com.textinbox.shared.users;

import com.textinbox.shared.assignment.Assignee;
import java.util.Map;

/**
 * Some items of one account partition read together (one BatchGetItem): the account if asked for,
 * and the users and teams of the ids asked for that exist, by id.
 */
public record Directory(Account account, Map<String, User> users, Map<String, Team> teams) {
  public User user(String userId) {
    return users.get(userId);
  }

  public Team team(String teamId) {
    return teams.get(teamId);
  }

  /** Whether the user or team an assignee names exists. */
  public boolean has(String kind, String id) {
    return Assignee.TEAM.equals(kind) ? teams.containsKey(id) : users.containsKey(id);
  }

  /** The name of a user ({@code USER}) or team ({@code TEAM}), or null when not found. */
  public String nameOf(String kind, String id) {
    if (Assignee.TEAM.equals(kind)) {
      Team team = teams.get(id);
      return team == null ? null : team.name();
    }
    User user = users.get(id);
    return user == null ? null : user.name();
  }
}
