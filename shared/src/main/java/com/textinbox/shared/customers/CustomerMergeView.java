package com.textinbox.shared.customers;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one place a merge log entry reaches clients as JSON (docs/openapi.yaml, schema {@code CustomerMerge}). */
public final class CustomerMergeView {
  private CustomerMergeView() {}

  public static Map<String, Object> of(CustomerMerge m) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", m.mergeId());
    view.put("at", m.at());
    view.put("by", m.by());
    view.put("mergedCustomerId", m.mergedCustomerId());
    view.put("mergedCustomerName", m.mergedCustomerName());
    view.put("mobile", m.mobile());
    view.put("fieldsChanged", m.fieldsChanged());
    view.put("attributesAdded", m.attributesAdded());
    view.put("archivedConversationId", m.archivedConversationId());
    view.put("movedConversationId", m.movedConversationId());
    return view;
  }
}
