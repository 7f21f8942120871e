package com.textinbox.shared.customers;

import java.util.List;

/**
 * One entry of a survivor's merge log (C14): another profile of the company had the mobile the
 * DMS gave it, and was merged into it (docs/decisions.md 49).
 *
 * @param customerId the survivor
 * @param by the API key (its id) whose update merged them
 * @param mergedCustomerName the merged profile's name when it had one
 * @param mobile the number they shared (the survivor's now)
 * @param fieldsChanged the survivor's fields the merged profile filled ({@link ProfileMerge})
 * @param attributesAdded the custom attributes taken from the merged profile
 * @param archivedConversationId the merged profile's active conversation, archived under the survivor (or null)
 * @param movedConversationId the merged profile's active conversation, become the survivor's active one (it had none), or null
 */
public record CustomerMerge(String customerId, String at, String by, String mergedCustomerId, String mergedCustomerName,
    String mobile, List<String> fieldsChanged, List<String> attributesAdded, String archivedConversationId,
    String movedConversationId) {

  public CustomerMerge {
    fieldsChanged = fieldsChanged == null ? List.of() : List.copyOf(fieldsChanged);
    attributesAdded = attributesAdded == null ? List.of() : List.copyOf(attributesAdded);
  }

  /** {@code merge-<merged customer id>}: a profile is merged once (its log item is put only if absent). */
  public String mergeId() {
    return "merge-" + mergedCustomerId;
  }
}
