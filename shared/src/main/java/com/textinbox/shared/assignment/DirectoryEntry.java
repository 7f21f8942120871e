package com.textinbox.shared.assignment;

import com.textinbox.shared.users.Team;
import com.textinbox.shared.users.User;

/**
 * A user or team as assignment sees it: who they are, whether it is a free user (who takes no
 * conversations), and for a user the away state the away rules read (a team is never away).
 */
public record DirectoryEntry(String kind, String id, String name, boolean freeUser, AwayRules.UserAway userAway) {
  public static DirectoryEntry of(User user) {
    return new DirectoryEntry(Assignee.USER, user.userId(), user.name(), user.isFree(), user.awayState());
  }

  public static DirectoryEntry of(Team team) {
    return new DirectoryEntry(Assignee.TEAM, team.teamId(), team.name(), false, null);
  }

  public Assignee assignee() {
    return new Assignee(kind, id, name);
  }
}
