package com.textinbox.shared.assignment;

import java.util.Locale;

/**
 * Who a conversation is assigned to: a user or a team of the account ({@code kind} is
 * {@code USER} or {@code TEAM}, as the GSI1 assignee lists spell it), with its name when known.
 */
public record Assignee(String kind, String id, String name) {
  public static final String USER = "USER";
  public static final String TEAM = "TEAM";

  public Assignee {
    if (!USER.equals(kind) && !TEAM.equals(kind)) {
      throw new IllegalArgumentException("assignee kind is USER or TEAM, not " + kind);
    }
  }

  public static Assignee user(String id, String name) {
    return new Assignee(USER, id, name);
  }

  public static Assignee team(String id, String name) {
    return new Assignee(TEAM, id, name);
  }

  public boolean isUser() {
    return USER.equals(kind);
  }

  /** Same user or team, whatever the name. */
  public boolean sameAs(String otherKind, String otherId) {
    return kind.equals(otherKind) && id.equals(otherId);
  }

  /** {@code user} / {@code team}, as the API writes it. */
  public String apiKind() {
    return kind.toLowerCase(Locale.ROOT);
  }

  /** Parses the API's {@code user} / {@code team} (any case); null for anything else. */
  public static String kindOf(String apiKind) {
    if (apiKind == null) {
      return null;
    }
    String upper = apiKind.trim().toUpperCase(Locale.ROOT);
    return USER.equals(upper) || TEAM.equals(upper) ? upper : null;
  }
}
