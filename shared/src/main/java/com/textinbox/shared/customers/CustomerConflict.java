package com.textinbox.shared.customers;

/**
 * Another profile of the company already has this mobile number or reference (P1, P2): the change
 * was not made. {@code otherCustomerId} is null when the guard changed hands meanwhile.
 */
public final class CustomerConflict extends RuntimeException {
  private final String field;
  private final String otherCustomerId;

  public CustomerConflict(String field, String otherCustomerId) {
    super("another customer has this " + field + ": " + otherCustomerId);
    this.field = field;
    this.otherCustomerId = otherCustomerId;
  }

  /** {@code mobile} or {@code reference}. */
  public String field() {
    return field;
  }

  public String otherCustomerId() {
    return otherCustomerId;
  }
}
