package com.textinbox.appointments;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.appointments.AppointmentInput;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.invoices.InvoiceView;
import com.textinbox.shared.invoices.store.InvoiceStore;
import java.util.Map;

/**
 * Invoices for staff (AP3): one by number ({@code GET /invoices/{number}}, the "View invoice" link
 * of the {@code invoice.paid} email), and a customer's, newest first. The DMS writes them
 * ({@code PUT /integration/invoices/{number}}, IntegrationApi).
 */
record InvoiceReadRoutes(InvoiceStore invoices, CustomerStore customers) {
  static final int DEFAULT_LIMIT = 50;   // at most 100: the route's schema (docs/openapi.yaml)

  ApiResponse get(ApiRequest request) {
    String number = request.pathParameter("number");
    if (number == null || number.length() > AppointmentInput.MAX_ID) {
      throw ApiError.notFound("The invoice");
    }
    return ApiResponse.ok(InvoiceView.of(invoices.find(request.caller().accountId(), number)
        .orElseThrow(() -> ApiError.notFound("The invoice"))));
  }

  ApiResponse ofCustomer(ApiRequest request) {
    String accountId = request.caller().accountId();
    String customerId = request.pathParameter("customerId");
    int limit = request.intQuery("limit", DEFAULT_LIMIT);
    if (customerId == null || customerId.length() > AppointmentInput.MAX_ID || customers.find(accountId, customerId).isEmpty()) {
      throw ApiError.notFound("The customer");
    }
    return ApiResponse.ok(Map.of("items", invoices.ofCustomer(accountId, customerId, limit).stream().map(InvoiceView::of).toList()));
  }
}
