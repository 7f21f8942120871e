package com.textinbox.shared.customers.store;

import static com.textinbox.shared.customers.store.CustomerMapper.*;

import com.textinbox.shared.customers.CustomerAttributeRules;
import com.textinbox.shared.customers.CustomerAttributes;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.PhoneGuard;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Write;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every DynamoDB request about customer profiles and their number guards (docs/data-model.md,
 * "customer profile", "Inbound SMS", "Outbound SMS"). A profile and its guard are created in one
 * transaction (with the first conversation): two first texts from one number, one profile.
 */
public record CustomerStore(DynamoTable table) {
  /** The profile as last written; empty when the company has no customer of that id. */
  public Optional<CustomerProfile> find(String accountId, String customerId) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.customer(accountId, customerId), Keys.PROFILE_SK);
    return isProfile(item) ? Optional.of(fromItem(item)) : Optional.empty();
  }

  /** The profile read in a batch with other items (null when missing). */
  public BatchRead.Slot<CustomerProfile> find(BatchRead batch, String accountId, String customerId) {
    return batch.add(Keys.customer(accountId, customerId), Keys.PROFILE_SK, item -> isProfile(item) ? fromItem(item) : null);
  }

  /** Who has this mobile number in the company, as last written; empty when nobody. */
  public Optional<PhoneGuard> phoneGuard(String accountId, String e164) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.customerPhone(accountId, e164), Keys.PHONE_SK);
    return item == null ? Optional.empty() : Optional.of(CustomerMapper.phoneGuard(accountId, item));
  }

  /** A new profile, put only if its id is new. */
  public Write createWrite(String accountId, CustomerProfile profile) {
    return table.putIfAbsentWrite(toItem(accountId, profile));
  }

  /** The number's guard, put only if nobody has the number yet (the transaction fails otherwise). */
  public Write phoneGuardWrite(String accountId, PhoneGuard guard) {
    return table.putIfAbsentWrite(phoneGuardItem(accountId, guard));
  }

  /** The profile's active conversation, set only if it has none (two openings at once: one wins). */
  public Write activeConversationWrite(String accountId, String customerId, String conversationId) {
    return ItemUpdate.of().set(ACTIVE_CONVERSATION_ID, conversationId)
        .condition("attribute_exists(PK) AND attribute_not_exists(#" + ACTIVE_CONVERSATION_ID + ")")
        .write(table, Keys.customer(accountId, customerId), Keys.PROFILE_SK);
  }

  /** The first message with the STOP notice was sent at {@code at}: set once (a second first message loses). */
  public Write stopNoticeWrite(String accountId, String customerId, String at) {
    return ItemUpdate.of().set(STOP_NOTICE_SENT_AT, at)
        .condition("attribute_exists(PK) AND attribute_not_exists(#" + STOP_NOTICE_SENT_AT + ")")
        .write(table, Keys.customer(accountId, customerId), Keys.PROFILE_SK);
  }

  /** STOP: unsubscribed since {@code at}, on the unsubscribed list (GSI3). */
  public Write unsubscribeWrite(String accountId, String customerId, String at) {
    return unsubscribeWrite(accountId, customerId, at, null);
  }

  /** As {@link #unsubscribeWrite(String, String, String)}, also giving the profile {@code language} if it has none (null: not). */
  public Write unsubscribeWrite(String accountId, String customerId, String at, String language) {
    return languageIfNone(ItemUpdate.of(), language).set(SUBSCRIBED, false).set(UNSUBSCRIBED_AT, at).set(SUBSCRIPTION_CHANGED_AT, at)
        .set(Table.GSI3PK, Keys.unsubscribedCustomers(accountId)).set(Table.GSI3SK, at)
        .condition("attribute_exists(PK)")
        .write(table, Keys.customer(accountId, customerId), Keys.PROFILE_SK);
  }

  /** START: subscribed again since {@code at}, off the unsubscribed list. */
  public Write resubscribeWrite(String accountId, String customerId, String at) {
    return resubscribeWrite(accountId, customerId, at, null);
  }

  /** As {@link #resubscribeWrite(String, String, String)}, also giving the profile {@code language} if it has none (null: not). */
  public Write resubscribeWrite(String accountId, String customerId, String at, String language) {
    return languageIfNone(ItemUpdate.of(), language).set(SUBSCRIBED, true).set(RESUBSCRIBED_AT, at).set(SUBSCRIPTION_CHANGED_AT, at)
        .remove(UNSUBSCRIBED_AT, Table.GSI3PK, Table.GSI3SK)
        .condition("attribute_exists(PK)")
        .write(table, Keys.customer(accountId, customerId), Keys.PROFILE_SK);
  }

  /** The profile's language set to {@code language} unless it has one (a keyword that changes no subscription: HELP, a second STOP). */
  public Write languageWrite(String accountId, String customerId, String language) {
    return languageIfNone(ItemUpdate.of(), language).condition("attribute_exists(PK)")
        .write(table, Keys.customer(accountId, customerId), Keys.PROFILE_SK);
  }

  private static ItemUpdate languageIfNone(ItemUpdate update, String language) {
    return language == null ? update
        : update.setExpression("#" + LANGUAGE + " = if_not_exists(#" + LANGUAGE + ", :" + LANGUAGE + ")", ":" + LANGUAGE, language);
  }

  /**
   * Sets and removes a customer's custom attribute values (P3; one UpdateItem), each key on its own
   * so that two people changing two attributes at once both win. {@code current} is the values as
   * the profile was read: a profile with none gets the whole map, on condition it still has none.
   * {@link com.textinbox.shared.store.ConditionFailed} when the profile is gone or its values were
   * created meanwhile: read it again and retry.
   */
  public void setAttributes(String accountId, String customerId, CustomerAttributes current,
      CustomerAttributeRules.Change change) {
    ItemUpdate update = attributesUpdate(ItemUpdate.of(), current, change).condition("attribute_exists(PK)");
    if (!update.isEmpty()) {
      update.apply(table, Keys.customer(accountId, customerId), Keys.PROFILE_SK);
    }
  }

  /** The clauses of {@link #setAttributes} added to {@code update} (a PATCH changing other fields of the profile too). */
  public ItemUpdate attributesUpdate(ItemUpdate update, CustomerAttributes current, CustomerAttributeRules.Change change) {
    String map = CustomerAttributeMapper.ATTRIBUTES;
    if (current.isEmpty()) {
      if (change.set().isEmpty()) {
        return update;   // nothing to remove from no values
      }
      return update.set(map, CustomerAttributeMapper.toAttribute(CustomerAttributes.NONE.with(change.set(), change.removed())))
          .condition("attribute_not_exists(#" + map + ") OR size(#" + map + ") = :noAttributes", ":noAttributes", 0);
    }
    int i = 0;
    for (var entry : change.set().entrySet()) {
      update.setExpression("#" + map + ".#" + entry.getKey() + " = :attr" + i,
          ":attr" + i++, CustomerAttributeMapper.toAttribute(entry.getValue()));
    }
    for (String key : change.removed()) {
      update.remove(map + ".#" + key);   // #attributes.#<key>
    }
    return update.condition("attribute_exists(#" + map + ")");
  }
}
