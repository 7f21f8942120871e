package com.textinbox.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.CustomerAttributeRules;
import com.textinbox.shared.customers.CustomerFields;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The body of POST and PATCH /customers: the fields staff edit, read by the shared
 * {@link com.textinbox.shared.customers.CustomerBody} (the DMS's PUT reads the same way);
 * {@code subscribed} is refused with the reason staff cannot change it (P6); {@code attributes}
 * sets and removes custom attribute values (P3), the others staying.
 */
final class CustomerBody {
  /** The custom attribute values (P3), checked against the company's definitions by {@link #attributes}. */
  static final String ATTRIBUTES = "attributes";
  static final Set<String> FIELDS = with(com.textinbox.shared.customers.CustomerBody.FIELDS, ATTRIBUTES);

  private CustomerBody() {}

  /** {@code current} with what the body sets (POST: from {@link CustomerFields#none()}). */
  static CustomerFields apply(JsonNode body, CustomerFields current, String region, LocalDate today) {
    if (body.isObject() && body.has("subscribed")) {
      SubscriptionRoutes.refuseStaffSubscriptionChange(body.get("subscribed"));
    }
    com.textinbox.shared.customers.CustomerBody.requireKnown(body, FIELDS);
    return com.textinbox.shared.customers.CustomerBody.apply(body, current, region, today);
  }

  /**
   * The attribute values the body sets and removes ({@code "attributes": {"vehicle": "Civic", "km":
   * null}}), each against the company's definitions (400 naming {@code attributes.<key>}); null
   * when the body has none, so the definitions are read only when needed.
   */
  static CustomerAttributeRules.Change attributes(JsonNode body, Supplier<List<AttributeDefinition>> definitions) {
    JsonNode values = body.isObject() ? body.get(ATTRIBUTES) : null;
    return values == null ? null : CustomerAttributeRules.values(values, definitions.get());
  }

  private static Set<String> with(Set<String> fields, String more) {
    Set<String> all = new HashSet<>(fields);
    all.add(more);
    return Set.copyOf(all);
  }
}
