package com.textinbox.shared.customers.store;

import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.NameKey;
import com.textinbox.shared.customers.OtherPhone;
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
 * spelled; also the reference guard ({@code A#<acct>#REF#<reference>} / {@code REFERENCE}). Index keys (docs/data-model.md): GSI1 the name list, GSI2 the business's reference,
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
  static final String EMAIL = "email", ADDRESS = "address", BIRTH_DATE = "birthDate", OTHER_PHONES = "otherPhones";
  static final String UNSUBSCRIBED_BY = "unsubscribedBy", UPDATED_AT = "updatedAt";
  static final String REFERENCE_TYPE = "CustomerReference";

  /** What an edit (P1, P2) rewrites: every staff-editable attribute and the index keys that follow from them. */
  static final java.util.List<String> EDITABLE = java.util.List.of(FIRST_NAME, LAST_NAME, NAME, MOBILE, LANGUAGE,
      REFERENCE, EMAIL, ADDRESS, BIRTH_DATE, OTHER_PHONES, UPDATED_AT, Table.GSI1SK, Table.GSI2PK, Table.GSI2SK,
      Table.GSI4PK, Table.GSI4SK);

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
        .str(EMAIL, p.email()).str(ADDRESS, p.address()).str(BIRTH_DATE, p.birthDate())
        .strList(OTHER_PHONES, p.otherPhones().isEmpty() ? null
            : p.otherPhones().stream().map(o -> o.type() + "|" + o.number()).toList())
        .str(UNSUBSCRIBED_BY, p.unsubscribedBy()).str(UPDATED_AT, p.updatedAt())
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
        r.str(CREATED_BY), r.str(EMAIL), r.str(ADDRESS), r.str(BIRTH_DATE), otherPhones(r.strList(OTHER_PHONES)),
        r.str(UNSUBSCRIBED_BY), r.str(UPDATED_AT),
        CustomerAttributeMapper.fromAttribute(item.get(CustomerAttributeMapper.ATTRIBUTES)));
  }

  private static java.util.List<OtherPhone> otherPhones(java.util.List<String> stored) {
    return stored == null ? java.util.List.of() : stored.stream()
        .map(s -> new OtherPhone(s.substring(0, s.indexOf('|')), s.substring(s.indexOf('|') + 1))).toList();
  }

  static boolean isProfile(Map<String, AttributeValue> item) {
    return item != null && TYPE.equals(ItemReader.of(item).type());
  }

  /** GSI1 sort key: {@code <last first>#<id>}, normalized ({@link NameKey}) so a name prefix is a key range. */
  static String nameSortKey(CustomerProfile p) {
    return NameKey.sortKey(p.firstName(), p.lastName(), p.name(), p.customerId());
  }

  /** The reference's guard: one profile per reference in the company. */
  public static Map<String, AttributeValue> referenceGuardItem(String accountId, String reference, String customerId) {
    return ItemBuilder.item(Keys.customerReferenceGuard(accountId, reference), Keys.REFERENCE_SK, REFERENCE_TYPE)
        .str(CUSTOMER_ID, customerId)
        .build();
  }

  public static Map<String, AttributeValue> phoneGuardItem(String accountId, PhoneGuard guard) {
    return ItemBuilder.item(Keys.customerPhone(accountId, guard.mobile()), Keys.PHONE_SK, PHONE_TYPE)
        .str(CUSTOMER_ID, guard.customerId())
        .build();
  }

  /**
   * On the phone guard: the conversation InboundSms last filed a text of the number in (a hint that
   * saves it a read, issue 15; the profile's {@code activeConversationId} decides).
   */
  static final String CONVERSATION_HINT = "lastConversationId";

  /** The guard's {@link #CONVERSATION_HINT}, null when none was written. */
  public static String conversationHint(Map<String, AttributeValue> guardItem) {
    return ItemReader.of(guardItem).str(CONVERSATION_HINT);
  }

  public static PhoneGuard phoneGuard(String accountId, Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new PhoneGuard(r.pk().substring(Keys.customerPhone(accountId, "").length()), r.str(CUSTOMER_ID));
  }
}
