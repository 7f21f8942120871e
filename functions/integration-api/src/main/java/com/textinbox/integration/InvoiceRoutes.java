package com.textinbox.integration;

import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.invoices.InvoiceBook;
import com.textinbox.shared.invoices.InvoiceView;

/**
 * {@code PUT /integration/invoices/{number}} (AP3): the DMS creates or replaces an invoice (amount
 * as a decimal string, currency, RO number, customer reference, status); one that becomes paid
 * sends one {@code invoice.paid} notification ({@link InvoiceBook}). 201 when created, 200 after.
 */
record InvoiceRoutes(InvoiceBook book) {
  ApiResponse put(ApiRequest request) {
    InvoiceBook.Written written = book.put(request.caller().accountId(), request.pathParameter("number"), request.json());
    Object view = InvoiceView.of(written.invoice());
    return written.created() ? ApiResponse.created(view) : ApiResponse.ok(view);
  }
}
