package com.textinbox.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.customers.CustomerFields;
import java.time.LocalDate;

/**
 * The body of POST and PATCH /customers: the fields staff edit, read by the shared
 * {@link com.textinbox.shared.customers.CustomerBody} (the DMS's PUT reads the same way);
 * {@code subscribed} is refused with the reason staff cannot change it (P6).
 */
final class CustomerBody {
  private CustomerBody() {}

  /** {@code current} with what the body sets (POST: from {@link CustomerFields#none()}). */
  static CustomerFields apply(JsonNode body, CustomerFields current, String region, LocalDate today) {
    if (body.isObject() && body.has("subscribed")) {
      SubscriptionRoutes.refuseStaffSubscriptionChange(body.get("subscribed"));
    }
    com.textinbox.shared.customers.CustomerBody.requireKnown(body, com.textinbox.shared.customers.CustomerBody.FIELDS);
    return com.textinbox.shared.customers.CustomerBody.apply(body, current, region, today);
  }
}
