package com.textinbox.shared.customers;

import java.util.List;

/**
 * A customer of a company (docs/data-model.md, "customer profile"). A profile without
 * {@code subscribed} (demo data, imports) counts as subscribed.
 *
 * @param name a single name, on profiles that have no first / last name
 * @param mobile the E.164 mobile number, null when it has none (never texted)
 * @param reference the company's own reference (its DMS's), unique in the company
 * @param activeConversationId the conversation new texts go to
 * @param subscriptionChangedAt the time of the last STOP or START applied (a later keyword wins)
 * @param stopNoticeSentAt when the first message (with the STOP notice) was sent to them
 * @param createdBy {@code inbound-sms}, a user id, an import
 * @param birthDate an ISO date ({@code 1984-03-21})
 * @param otherPhones numbers besides the mobile, each with its type (never null)
 * @param unsubscribedBy the user who unsubscribed them (P6, staff), null after a STOP
 * @param updatedAt the last edit of the profile's fields (edits are conditional on it)
 * @param attributes the custom attribute values (P3), {@link CustomerAttributes#NONE} when none
 */
public record CustomerProfile(
    String customerId, String firstName, String lastName,
    String name, String mobile, String language, String reference,
    boolean subscribed, String unsubscribedAt, String resubscribedAt,
    String subscriptionChangedAt, String stopNoticeSentAt,
    String activeConversationId, String createdAt,
    String createdBy,
    String email, String address, String birthDate, List<OtherPhone> otherPhones,
    String unsubscribedBy, String updatedAt, CustomerAttributes attributes) {

  public CustomerProfile {
    otherPhones = otherPhones == null ? List.of() : List.copyOf(otherPhones);
    attributes = attributes == null ? CustomerAttributes.NONE : attributes;
  }

  /** A profile with none of the fields staff edit (P1) but those given: demo data, imports, first texts. */
  public CustomerProfile(String customerId, String firstName, String lastName,
      String name, String mobile, String language, String reference,
      boolean subscribed, String unsubscribedAt, String resubscribedAt,
      String subscriptionChangedAt, String stopNoticeSentAt,
      String activeConversationId, String createdAt, String createdBy) {
    this(customerId, firstName, lastName, name, mobile, language, reference, subscribed, unsubscribedAt, resubscribedAt,
        subscriptionChangedAt, stopNoticeSentAt, activeConversationId, createdAt, createdBy, null, null, null, List.of(),
        null, null, CustomerAttributes.NONE);
  }

  /** A customer known only by the number that texted: subscribed, unnamed, with its first conversation. */
  public static CustomerProfile fromFirstText(String customerId, String mobile, String createdAt, String createdBy,
      String activeConversationId) {
    return new CustomerProfile(customerId, null, null, null, mobile, null, null, true, null, null, null, null,
        activeConversationId, createdAt, createdBy);
  }

  /** "First Last" when the profile has either, else its single {@code name}; null when it has none. */
  public String fullName() {
    return CustomerName.of(firstName, lastName, name);
  }

  public CustomerProfile withActiveConversation(String conversationId) {
    return new CustomerProfile(customerId, firstName, lastName, name, mobile, language, reference, subscribed,
        unsubscribedAt, resubscribedAt, subscriptionChangedAt, stopNoticeSentAt, conversationId, createdAt, createdBy,
        email, address, birthDate, otherPhones, unsubscribedBy, updatedAt, attributes);
  }

  /** The same profile with these custom attribute values (P3). */
  public CustomerProfile withAttributes(CustomerAttributes values) {
    return new CustomerProfile(customerId, firstName, lastName, name, mobile, language, reference, subscribed,
        unsubscribedAt, resubscribedAt, subscriptionChangedAt, stopNoticeSentAt, activeConversationId, createdAt, createdBy,
        email, address, birthDate, otherPhones, unsubscribedBy, updatedAt, values);
  }

  /** The fields staff edit (P1, P2), as {@link CustomerFields} says; the rest as it was. */
  public CustomerProfile edited(CustomerFields f, String at) {
    return new CustomerProfile(customerId, f.firstName(), f.lastName(), f.firstName() != null || f.lastName() != null
        ? null : name, f.mobile(), f.language(), f.reference(), subscribed, unsubscribedAt, resubscribedAt,
        subscriptionChangedAt, stopNoticeSentAt, activeConversationId, createdAt, createdBy, f.email(), f.address(),
        f.birthDate(), f.otherPhones(), unsubscribedBy, at, attributes);
  }

  /** The editable fields as they are now, for a PATCH to change some of. */
  public CustomerFields fields() {
    return new CustomerFields(firstName, lastName, mobile, email, language, address, birthDate, reference, otherPhones);
  }
}
