package com.textinbox.shared.invoices;

import java.util.LinkedHashMap;
import java.util.Map;

/** An invoice as the API shows it (schema {@code Invoice} in docs/openapi.yaml, AP3). */
public final class InvoiceView {
  private InvoiceView() {}

  public static Map<String, Object> of(Invoice i) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("number", i.number());
    view.put("amount", i.amount());
    view.put("currency", i.currency());
    view.put("status", i.status().key());
    put(view, "roNumber", i.roNumber());
    put(view, "customerReference", i.customerReference());
    put(view, "customerId", i.customerId());
    put(view, "paidAt", i.paidAt());
    view.put("createdAt", i.createdAt());
    view.put("updatedAt", i.updatedAt());
    return view;
  }

  private static void put(Map<String, Object> view, String name, Object value) {
    if (value != null) {
      view.put(name, value);
    }
  }
}
