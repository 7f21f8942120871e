package com.textinbox.shared.customers;

import java.util.List;

/**
 * What staff set on a profile (P1, P2), already validated by {@link CustomerRules}: null means
 * none. The mobile and other numbers are E.164.
 */
public record CustomerFields(String firstName, String lastName, String mobile, String email, String language,
    String address, String birthDate, String reference, List<OtherPhone> otherPhones) {

  public CustomerFields {
    otherPhones = otherPhones == null ? List.of() : List.copyOf(otherPhones);
  }

  public static CustomerFields none() {
    return new CustomerFields(null, null, null, null, null, null, null, null, List.of());
  }
}
