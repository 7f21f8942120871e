package com.textinbox.shared.users;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The uniqueness guard of a team name in a company ({@code TEAMNAME#<normalized name>}): written,
 * moved and deleted in the same transaction as its team, so two teams never share a name, whatever
 * the case.
 */
public record TeamNameGuard(String accountId, String normalizedName, String teamId) {
  public static final int MAX_LENGTH = 60;

  public static TeamNameGuard of(Team team) {
    return new TeamNameGuard(team.accountId(), normalized(team.name()), team.teamId());
  }

  /** The name as the guard compares it: stripped, NFC, lower case. */
  public static String normalized(String name) {
    return Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /** Whether two names are the same name for the guard. */
  public static boolean sameName(String a, String b) {
    return normalized(a).equals(normalized(b));
  }
}
