package com.textinbox.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.CustomerAttributeRules;
import com.textinbox.shared.customers.CustomerAttributeView;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.AttributeDefinitionStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.store.ConditionFailed;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Custom attributes (P3): the company's definitions ({@code GET / PUT /settings/customer-attributes},
 * a company setting beside the default assignee) and a customer's values
 * ({@code PATCH /customers/{customerId}/attributes}; {@code PATCH /customers/{customerId}} takes
 * them too, with other fields). Rules: {@link CustomerAttributeRules}; shape:
 * {@link CustomerAttributeView}; docs/data-model.md, "Custom attributes". Here, where customers
 * live, since issue 10's delete (decision 47).
 */
record CustomerAttributeRoutes(AttributeDefinitionStore definitions, CustomerStore customers, Clock clock) {
  private static final int ATTEMPTS = 3;

  /** GET, everyone: the definitions in the admin's order (one GetItem). */
  ApiResponse getDefinitions(ApiRequest request) {
    return ApiResponse.ok(CustomerAttributeView.definitions(definitions.get(request.caller().accountId())));
  }

  /**
   * PUT, admins: {@code {"definitions": [...]}} replaces the whole list. A value already set keeps
   * its type when its definition's type changes (until set again); a removed key's values stay on
   * the profiles, out of the API's way, and come back if the key is defined again.
   */
  ApiResponse putDefinitions(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    List<AttributeDefinition> list = CustomerAttributeRules.definitions(request.json());
    definitions.put(caller.accountId(), list, clock.instant(), caller.userId());
    return ApiResponse.ok(CustomerAttributeView.definitions(list));
  }

  /**
   * PATCH, admins and users: {@code {"vehicle": "Civic", "dueOn": null}} sets the given values and
   * removes those given as null; the others stay. 200 with the customer's values.
   */
  ApiResponse patchValues(ApiRequest request) {
    String accountId = request.caller().accountId();
    // first the customer: another company's id (or one no key could hold) is a 404 whatever the body
    CustomerProfile profile = Ids.customer(customers, request);
    String customerId = profile.customerId();
    JsonNode body = request.json();
    CustomerAttributeRules.Change change = CustomerAttributeRules.values(body, definitions.get(accountId));
    for (int attempt = 1; ; attempt++) {
      try {
        customers.setAttributes(accountId, customerId, profile.attributes(), change);
        break;
      } catch (ConditionFailed raced) {
        // another writer gave the profile its first values meanwhile (or it was deleted): read again
        if (attempt == ATTEMPTS) {
          throw raced;
        }
        profile = Ids.customer(customers, accountId, customerId);
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("customerId", customerId);
    answer.put("attributes", CustomerAttributeView.values(profile.attributes().with(change.set(), change.removed())));
    return ApiResponse.ok(answer);
  }
}
