package com.textinbox.shared.customers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place a customer reaches clients as JSON (docs/openapi.yaml, schema {@code Customer}). */
public final class CustomerView {
  private CustomerView() {}

  public static Map<String, Object> of(CustomerProfile p) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", p.customerId());
    view.put("name", p.fullName());
    view.put("firstName", p.firstName());
    view.put("lastName", p.lastName());
    view.put("mobile", p.mobile());
    List<Map<String, Object>> others = p.otherPhones().stream().map(CustomerView::phone).toList();
    view.put("otherPhones", others);
    view.put("email", p.email());
    view.put("language", p.language());
    view.put("address", p.address());
    view.put("birthDate", p.birthDate());
    view.put("reference", p.reference());
    view.put("subscribed", p.subscribed());
    view.put("unsubscribedAt", p.subscribed() ? null : p.unsubscribedAt());
    view.put("unsubscribedBy", p.subscribed() ? null : p.unsubscribedBy());
    view.put("activeConversationId", p.activeConversationId());
    view.put("createdAt", p.createdAt());
    view.put("updatedAt", p.updatedAt());
    if (!p.attributes().isEmpty()) {
      view.put("attributes", CustomerAttributeView.values(p.attributes()));   // P3, set with PATCH /customers/{id}/attributes
    }
    return view;
  }

  private static Map<String, Object> phone(OtherPhone phone) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("type", phone.type());
    view.put("number", phone.number());
    return view;
  }
}
