package com.textinbox.customers;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;

/** Path ids and the profile they name: an id no key could hold ({@link Keys#isId}) is a 404 like a missing one. */
final class Ids {
  private Ids() {}

  static boolean plausible(String id) {
    return Keys.isId(id);
  }

  /** The path's {@code customerId}, read; 404 when the caller's company has none of that id. */
  static CustomerProfile customer(CustomerStore customers, ApiRequest request) {
    return customer(customers, request.caller().accountId(), request.pathParameters().get("customerId"));
  }

  static CustomerProfile customer(CustomerStore customers, String accountId, String customerId) {
    if (!plausible(customerId)) {
      throw ApiError.notFound("The customer");
    }
    return customers.find(accountId, customerId).orElseThrow(() -> ApiError.notFound("The customer"));
  }
}
