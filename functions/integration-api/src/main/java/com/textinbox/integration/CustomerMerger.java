package com.textinbox.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.CustomerBody;
import com.textinbox.shared.customers.CustomerFields;
import com.textinbox.shared.customers.CustomerMerge;
import com.textinbox.shared.customers.CustomerMergeView;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.customers.ProfileMerge;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.messaging.PhoneNumbers;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C14: the DMS gave its customer (the survivor, named by its reference) a mobile that another
 * profile of the company has: the other is merged into the survivor in ONE transaction
 * (docs/decisions.md 49), whose every item is conditional on what was read:
 *
 * <ul>
 *   <li>the survivor, as {@link ProfileMerge} makes it (new: put with its reference's guard);
 *   <li>the mobile's guard passed from the other to the survivor; the survivor's old mobile's guard deleted;
 *   <li>the other profile deleted (with its reference's guard), if unchanged since read (a STOP meanwhile: read again);
 *   <li>the other's active conversation archived under the survivor, or, when the survivor has
 *       none, made the survivor's active conversation; its older (archived) ones moved too; each
 *       if unchanged since read (a text meanwhile: read again);
 *   <li>a {@code merged} event in both profiles' active conversations, and the survivor's merge log entry.
 * </ul>
 *
 * <p>Any failed condition cancels all of it and the caller reads again. A text arriving
 * meanwhile either committed first (it is then in the conversation the merge archives, read
 * again) or finds its conversation changed and reads the number's guard again: the survivor's
 * (InboundSms, {@code InboundConversations}). Never a profile into itself: the guard names
 * another profile, checked again here; never across companies: every key is the caller's company's.
 */
final class CustomerMerger {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerMerger.class);
  /** The other profile's conversations moved with it: its active one and those archived by earlier merges. */
  private static final int MAX_CONVERSATIONS = 25;

  private final DynamoTable table;
  private final CustomerStore customers;
  private final ConversationStore conversations;
  private final Clock clock;

  CustomerMerger(DynamoTable table, Clock clock) {
    this.table = table;
    this.customers = new CustomerStore(table);
    this.conversations = new ConversationStore(table);
    this.clock = clock;
  }

  /** What a merge did: the survivor as written, whether it was created, and its merge log entry as shown. */
  record Outcome(CustomerProfile survivor, boolean created, Map<String, Object> log) {}

  /** The merge, or null when what was read changed meanwhile (the caller reads again and retries). */
  Outcome merge(String accountId, String reference, JsonNode body, String region, LocalDate today, String otherCustomerId,
      String by) {
    CustomerProfile before = customers.findByReference(accountId, reference).orElse(null);
    CustomerProfile other = customers.find(accountId, otherCustomerId).orElse(null);
    if (other == null || (before != null && !ProfileMerge.mergeable(before.customerId(), other.customerId()))) {
      return null;
    }
    CustomerFields fields = CustomerRoutes.withReference(
        CustomerBody.apply(body, before == null ? CustomerFields.none() : before.fields(), region, today), reference);
    if (fields.mobile() == null || !fields.mobile().equals(other.mobile())) {
      return null;   // the number changed hands meanwhile
    }
    CustomerRules.identifiable(fields);
    Conversation othersActive = other.activeConversationId() == null ? null
        : conversations.find(accountId, other.activeConversationId()).orElse(null);
    if (other.activeConversationId() != null && othersActive == null) {
      return null;
    }
    // the merge's time, after its last read: every text it found in the other's conversation is older
    String now = Keys.time(clock.instant());
    if (before != null && now.equals(before.updatedAt())) {
      now = Keys.time(clock.instant().plusMillis(1));
    }
    CustomerProfile base = before != null ? before.edited(fields, now)
        : new CustomerProfile("cust-" + UUID.randomUUID(), null, null, null, null, null, null, true, null, null, null, null,
            null, now, by).edited(fields, now);
    ProfileMerge.Result resolved = ProfileMerge.resolve(base, other, now);

    boolean archive = othersActive != null && base.activeConversationId() != null;
    CustomerProfile survivor = othersActive != null && !archive
        ? resolved.merged().withActiveConversation(othersActive.conversationId()) : resolved.merged();
    CustomerMerge merge = new CustomerMerge(survivor.customerId(), now, by, other.customerId(), other.fullName(),
        survivor.mobile(), resolved.fieldsChanged(), resolved.attributesAdded(),
        archive ? othersActive.conversationId() : null, othersActive != null && !archive ? othersActive.conversationId() : null);

    List<Write> writes = new ArrayList<>(customers.mergeSurvivorWrites(accountId, before, survivor));
    writes.add(customers.phoneGuardTransferWrite(accountId, survivor.mobile(), other.customerId(), survivor.customerId()));
    if (before != null && before.mobile() != null && !before.mobile().equals(survivor.mobile())) {
      writes.add(customers.ownPhoneGuardDelete(accountId, before.mobile(), before.customerId()));
    }
    writes.addAll(customers.mergedProfileDeleteWrites(accountId, other));
    if (othersActive != null) {
      writes.add(archive ? conversations.archiveWrite(accountId, othersActive, survivor.customerId(), now)
          : conversations.moveWrite(accountId, othersActive, survivor.customerId(), now));
      writes.add(mergedEvent(accountId, othersActive.conversationId(), merge));
    }
    for (Conversation older : conversations.ofCustomer(accountId, other.customerId(), MAX_CONVERSATIONS)) {
      boolean stillTheirs = other.customerId().equals(older.customerId());   // the index may lag behind a move
      if (stillTheirs && (othersActive == null || !older.conversationId().equals(othersActive.conversationId()))) {
        writes.add(conversations.moveWrite(accountId, older, survivor.customerId(), now));
      }
    }
    if (base.activeConversationId() != null && !Objects.equals(base.activeConversationId(), other.activeConversationId())) {
      writes.add(mergedEvent(accountId, base.activeConversationId(), merge));
    }
    writes.add(customers.mergeLogWrite(accountId, merge));
    try {
      table.transact(writes);
    } catch (TransactionCancelled changed) {
      LOG.info("merge of {} into {} cancelled ({}): something changed since it was read", other.customerId(),
          survivor.customerId(), changed.reasons());
      return null;
    }
    LOG.info("customer {} merged into {} (reference {}, mobile {}, key {}): fields {}, attributes {}, conversation {} {}",
        other.customerId(), survivor.customerId(), reference, PhoneNumbers.masked(survivor.mobile()), by,
        resolved.fieldsChanged(), resolved.attributesAdded(), othersActive == null ? "none" : othersActive.conversationId(),
        archive ? "archived" : "moved");
    return new Outcome(survivor, before == null, CustomerMergeView.of(merge));
  }

  /** The {@code merged} event in a conversation's timeline; its id names the merged profile (written once). */
  private Write mergedEvent(String accountId, String conversationId, CustomerMerge merge) {
    return conversations.appendWrite(accountId, conversationId, ConversationEvent.merged(merge.mergeId(), merge.at(),
        conversationId, merge.by(), merge.mergedCustomerId(), merge.customerId()));
  }
}
