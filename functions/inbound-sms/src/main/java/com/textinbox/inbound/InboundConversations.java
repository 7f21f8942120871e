package com.textinbox.inbound;

import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.notifications.NotificationEvent;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.PhoneGuard;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.messaging.ComplianceKeyword;
import com.textinbox.shared.messaging.InboundSms;
import com.textinbox.shared.messaging.InboundSmsMarker;
import com.textinbox.shared.messaging.PhoneNumbers;
import com.textinbox.shared.messaging.SendSmsCommand;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.reports.MonthInZone;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import com.textinbox.shared.users.Account;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import com.textinbox.shared.observability.Observability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files an inbound SMS in its customer's conversation (docs/data-model.md, "Inbound SMS"):
 *
 * <ol>
 *   <li>the company owning the destination number (GetItem {@code NUMBER#<e164>}, kept by a warm
 *       container for a minute: {@link InboundStores#accountOwning}, docs/decisions.md 63);
 *   <li>the dedupe marker {@code A#<acct>#INBOUND#<carrierId>}: present means the message is stored
 *       already, and only its event may still have to be sent (a crash between the two);
 *   <li>the customer by the {@code PHONE} guard; an unknown number gets a profile, its guard and a
 *       first conversation in one transaction (two first messages at once: the loser re-reads; the
 *       winner goes on with the conversation it wrote, never read back); a
 *       profile merged away meanwhile (C14), or a conversation archived or moved by a merge, makes
 *       it read the guard again, which then names the survivor (docs/decisions.md 49);
 *   <li>the active conversation ({@code activeConversationId}), created if none; the guard notes
 *       the conversation the last text went to, so profile and conversation are one BatchGetItem
 *       while the note is current (the profile decides; the message's transaction updates the note);
 *   <li>a compliance keyword only: GetItem the account (its name and help text, for the reply;
 *       kept by a warm container for a minute, {@link com.textinbox.shared.users.store.AccountCache});
 *       also within a day of a month's turn, when the month the message counts in depends on the
 *       company's time zone ({@link MonthInZone#inEveryZone});
 *   <li>one transaction: the marker (conditional: stored once), the timeline message, the
 *       conversation's update (reopened if closed; last activity only ever forward, optimistic on
 *       what was read), and for a keyword its compliance entry, the profile's subscription and the
 *       automatic reply (an outbound message, QUEUED: {@link KeywordReply}), and the month's
 *       {@code messagesReceived} counter (N4: in the transaction the marker guards, so counted once); what it holds:
 *       {@link ReceivedSms}, what a keyword changes: {@link com.textinbox.shared.messaging.SubscriptionRule};
 *   <li>the event to the conversation events queue, the reply's command to SendSmsQueue, then
 *       {@code eventSentAt} on the marker. A crash before that last step: the redelivery finds the
 *       marker without it and sends both again, the same event and the same command (the sender
 *       texts a message only while QUEUED: one reply, whatever the number of deliveries).
 * </ol>
 */
record InboundConversations(InboundStores stores, Clock clock, ConversationEvents events, SendSmsQueue sendSms,
    EventQueue notifications) {
  private static final Logger LOG = LoggerFactory.getLogger(InboundConversations.class);
  private static final int ATTEMPTS = 5;

  /**
   * Priming (decision 46): the reads a text starts with, for a number no company owns and a
   * company and customer that do not exist (each finds nothing), the keyword check of an accented
   * text (the JDK's normaliser, as {@link ComplianceKeyword} folds a body) and the month it counts
   * in; then the transaction's writes of {@code sms} as a first text of a new customer, built in
   * memory (the items, the timeline message, the counters) and never sent.
   */
  void prime(InboundSms sms) {
    String none = com.textinbox.shared.observability.Priming.KEY;
    stores.accountOwning(none);
    stores.inbound().marker(none, none);
    stores.appointments().phoneGuard(none, none);
    ComplianceKeyword.detect("Arrêt", ComplianceKeyword.Language.EN);
    Instant now = clock.instant();
    YearMonth month = MonthInZone.inEveryZone(now).orElseGet(() -> MonthInZone.of(now, Account.zoneOf(null)));
    String messageId = ReceivedSms.derivedId("inbound", none, none);
    Conversation conversation = opened(none, sms.carrierMessageId(), now, now);
    CustomerProfile profile = CustomerProfile.fromFirstText(none, sms.from(), Keys.time(now), "inbound-sms",
        conversation.conversationId());
    new ReceivedSms(none, sms, messageId, profile, conversation, Optional.empty(), Optional.empty(), now, now, month,
        Optional.empty()).writes(stores);
  }

  /** Stores {@code sms} once and sends its event; {@code carrierTime} is the SNS timestamp, if any. */
  void receive(InboundSms sms, Instant carrierTime) {
    String accountId = stores.accountOwning(sms.to()).orElseThrow(() ->
        new InboundSms.RejectedPayload("no company owns the number " + PhoneNumbers.masked(sms.to())));
    Optional<InboundSmsMarker> marker = stores.inbound().marker(accountId, sms.carrierMessageId());
    if (marker.isPresent()) {
      finish(accountId, marker.get());
      return;
    }
    Instant now = clock.instant();
    Instant at = carrierTime != null ? carrierTime : now;
    // ids derived from the carrier's id: a retry after a crash writes the same items again
    String messageId = ReceivedSms.derivedId("inbound", accountId, sms.carrierMessageId());

    Recipient recipient = recipient(accountId, sms, at, now);
    CustomerProfile profile = recipient.profile();
    Conversation conversation = recipient.conversation();
    // the month the message counts in (N4): the company's zone is read only when it matters (a
    // keyword's reply reads the account anyway; otherwise only within a day of a month's turn)
    Optional<YearMonth> month = MonthInZone.inEveryZone(at);
    Account account = null;

    for (int attempt = 1; ; attempt++) {
      Optional<ComplianceKeyword> keyword = ComplianceKeyword.detect(sms.body(), ComplianceKeyword.Language.of(profile.language()));
      if ((keyword.isPresent() || month.isEmpty()) && account == null) {
        account = stores.accounts().get(accountId);
      }
      Account company = account;
      YearMonth countedIn = month.orElseGet(() -> MonthInZone.of(at,
          Account.zoneOf(company)));
      Optional<KeywordReply> reply = keyword.map(reply(profile, at, account));
      // AP2: only a customer with a reminded appointment pending (the window on their guard) costs the look-up
      Optional<AppointmentReply> appointmentReply = keyword.isEmpty() && recipient.awaitingReply(now)
          ? AppointmentReply.find(stores, accountId, profile.customerId(), conversation.conversationId(), messageId, sms.body(), now)
          : Optional.empty();
      ReceivedSms received = new ReceivedSms(accountId, sms, messageId, profile, conversation, keyword, reply, at, now,
          countedIn, appointmentReply);
      List<Write> writes = new ArrayList<>(received.writes(stores));
      // the guard notes the conversation when it names another (or none): the next text reads profile and conversation at once
      int hintAt = conversation.conversationId().equals(recipient.conversationHint()) ? -1 : writes.size();
      if (hintAt >= 0) {
        writes.add(stores.customers().conversationHintWrite(accountId, sms.from(), profile.customerId(),
            conversation.conversationId()));
      }
      try {
        stores.table().transact(writes);
      } catch (TransactionCancelled cancelled) {
        if (cancelled.conditionFailedAt(ReceivedSms.MARKER)) {
          // another delivery stored it meanwhile
          finish(accountId, stores.inbound().marker(accountId, sms.carrierMessageId()).orElseThrow(() -> new IllegalStateException(
              "inbound SMS " + sms.carrierMessageId() + ": the marker's condition failed but it is not there")));
          return;
        }
        boolean guardMoved = hintAt >= 0 && cancelled.conditionFailedAt(hintAt);
        // the conversation changed since it was read (another message, a close), or another
        // transaction held one of the items: read the conversation again and retry
        if (!guardMoved && !cancelled.conditionFailedAt(ReceivedSms.CONVERSATION)
            && !cancelled.reasons().contains(TransactionCancelled.CONFLICT)) {
          throw cancelled;
        }
        if (attempt == ATTEMPTS) {
          throw new IllegalStateException("conversation " + conversation.conversationId() + " kept changing; retrying later");
        }
        if (guardMoved) {
          // C14 or P5: the number's guard names someone else now, or is gone: read who texts again
          LOG.info("inbound SMS {}: the number's guard changed meanwhile; reading the number's customer again",
              sms.carrierMessageId());
          recipient = recipient(accountId, sms, at, now);
          profile = recipient.profile();
          conversation = recipient.conversation();
          continue;
        }
        conversation = stores.conversations().find(accountId, conversation.conversationId()).orElseThrow(() ->
            new IllegalStateException("conversation " + received.conversationId() + " is missing"));
        if (!belongsTo(conversation, profile)) {
          // C14: a merge archived it or gave it to the survivor: the number's guard names who texts now
          LOG.info("inbound SMS {}: conversation {} was merged meanwhile; reading the number's customer again",
              sms.carrierMessageId(), conversation.conversationId());
          recipient = recipient(accountId, sms, at, now);
          profile = recipient.profile();
          conversation = recipient.conversation();
        }
        continue;
      }
      Observability.count("SmsStored"); // once per text: the transaction holding its dedupe marker happened once
      LOG.info("inbound SMS {} from {} stored as {} in conversation {} ({})", sms.carrierMessageId(),
          PhoneNumbers.masked(sms.from()), messageId, conversation.conversationId(), received.eventType());
      send(accountId, received.marker());
      return;
    }
  }

  /** How a keyword is answered, as the profile is now (its subscription) and the company says (its name, help text). */
  private static java.util.function.Function<ComplianceKeyword, KeywordReply> reply(CustomerProfile profile, Instant at,
      Account account) {
    return k -> KeywordReply.decide(k, profile.subscribed(), profile.subscriptionChangedAt(), Keys.time(at),
        account == null ? null : account.name(), account == null ? null : account.helpText());
  }

  // ------------------------------------------------------------------ the customer

  /**
   * Who texted, the conversation their text goes to, until when a reminded appointment of theirs
   * awaits a reply (AP2; null: none), and the conversation their guard notes (null: none).
   */
  private record Recipient(CustomerProfile profile, Conversation conversation, String replyWindowUntil,
      String conversationHint) {
    boolean awaitingReply(Instant now) {
      return replyWindowUntil != null && replyWindowUntil.compareTo(Keys.time(now)) > 0;
    }
  }

  /**
   * The number's customer, the reply window on its guard, the conversation its guard notes, and
   * their active conversation when known without another read (null otherwise): the one this
   * delivery created with the profile (what it wrote is what a read would return), or the one the
   * guard's hint named, read with the profile and still its active one.
   */
  private record Customer(CustomerProfile profile, String replyWindowUntil, String conversationHint, Conversation known) {}

  /**
   * The number's customer (by its guard) and their active conversation. A merge (C14) may pass
   * the number to another profile between two reads: the merged profile is gone, or its
   * conversation is archived or the survivor's; then the guard is read again, and names the survivor.
   */
  private Recipient recipient(String accountId, InboundSms sms, Instant at, Instant now) {
    for (int attempt = 1; ; attempt++) {
      Customer customer = customer(accountId, sms.from(), sms.carrierMessageId(), at, now);
      CustomerProfile profile = customer.profile();
      Conversation conversation = profile == null ? null
          : customer.known() != null ? customer.known()
          : activeConversation(accountId, profile, sms.carrierMessageId(), at, now);
      if (conversation != null && belongsTo(conversation, profile)) {
        return new Recipient(profile, conversation, customer.replyWindowUntil(), customer.conversationHint());
      }
      if (attempt == ATTEMPTS) {
        throw new IllegalStateException("the customer of " + PhoneNumbers.masked(sms.from()) + " kept changing; retrying later");
      }
      LOG.info("inbound SMS {}: the number's customer changed while it was read (a merge); reading again", sms.carrierMessageId());
    }
  }

  /** The conversation is the profile's and takes messages (not archived by a merge, C14). */
  private static boolean belongsTo(Conversation conversation, CustomerProfile profile) {
    return !conversation.archived() && profile.customerId().equals(conversation.customerId());
  }

  /**
   * The number's customer (created on a first text); a null profile when its guard names a profile
   * merged away meanwhile (C14). The guard is read as CustomerStore reads it (one GetItem), with
   * the reply window it may carry (AP2) and the conversation it notes: then the profile and that
   * conversation are one consistent BatchGetItem, else the profile is one GetItem.
   */
  private Customer customer(String accountId, String from, String carrierId, Instant at, Instant now) {
    Optional<AppointmentStore.GuardRead> guard = stores.appointments().phoneGuard(accountId, from);
    if (guard.isPresent()) {
      String customerId = guard.get().guard().customerId();
      String hint = guard.get().conversationHint();
      if (hint == null) {
        return new Customer(stores.customers().find(accountId, customerId).orElse(null), guard.get().replyWindowUntil(), null, null);
      }
      BatchRead batch = BatchRead.consistent(stores.table());
      BatchRead.Slot<CustomerProfile> profile = stores.customers().find(batch, accountId, customerId);
      BatchRead.Slot<Conversation> noted = stores.conversations().find(batch, accountId, hint);
      batch.run();
      // the hint holds while it is the profile's active conversation (one opened since by a reply
      // or a reminder, or a merge, makes it stale: the active one is read, and noted by this text)
      boolean current = profile.get() != null && hint.equals(profile.get().activeConversationId()) && noted.get() != null;
      return new Customer(profile.get(), guard.get().replyWindowUntil(), hint, current ? noted.get() : null);
    }
    String customerId = "cust-" + UUID.randomUUID();
    Conversation first = opened(customerId, carrierId, at, now);
    // no name yet: unnamed customers sort first in the name list, by id
    CustomerProfile created = CustomerProfile.fromFirstText(customerId, from, Keys.time(now), "inbound-sms",
        first.conversationId());
    try {
      stores.table().transact(stores.customers().phoneGuardWrite(accountId, new PhoneGuard(from, customerId)),
          stores.customers().createWrite(accountId, created), stores.conversations().createWrite(accountId, first));
    } catch (TransactionCancelled lost) {
      // another message from the same number created the profile first: use that one
      PhoneGuard winner = stores.customers().phoneGuard(accountId, from).orElseThrow(() -> lost);
      LOG.info("customer of {} created concurrently; using it", PhoneNumbers.masked(from));
      return new Customer(stores.customers().find(accountId, winner.customerId()).orElse(null), null, null, null);
    }
    LOG.info("new customer {} for {}, conversation {}", customerId, PhoneNumbers.masked(from), first.conversationId());
    // the conversation is used as written: the transaction that created it is its only write so
    // far, and a change meanwhile (a merge, another text) fails the message's condition on it,
    // which reads it then (the retry below)
    return new Customer(created, null, null, first);
  }

  // ------------------------------------------------------------------ the conversation

  private Conversation activeConversation(String accountId, CustomerProfile profile, String carrierId, Instant at, Instant now) {
    if (profile.activeConversationId() != null) {
      return stores.conversations().find(accountId, profile.activeConversationId()).orElseThrow(() ->
          new IllegalStateException("conversation " + profile.activeConversationId() + " is missing"));
    }
    Conversation opened = opened(profile.customerId(), carrierId, at, now);
    try {
      stores.table().transact(stores.conversations().createWrite(accountId, opened),
          stores.customers().activeConversationWrite(accountId, profile.customerId(), opened.conversationId()));
      LOG.info("conversation {} opened for customer {}", opened.conversationId(), profile.customerId());
      return opened;
    } catch (TransactionCancelled lost) {
      CustomerProfile again = stores.customers().find(accountId, profile.customerId()).orElse(null);
      if (again == null) {
        return null;   // merged away meanwhile (C14): the caller reads the number's guard again
      }
      if (again.activeConversationId() == null) {
        throw lost;
      }
      return activeConversation(accountId, again, carrierId, at, now);
    }
  }

  /** A conversation opened by the inbound message {@code carrierId}: open, unassigned, active at {@code at}. */
  private static Conversation opened(String customerId, String carrierId, Instant at, Instant now) {
    return Conversation.opened("conv-" + UUID.randomUUID(), customerId, Keys.time(now), Keys.time(at), null, carrierId);
  }

  // ------------------------------------------------------------------ the event

  /** The message is stored: send its event unless that was done already. */
  private void finish(String accountId, InboundSmsMarker marker) {
    if (marker.announced()) {
      LOG.info("inbound SMS {} was delivered again; already stored and announced", marker.carrierMessageId());
      return;
    }
    if (marker.event() == null) {
      // a marker written before conversations existed: stored, nothing to announce
      LOG.info("inbound SMS {} was delivered again; stored before conversation events", marker.carrierMessageId());
      return;
    }
    LOG.info("inbound SMS {} was stored but its event not confirmed sent: sending it", marker.carrierMessageId());
    send(accountId, marker);
  }

  /** The event, then the reply's command (a keyword's), then the marker says both are done. */
  private void send(String accountId, InboundSmsMarker marker) {
    events.send(marker.messageId(), marker.eventType(), marker.event());
    if (marker.notificationEvent() != null) {
      NotificationEvent answer = NotificationEvent.parse(marker.notificationEvent());
      notifications.send(answer.eventId(), answer.type(), marker.notificationEvent());
    }
    if (marker.replyCommand() != null) {
      sendSms.send(SendSmsCommand.parse(marker.replyCommand()));
    }
    stores.inbound().eventSent(accountId, marker.carrierMessageId(), clock.instant());
    LOG.info("inbound SMS {}: event {} {} sent", marker.carrierMessageId(), marker.eventType(), marker.messageId());
  }
}
