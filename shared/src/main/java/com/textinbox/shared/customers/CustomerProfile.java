package com.textinbox.shared.customers;

/**
 * A customer of a company (docs/data-model.md, "customer profile"). A profile without
 * {@code subscribed} (demo data, imports) counts as subscribed.
 *
 * @param name a single name, on profiles that have no first / last name
 * @param mobile the E.164 mobile number, null when it has none (never texted)
 * @param activeConversationId the conversation new texts go to
 * @param subscriptionChangedAt the time of the last STOP or START applied (a later keyword wins)
 * @param stopNoticeSentAt when the first message (with the STOP notice) was sent to them
 * @param createdBy {@code inbound-sms}, a user id, an import
 * @param attributes the custom attribute values (P3), {@link CustomerAttributes#NONE} when none
 */
public record CustomerProfile(
    String customerId, String firstName, String lastName,
    String name, String mobile, String language, String reference,
    boolean subscribed, String unsubscribedAt, String resubscribedAt,
    String subscriptionChangedAt, String stopNoticeSentAt,
    String activeConversationId, String createdAt,
    String createdBy, CustomerAttributes attributes) {

  public CustomerProfile {
    attributes = attributes == null ? CustomerAttributes.NONE : attributes;
  }

  /** A customer known only by the number that texted: subscribed, unnamed, with its first conversation. */
  public static CustomerProfile fromFirstText(String customerId, String mobile, String createdAt, String createdBy,
      String activeConversationId) {
    return new CustomerProfile(customerId, null, null, null, mobile, null, null, true, null, null, null, null,
        activeConversationId, createdAt, createdBy, CustomerAttributes.NONE);
  }

  /** "First Last" when the profile has either, else its single {@code name}; null when it has none. */
  public String fullName() {
    return CustomerName.of(firstName, lastName, name);
  }

  public CustomerProfile withActiveConversation(String conversationId) {
    return new CustomerProfile(customerId, firstName, lastName, name, mobile, language, reference, subscribed,
        unsubscribedAt, resubscribedAt, subscriptionChangedAt, stopNoticeSentAt, conversationId, createdAt, createdBy,
        attributes);
  }
}
