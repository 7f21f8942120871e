package com.textinbox.shared.assignment;

/**
 * A user or team as assignment sees it: who they are, and for a user their role (a free user
 * takes no conversations) and away state (A1-A6).
 */
public record DirectoryEntry(String kind, String id, String name, String role, boolean away, String awayDelegateId,
    String awaySince) {

  public static DirectoryEntry team(String id, String name) {
    return new DirectoryEntry(Assignee.TEAM, id, name, null, false, null, null);
  }

  public Assignee assignee() {
    return new Assignee(kind, id, name);
  }

  /** The away state the away rules read (a team is never away). */
  public AwayRules.UserAway userAway() {
    return new AwayRules.UserAway(id, name, away, awayDelegateId, awaySince);
  }
}
