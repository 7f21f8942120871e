package com.textinbox.shared.imports;

import com.textinbox.shared.customers.CustomerProfile;

/**
 * What a row does (P4): creates a profile, updates one, changes nothing (its values are the
 * profile's already), or is rejected, with the reason.
 *
 * @param before the profile as read (update, unchanged), null otherwise
 * @param after the profile as the row leaves it (create, update), null otherwise
 * @param possibleDuplicate a created profile with neither a reference nor a mobile: nothing could
 *     match it to a customer the company has (seed 002: "it will create customer duplicates")
 */
public record RowOutcome(Kind kind, CustomerProfile before, CustomerProfile after, String reason, boolean possibleDuplicate) {
  public enum Kind {
    CREATE("create"), UPDATE("update"), UNCHANGED("unchanged"), REJECT("reject");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  public static RowOutcome reject(String reason) {
    return new RowOutcome(Kind.REJECT, null, null, reason, false);
  }

  public String customerId() {
    return after != null ? after.customerId() : before == null ? null : before.customerId();
  }
}
