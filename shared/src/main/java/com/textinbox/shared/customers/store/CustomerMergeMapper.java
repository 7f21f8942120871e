package com.textinbox.shared.customers.store;

import com.textinbox.shared.customers.CustomerMerge;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A merge log entry (C14) in the survivor's partition ({@code A#<acct>#C#<survivor>} /
 * {@code MERGE#<merged customer id>}): the one place its attribute names are spelled. Its key
 * names the merged profile, so a merge is logged once whatever the retries.
 */
final class CustomerMergeMapper {
  static final String TYPE = "CustomerMerge";
  static final String CUSTOMER_ID = "customerId", AT = "at", BY = "by", MERGED_CUSTOMER_ID = "mergedCustomerId";
  static final String MERGED_CUSTOMER_NAME = "mergedCustomerName", MOBILE = "mobile", FIELDS_CHANGED = "fieldsChanged";
  static final String ATTRIBUTES_ADDED = "attributesAdded", ARCHIVED_CONVERSATION_ID = "archivedConversationId";
  static final String MOVED_CONVERSATION_ID = "movedConversationId";

  private CustomerMergeMapper() {}

  static Map<String, AttributeValue> toItem(String accountId, CustomerMerge m) {
    return ItemBuilder.item(Keys.customer(accountId, m.customerId()), Keys.customerMergeSk(m.mergedCustomerId()), TYPE)
        .str(CUSTOMER_ID, m.customerId()).str(AT, m.at()).str(BY, m.by()).str(MERGED_CUSTOMER_ID, m.mergedCustomerId())
        .str(MERGED_CUSTOMER_NAME, m.mergedCustomerName()).str(MOBILE, m.mobile())
        .strList(FIELDS_CHANGED, m.fieldsChanged().isEmpty() ? null : m.fieldsChanged())
        .strList(ATTRIBUTES_ADDED, m.attributesAdded().isEmpty() ? null : m.attributesAdded())
        .str(ARCHIVED_CONVERSATION_ID, m.archivedConversationId()).str(MOVED_CONVERSATION_ID, m.movedConversationId())
        .build();
  }

  static CustomerMerge fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new CustomerMerge(r.str(CUSTOMER_ID), r.str(AT), r.str(BY), r.str(MERGED_CUSTOMER_ID), r.str(MERGED_CUSTOMER_NAME),
        r.str(MOBILE), r.strList(FIELDS_CHANGED), r.strList(ATTRIBUTES_ADDED), r.str(ARCHIVED_CONVERSATION_ID),
        r.str(MOVED_CONVERSATION_ID));
  }

  static boolean isMerge(Map<String, AttributeValue> item) {
    return item != null && TYPE.equals(ItemReader.of(item).type());
  }
}
