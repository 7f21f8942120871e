package com.textinbox.shared.customers;

import java.util.Set;

/**
 * A number of a customer besides their mobile (P2): home, work, fax or other. Only the mobile is
 * texted and guarded unique in the company; these are for staff to call.
 *
 * @param number E.164
 */
public record OtherPhone(String type, String number) {
  public static final Set<String> TYPES = Set.of("home", "work", "fax", "other");
}
