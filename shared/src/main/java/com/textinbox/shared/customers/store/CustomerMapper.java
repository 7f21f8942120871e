package com.textinbox.shared.customers.store;

import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.PhoneGuard;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.messaging.SubscriptionRule;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The customer profile ({@code A#<acct>#C#<id>} / {@code PROFILE}) and its mobile number guard
 * ({@code A#<acct>#PHONE#<e164>} / {@code PHONE}): the one place their attribute names are
 * spelled. Index keys (docs/data-model.md): GSI1 the name list, GSI2 the business's reference,
 * GSI3 the unsubscribed list while unsubscribed, GSI4 the list of customers without a mobile.
 */
public final class CustomerMapper {
  static final String TYPE = "Customer";
  static final String PHONE_TYPE = "CustomerPhone";

  static final String CUSTOMER_ID = "customerId", FIRST_NAME = "firstName";
  static final String LAST_NAME = "lastName", NAME = "name", MOBILE = "mobile", LANGUAGE = "language";
  static final String REFERENCE = "reference", SUBSCRIBED = "subscribed";
  static final String UNSUBSCRIBED_AT = "unsubscribedAt", RESUBSCRIBED_AT = "resubscribedAt";
  static final String SUBSCRIPTION_CHANGED_AT = "subscriptionChangedAt", STOP_NOTICE_SENT_AT = "stopNoticeSentAt";
  static final String ACTIVE_CONVERSATION_ID = "activeConversationId", CREATED_AT = "createdAt";
  static final String CREATED_BY = "createdBy";

  private CustomerMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, CustomerProfile p) {
    ItemBuilder item = ItemBuilder.item(Keys.customer(accountId, p.customerId()), Keys.PROFILE_SK, TYPE)
        .str(CUSTOMER_ID, p.customerId()).str(FIRST_NAME, p.firstName())
        .str(LAST_NAME, p.lastName()).str(NAME, p.name()).str(MOBILE, p.mobile())
        .str(LANGUAGE, p.language()).str(REFERENCE, p.reference())
        .bool(SUBSCRIBED, p.subscribed()).str(UNSUBSCRIBED_AT, p.unsubscribedAt())
        .str(RESUBSCRIBED_AT, p.resubscribedAt()).str(SUBSCRIPTION_CHANGED_AT, p.subscriptionChangedAt())
        .str(STOP_NOTICE_SENT_AT, p.stopNoticeSentAt()).str(ACTIVE_CONVERSATION_ID, p.activeConversationId())
        .str(CREATED_AT, p.createdAt()).str(CREATED_BY, p.createdBy())
        // no name yet: unnamed customers sort first in the name list, by id
        .index(Table.GSI1PK, Keys.customersOf(accountId), Table.GSI1SK, nameSortKey(p));
    if (!p.attributes().isEmpty()) {
      item.attr(CustomerAttributeMapper.ATTRIBUTES, CustomerAttributeMapper.toAttribute(p.attributes()));
    }
    if (p.reference() != null) {
      item.index(Table.GSI2PK, Keys.customerReference(accountId, p.reference()), Table.GSI2SK, p.customerId());
    }
    if (!p.subscribed() && p.unsubscribedAt() != null) {
      item.index(Table.GSI3PK, Keys.unsubscribedCustomers(accountId), Table.GSI3SK, p.unsubscribedAt());
    }
    if (p.mobile() == null) {
      item.index(Table.GSI4PK, Keys.customersWithoutMobile(accountId), Table.GSI4SK, p.customerId());
    }
    return item.build();
  }

  public static CustomerProfile fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    // a profile without `subscribed` (demo data, imports) counts as subscribed
    boolean subscribed = SubscriptionRule.subscribed(r.has(SUBSCRIBED) ? r.bool(SUBSCRIBED) : null);
    return new CustomerProfile(r.str(CUSTOMER_ID), r.str(FIRST_NAME), r.str(LAST_NAME), r.str(NAME), r.str(MOBILE),
        r.str(LANGUAGE), r.str(REFERENCE), subscribed, r.str(UNSUBSCRIBED_AT), r.str(RESUBSCRIBED_AT),
        r.str(SUBSCRIPTION_CHANGED_AT), r.str(STOP_NOTICE_SENT_AT), r.str(ACTIVE_CONVERSATION_ID), r.str(CREATED_AT),
        r.str(CREATED_BY), CustomerAttributeMapper.fromAttribute(item.get(CustomerAttributeMapper.ATTRIBUTES)));
  }

  static boolean isProfile(Map<String, AttributeValue> item) {
    return item != null && TYPE.equals(ItemReader.of(item).type());
  }

  /** GSI1 sort key: {@code <last first>#<id>}. */
  static String nameSortKey(CustomerProfile p) {
    String last = p.lastName() == null ? "" : p.lastName();
    String first = p.firstName() == null ? "" : p.firstName();
    String name = (last + " " + first).strip();
    return (name.isEmpty() && p.name() != null ? p.name() : name) + "#" + p.customerId();
  }

  public static Map<String, AttributeValue> phoneGuardItem(String accountId, PhoneGuard guard) {
    return ItemBuilder.item(Keys.customerPhone(accountId, guard.mobile()), Keys.PHONE_SK, PHONE_TYPE)
        .str(CUSTOMER_ID, guard.customerId())
        .build();
  }

  public static PhoneGuard phoneGuard(String accountId, Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new PhoneGuard(r.pk().substring(Keys.customerPhone(accountId, "").length()), r.str(CUSTOMER_ID));
  }
}
