package com.textinbox.shared.customers;

/**
 * The one way the product names a customer (the inbox, notifications, the search index): first and
 * last name, either alone; else the single {@code name} that older items (demo data, imports)
 * carry; else, where a label is needed, the mobile number.
 */
public final class CustomerName {
  private CustomerName() {}

  /** "First Last", "First" or "Last"; else the single {@code name}; null when the customer has none. */
  public static String of(String firstName, String lastName, String name) {
    String joined = (clean(firstName) + " " + clean(lastName)).strip();
    if (!joined.isEmpty()) {
      return joined;
    }
    String single = clean(name);
    return single.isEmpty() ? null : single;
  }

  /** What a list or a notification shows: the name ({@link #of}), else the mobile number (null if neither). */
  public static String label(String firstName, String lastName, String name, String mobile) {
    String full = of(firstName, lastName, name);
    return full != null ? full : mobile;
  }

  private static String clean(String part) {
    return part == null ? "" : part.strip();
  }
}
