package com.textinbox.shared.auth;

import java.util.Locale;

/** What a user may do. Free users see only their profile, the notification center and chat (N10). */
public enum Role {
  ADMIN,
  USER,
  FREE;

  /** Parses a claim value; an unknown value is treated as the least privileged role. */
  public static Role of(String claim) {
    if (claim == null) {
      return FREE;
    }
    try {
      return Role.valueOf(claim.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return FREE;
    }
  }

  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }
}
