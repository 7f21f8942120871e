package com.textinbox.integration;

import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.invoices.InvoiceBook;
import com.textinbox.shared.invoices.InvoiceInput;
import com.textinbox.shared.invoices.InvoiceView;

/**
 * {@code PUT /integration/invoices/{number}} (AP3): the DMS creates or replaces an invoice (amount
 * as a decimal string, currency, RO number, customer reference, status); one that becomes paid
 * sends one {@code invoice.paid} notification ({@link InvoiceBook}). 201 when created, 200 after.
 */
record InvoiceRoutes(InvoiceBook book) {
  ApiResponse put(ApiRequest request) {
    InvoiceInput input = InvoiceInput.dms(request.pathParameter("number"), request.json());
    InvoiceBook.Written written = book.put(request.caller().accountId(), input);
    Object view = InvoiceView.of(written.invoice());
    return written.created() ? ApiResponse.created(view) : ApiResponse.ok(view);
  }
}
