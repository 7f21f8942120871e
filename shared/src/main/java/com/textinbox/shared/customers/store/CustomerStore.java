package com.textinbox.shared.customers.store;

import static com.textinbox.shared.customers.store.CustomerMapper.*;

import com.textinbox.shared.customers.CustomerAttributeRules;
import com.textinbox.shared.customers.CustomerAttributes;
import com.textinbox.shared.customers.CustomerConflict;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.PhoneGuard;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Page;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.QueryResult;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import java.util.ArrayList;
import java.util.List;
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
    if (!Keys.isId(customerId)) {
      return Optional.empty();   // no key could hold it: never sent to DynamoDB
    }
    Map<String, AttributeValue> item = table.getConsistent(Keys.customer(accountId, customerId), Keys.PROFILE_SK);
    return isProfile(item) ? Optional.of(fromItem(item)) : Optional.empty();
  }

  /** The profile read in a batch with other items (null when missing). */
  public BatchRead.Slot<CustomerProfile> find(BatchRead batch, String accountId, String customerId) {
    return batch.add(Keys.customer(accountId, customerId), Keys.PROFILE_SK, item -> isProfile(item) ? fromItem(item) : null);
  }

  /**
   * The profile holding this reference (AP4, the DMS's): its guard, then the profile (two strongly
   * consistent GetItems); empty when no profile of the company has it.
   */
  public Optional<CustomerProfile> findByReference(String accountId, String reference) {
    return customerIdByReference(accountId, reference).flatMap(holder -> find(accountId, holder));
  }

  /** The id of the customer with this DMS reference (its guard item alone: one GetItem), if any. */
  public Optional<String> customerIdByReference(String accountId, String reference) {
    Map<String, AttributeValue> guard = table.getConsistent(Keys.customerReferenceGuard(accountId, reference), Keys.REFERENCE_SK);
    return guard == null || guard.isEmpty() ? Optional.empty() : Optional.ofNullable(ItemReader.of(guard).str(CUSTOMER_ID));
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

  /**
   * The conversation a text of this mobile was just filed in, noted on its guard (a hint: the next
   * text reads profile and conversation in one BatchGetItem), only while the guard still names
   * this customer (a merge or a deletion meanwhile cancels the text's transaction, which reads the
   * guard again).
   */
  public Write conversationHintWrite(String accountId, String mobile, String customerId, String conversationId) {
    return ItemUpdate.of().set(CustomerMapper.CONVERSATION_HINT, conversationId)
        .condition("#" + CUSTOMER_ID + " = :holder", ":holder", customerId)
        .write(table, Keys.customerPhone(accountId, mobile), Keys.PHONE_SK);
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
        .remove(UNSUBSCRIBED_BY)
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
        .remove(UNSUBSCRIBED_AT, UNSUBSCRIBED_BY, Table.GSI3PK, Table.GSI3SK)
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

  // ------------------------------------------------------------------ staff (P1, P2, P6)

  /**
   * Staff unsubscribe (P6): unsubscribed since {@code at} by {@code userId}, on the unsubscribed
   * list; only if subscribed now (a customer unsubscribed already fails the condition: nothing changes).
   */
  public Write staffUnsubscribeWrite(String accountId, String customerId, String at, String userId) {
    return ItemUpdate.of().set(SUBSCRIBED, false).set(UNSUBSCRIBED_AT, at).set(SUBSCRIPTION_CHANGED_AT, at)
        .set(UNSUBSCRIBED_BY, userId)
        .set(Table.GSI3PK, Keys.unsubscribedCustomers(accountId)).set(Table.GSI3SK, at)
        .condition("attribute_exists(PK) AND (attribute_not_exists(#" + SUBSCRIBED + ") OR #" + SUBSCRIBED + " = :true)",
            ":true", true)
        .write(table, Keys.customer(accountId, customerId), Keys.PROFILE_SK);
  }

  /**
   * A new profile with its mobile's and reference's guards, in one transaction: another profile
   * with that mobile or reference is a {@link CustomerConflict} naming it (so 100 creates at once
   * with one mobile make one profile).
   */
  public void create(String accountId, CustomerProfile profile) {
    List<Write> writes = createWrites(accountId, profile);
    for (int attempt = 1; ; attempt++) {
      try {
        transactGuarded(accountId, profile, writes);
        return;
      } catch (TransactionCancelled raced) {
        // another transaction on the same guard at the same moment, not committed yet: try again
        if (attempt == CREATE_ATTEMPTS || !raced.retryable()) {
          throw raced;
        }
      }
    }
  }

  private static final int CREATE_ATTEMPTS = 5;

  /**
   * A staff edit (P1, P2): the editable fields of {@code after} (and the index keys that follow),
   * conditional on the profile's {@code updatedAt} as read in {@code before}; a changed mobile or
   * reference moves its guard in the same transaction. False when the profile changed meanwhile
   * (read again); a {@link CustomerConflict} when another profile has the new mobile or reference.
   */
  public boolean edit(String accountId, CustomerProfile before, CustomerProfile after) {
    return edit(accountId, before, after, null);
  }

  /**
   * As {@link #edit(String, CustomerProfile, CustomerProfile)}, also setting and removing custom
   * attribute values ({@code attributes}, null: none), key by key as {@link #setAttributes} does,
   * in the same write.
   */
  public boolean edit(String accountId, CustomerProfile before, CustomerProfile after,
      CustomerAttributeRules.Change attributes) {
    try {
      transactGuarded(accountId, after, editWrites(accountId, before, after, attributes));
      return true;
    } catch (TransactionCancelled changed) {
      return false;
    }
  }

  /** A new profile with its mobile's and reference's guards, each put only if absent: the writes of {@link #create}. */
  public List<Write> createWrites(String accountId, CustomerProfile profile) {
    List<Write> writes = new ArrayList<>();
    writes.add(createWrite(accountId, profile));
    guardWrites(accountId, null, profile, writes);
    return writes;
  }

  /**
   * The writes of {@link #edit}: the editable fields of {@code after}, conditional on
   * {@code before}'s {@code updatedAt}, and the guards a changed mobile or reference moves; with
   * {@code attributes} null, {@code after}'s attribute values replace the profile's when they differ
   * (an import, P4, puts many such writes in one transaction).
   */
  public List<Write> editWrites(String accountId, CustomerProfile before, CustomerProfile after) {
    return editWrites(accountId, before, after, null);
  }

  private List<Write> editWrites(String accountId, CustomerProfile before, CustomerProfile after,
      CustomerAttributeRules.Change attributes) {
    Map<String, AttributeValue> item = toItem(accountId, after);
    ItemUpdate update = ItemUpdate.of();
    for (String attribute : EDITABLE) {
      if (item.containsKey(attribute)) {
        update.set(attribute, item.get(attribute));
      } else {
        update.remove(attribute);
      }
    }
    update.condition("attribute_exists(PK)");
    if (attributes != null) {
      attributesUpdate(update, before.attributes(), attributes);
    }
    if (before.updatedAt() == null) {
      update.condition("attribute_not_exists(#" + UPDATED_AT + ")");
    } else {
      update.condition("#" + UPDATED_AT + " = :seenUpdatedAt", ":seenUpdatedAt", before.updatedAt());
    }
    if (attributes == null && !before.attributes().equals(after.attributes())) {
      update.set(CustomerAttributeMapper.ATTRIBUTES, CustomerAttributeMapper.toAttribute(after.attributes()));
    }
    List<Write> writes = new ArrayList<>();
    writes.add(update.write(table, Keys.customer(accountId, after.customerId()), Keys.PROFILE_SK));
    guardWrites(accountId, before, after, writes);
    return writes;
  }

  /**
   * Who holds these references and mobiles, and their profiles (P4: an import's rows matched by
   * reference, then mobile): a consistent BatchGetItem of the guards, then one of the profiles
   * they name; 100 keys a request.
   */
  public Holders holders(String accountId, java.util.Collection<String> references, java.util.Collection<String> mobiles) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    references.forEach(r -> keys.add(DynamoTable.key(Keys.customerReferenceGuard(accountId, r), Keys.REFERENCE_SK)));
    mobiles.forEach(m -> keys.add(DynamoTable.key(Keys.customerPhone(accountId, m), Keys.PHONE_SK)));
    Map<String, String> byReference = new java.util.HashMap<>();
    Map<String, String> byMobile = new java.util.HashMap<>();
    String referencePrefix = Keys.customerReferenceGuard(accountId, "");
    String phonePrefix = Keys.customerPhone(accountId, "");
    for (Map<String, AttributeValue> guard : keys.isEmpty() ? List.<Map<String, AttributeValue>>of() : table.batchGet(keys, true)) {
      ItemReader r = ItemReader.of(guard);
      if (Keys.REFERENCE_SK.equals(r.sk())) {
        byReference.put(r.pk().substring(referencePrefix.length()), r.str(CUSTOMER_ID));
      } else {
        byMobile.put(r.pk().substring(phonePrefix.length()), r.str(CUSTOMER_ID));
      }
    }
    java.util.Set<String> ids = new java.util.HashSet<>(byReference.values());
    ids.addAll(byMobile.values());
    Map<String, CustomerProfile> profiles = new java.util.HashMap<>();
    if (!ids.isEmpty()) {
      findAll(accountId, ids).forEach(p -> profiles.put(p.customerId(), p));
    }
    return new Holders(byReference, byMobile, profiles);
  }

  /**
   * SnapStart priming (docs/decisions.md 46): {@code profile} mapped to its item and read back, in
   * memory, as {@link #holders} reads a profile it finds (a priming read finds none).
   */
  public CustomerProfile primeRead(String accountId, CustomerProfile profile) {
    return CustomerMapper.fromItem(CustomerMapper.toItem(accountId, profile));
  }

  /** The profiles holding references and mobiles, as {@link #holders} read them. */
  public record Holders(Map<String, String> byReference, Map<String, String> byMobile, Map<String, CustomerProfile> profiles) {
    public CustomerProfile ofReference(String reference) {
      return reference == null ? null : profiles.get(byReference.get(reference));
    }

    public CustomerProfile ofMobile(String mobile) {
      return mobile == null ? null : profiles.get(byMobile.get(mobile));
    }
  }

  /** The guards a change of mobile or reference moves: the old one deleted (if still ours), the new one put if absent. */
  private void guardWrites(String accountId, CustomerProfile before, CustomerProfile after, List<Write> writes) {
    String oldMobile = before == null ? null : before.mobile();
    if (!java.util.Objects.equals(oldMobile, after.mobile())) {
      if (oldMobile != null) {
        writes.add(ownGuardDelete(Keys.customerPhone(accountId, oldMobile), Keys.PHONE_SK, after.customerId()));
      }
      if (after.mobile() != null) {
        writes.add(phoneGuardWrite(accountId, new PhoneGuard(after.mobile(), after.customerId())));
      }
    }
    String oldReference = before == null ? null : before.reference();
    if (!java.util.Objects.equals(oldReference, after.reference())) {
      if (oldReference != null) {
        writes.add(ownGuardDelete(Keys.customerReferenceGuard(accountId, oldReference), Keys.REFERENCE_SK, after.customerId()));
      }
      if (after.reference() != null) {
        writes.add(table.putIfAbsentWrite(referenceGuardItem(accountId, after.reference(), after.customerId())));
      }
    }
  }

  private Write ownGuardDelete(String pk, String sk, String customerId) {
    return table.deleteWrite(b -> b.key(DynamoTable.key(pk, sk))
        .conditionExpression("attribute_not_exists(PK) OR #id = :id")
        .expressionAttributeNames(Map.of("#id", CUSTOMER_ID))
        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(customerId))));
  }

  /**
   * Runs the writes; a failed guard is a {@link CustomerConflict} naming who has it, any other
   * failed condition the {@link TransactionCancelled} itself.
   */
  private void transactGuarded(String accountId, CustomerProfile profile, List<Write> writes) {
    try {
      table.transact(writes);
    } catch (TransactionCancelled cancelled) {
      if (profile.mobile() != null) {
        Optional<PhoneGuard> guard = phoneGuard(accountId, profile.mobile());
        if (guard.isPresent() && !guard.get().customerId().equals(profile.customerId())) {
          throw new CustomerConflict("mobile", guard.get().customerId());
        }
      }
      if (profile.reference() != null) {
        Map<String, AttributeValue> guard = table.getConsistent(Keys.customerReferenceGuard(accountId, profile.reference()),
            Keys.REFERENCE_SK);
        String holder = guard == null ? null : ItemReader.of(guard).str(CUSTOMER_ID);
        if (holder != null && !holder.equals(profile.customerId())) {
          throw new CustomerConflict("reference", holder);
        }
      }
      throw cancelled;
    }
  }

  // ------------------------------------------------------------------ merges (C14)

  /** What a merge rewrites of the survivor: everything a profile's fields, consent and indexes are. */
  private static final List<String> MERGED = java.util.stream.Stream.concat(EDITABLE.stream(), java.util.stream.Stream.of(
      SUBSCRIBED, UNSUBSCRIBED_AT, RESUBSCRIBED_AT, SUBSCRIPTION_CHANGED_AT, STOP_NOTICE_SENT_AT, UNSUBSCRIBED_BY,
      ACTIVE_CONVERSATION_ID, CustomerAttributeMapper.ATTRIBUTES, Table.GSI3PK, Table.GSI3SK)).distinct().toList();

  /**
   * C14: the survivor as {@link com.textinbox.shared.customers.ProfileMerge} made it. A new one
   * (the DMS's first PUT names a mobile another profile has) is put with its reference's guard,
   * each only if absent; an existing one is rewritten on condition that nothing that matters
   * changed since it was read (its fields, consent, first-message notice, active conversation).
   */
  public List<Write> mergeSurvivorWrites(String accountId, CustomerProfile before, CustomerProfile merged) {
    if (before == null) {
      return List.of(createWrite(accountId, merged),
          table.putIfAbsentWrite(referenceGuardItem(accountId, merged.reference(), merged.customerId())));
    }
    Map<String, AttributeValue> item = toItem(accountId, merged);
    ItemUpdate update = ItemUpdate.of();
    for (String attribute : MERGED) {
      if (item.containsKey(attribute)) {
        update.set(attribute, item.get(attribute));
      } else {
        update.remove(attribute);
      }
    }
    return List.of(unchangedSince(update, before).write(table, Keys.customer(accountId, before.customerId()), Keys.PROFILE_SK));
  }

  /**
   * C14: the merged profile deleted, on condition that it is as read (a STOP it texted meanwhile, an
   * edit, a new conversation: the merge reads again), with its reference's guard if it had one.
   */
  public List<Write> mergedProfileDeleteWrites(String accountId, CustomerProfile other) {
    ItemUpdate seen = unchangedSince(ItemUpdate.of(), other);
    Map<String, AttributeValue> values = new java.util.HashMap<>();
    Map<String, String> names = new java.util.HashMap<>();
    String condition = seen.conditionFor(names, values);
    List<Write> writes = new ArrayList<>();
    writes.add(table.deleteWrite(b -> b.key(DynamoTable.key(Keys.customer(accountId, other.customerId()), Keys.PROFILE_SK))
        .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values.isEmpty() ? null : values)));
    if (other.reference() != null) {
      writes.add(ownGuardDelete(Keys.customerReferenceGuard(accountId, other.reference()), Keys.REFERENCE_SK, other.customerId()));
    }
    return writes;
  }

  // ------------------------------------------------------------------ delete (P5)

  /**
   * The deletion of a profile as read (P5): the profile, on condition that it still exists with the
   * active conversation read (a conversation opened meanwhile cancels it: read again), and its
   * mobile's and reference's guards if still its own. Custom attribute values live on the profile
   * and go with it. With these writes the customer leaves every list at once, and its next text
   * makes a new profile.
   */
  public List<Write> deleteWrites(String accountId, CustomerProfile profile) {
    List<Write> writes = new ArrayList<>();
    String active = profile.activeConversationId();
    writes.add(table.deleteWrite(b -> b.key(DynamoTable.key(Keys.customer(accountId, profile.customerId()), Keys.PROFILE_SK))
        .conditionExpression(active == null ? "attribute_exists(PK) AND attribute_not_exists(#active)"
            : "attribute_exists(PK) AND #active = :active")
        .expressionAttributeNames(Map.of("#active", ACTIVE_CONVERSATION_ID))
        .expressionAttributeValues(active == null ? null : Map.of(":active", AttributeValue.fromS(active)))));
    if (profile.mobile() != null) {
      writes.add(ownGuardDelete(Keys.customerPhone(accountId, profile.mobile()), Keys.PHONE_SK, profile.customerId()));
    }
    if (profile.reference() != null) {
      writes.add(ownGuardDelete(Keys.customerReferenceGuard(accountId, profile.reference()), Keys.REFERENCE_SK,
          profile.customerId()));
    }
    return writes;
  }

  /** C14: the mobile's guard passes from the merged profile to the survivor (only if the merged one still holds it). */
  public Write phoneGuardTransferWrite(String accountId, String mobile, String fromCustomerId, String toCustomerId) {
    return ItemUpdate.of().set(CUSTOMER_ID, toCustomerId)
        .condition("#" + CUSTOMER_ID + " = :from", ":from", fromCustomerId)
        .write(table, Keys.customerPhone(accountId, mobile), Keys.PHONE_SK);
  }

  /** The guard of a mobile the customer gives up (the DMS changed it), if still theirs. */
  public Write ownPhoneGuardDelete(String accountId, String mobile, String customerId) {
    return ownGuardDelete(Keys.customerPhone(accountId, mobile), Keys.PHONE_SK, customerId);
  }

  /** The profile exists and what a merge decides by is as read: fields (updatedAt), consent, notice, active conversation. */
  private static ItemUpdate unchangedSince(ItemUpdate update, CustomerProfile seen) {
    update.condition("attribute_exists(PK)");
    seenValue(update, UPDATED_AT, seen.updatedAt());
    seenValue(update, SUBSCRIPTION_CHANGED_AT, seen.subscriptionChangedAt());
    seenValue(update, STOP_NOTICE_SENT_AT, seen.stopNoticeSentAt());
    seenValue(update, ACTIVE_CONVERSATION_ID, seen.activeConversationId());
    return update;
  }

  private static void seenValue(ItemUpdate update, String attribute, String value) {
    if (value == null) {
      update.condition("attribute_not_exists(#" + attribute + ")");
    } else {
      update.condition("#" + attribute + " = :seen_" + attribute, ":seen_" + attribute, value);
    }
  }

  /** The survivor's merge log entry, put only if that profile was never merged into it (a retry logs nothing twice). */
  public Write mergeLogWrite(String accountId, com.textinbox.shared.customers.CustomerMerge merge) {
    return table.putIfAbsentWrite(CustomerMergeMapper.toItem(accountId, merge));
  }

  /** The survivor's merge log, newest first (one Query of its partition; at most {@code limit}). */
  public List<com.textinbox.shared.customers.CustomerMerge> merges(String accountId, String customerId, int limit) {
    return table.query(Query.table(Keys.customer(accountId, customerId)).beginsWith(Keys.MERGE_PREFIX).limit(limit))
        .items().stream().filter(CustomerMergeMapper::isMerge).map(CustomerMergeMapper::fromItem)
        .sorted(java.util.Comparator.comparing(com.textinbox.shared.customers.CustomerMerge::at).reversed()).toList();
  }

  /**
   * Deletes whatever is left in a deleted customer's partition ({@code A#<acct>#C#<customerId>}:
   * items other features keep beside the profile, a merge log...), by pages of 100 (Query, then
   * BatchWriteItem); returns how many it deleted. The profile itself went in {@link #deleteWrites}.
   */
  public int deleteRest(String accountId, String customerId) {
    int deleted = 0;
    for (boolean more = true; more; ) {
      // a page that is the Query's last ends it: no further Query to find nothing (decision 70)
      QueryResult page = table.query(Query.table(Keys.customer(accountId, customerId)).consistent().limit(100));
      table.deleteAll(page.items().stream().map(DynamoTable::keyOf).toList());
      deleted += page.items().size();
      more = page.hasMore();
    }
    return deleted;
  }

  // ------------------------------------------------------------------ lists

  /** Which list: every customer by name, those without a mobile, or those unsubscribed (by date). */
  public enum ListFilter { ALL, NO_MOBILE, UNSUBSCRIBED }

  /**
   * One page of a list (P7's filters, C15's name prefix), {@code limit} at most.
   *
   * @param namePrefix a normalized name prefix ({@link NameKey#prefix}), or null: on ALL a key range
   *     of GSI1, on the other lists a filter on the name key (pages may then be short)
   * @param from ISO date the unsubscribed list starts at (inclusive), or null
   * @param to ISO date the unsubscribed list ends at (inclusive), or null
   * @param after the previous page's {@code nextCursor}; one outside this list is an {@link IllegalArgumentException}
   */
  public Page<CustomerProfile> list(String accountId, ListFilter filter, String namePrefix, String from, String to,
      String after, int limit) {
    int gsi;
    String pk;
    String low = null;
    String high = null;
    switch (filter) {
      case NO_MOBILE -> {
        gsi = 4;
        pk = Keys.customersWithoutMobile(accountId);
      }
      case UNSUBSCRIBED -> {
        gsi = 3;
        pk = Keys.unsubscribedCustomers(accountId);
        low = from == null ? "0000" : from;
        high = to == null ? "9999" : to + "T99";   // the whole of the last day
      }
      default -> {
        gsi = 1;
        pk = Keys.customersOf(accountId);
        if (namePrefix != null && !namePrefix.isEmpty()) {
          low = namePrefix;
          high = namePrefix + "\uffff";
        }
      }
    }
    Query query = Query.gsi(gsi, pk).limit(limit);
    if (low != null) {
      query.between(low, high);
    }
    if (gsi != 1 && namePrefix != null && !namePrefix.isEmpty()) {
      query.filter("begins_with(#" + Table.GSI1SK + ", :f0)", AttributeValue.fromS(namePrefix));
    }
    if (after != null) {
      query.startAfter(cursorKey(accountId, gsi, pk, after, low, high));
    }
    QueryResult result = table.query(query);
    List<CustomerProfile> profiles = result.items().stream().filter(CustomerMapper::isProfile)
        .map(CustomerMapper::fromItem).toList();
    String next = null;
    if (result.hasMore()) {
      Map<String, AttributeValue> last = result.lastKey();
      String customerId = last.get(Table.PK).s().substring(Keys.customer(accountId, "").length());
      next = customerId + "|" + last.get("GSI" + gsi + "SK").s();
    }
    return new Page<>(profiles, next);
  }

  /** The index key a cursor {@code <customerId>|<index sort key>} stands for, checked to lie in the list read. */
  private static Map<String, AttributeValue> cursorKey(String accountId, int gsi, String pk, String cursor, String low,
      String high) {
    int bar = cursor.indexOf('|');
    if (bar <= 0) {
      throw new IllegalArgumentException("not a cursor of this list");
    }
    String customerId = cursor.substring(0, bar);
    String sortKey = cursor.substring(bar + 1);
    if (sortKey.isEmpty() || (low != null && (sortKey.compareTo(low) < 0 || sortKey.compareTo(high) > 0))) {
      throw new IllegalArgumentException("not a cursor of this list");
    }
    return Map.of(Table.PK, AttributeValue.fromS(Keys.customer(accountId, customerId)),
        Table.SK, AttributeValue.fromS(Keys.PROFILE_SK),
        "GSI" + gsi + "PK", AttributeValue.fromS(pk), "GSI" + gsi + "SK", AttributeValue.fromS(sortKey));
  }

  /** The profiles of these ids that exist (consistent BatchGetItem), in no particular order. */
  public List<CustomerProfile> findAll(String accountId, java.util.Collection<String> customerIds) {
    List<Map<String, AttributeValue>> keys = customerIds.stream()
        .map(id -> DynamoTable.key(Keys.customer(accountId, id), Keys.PROFILE_SK)).toList();
    return table.batchGet(keys, true).stream().filter(CustomerMapper::isProfile).map(CustomerMapper::fromItem).toList();
  }
}
