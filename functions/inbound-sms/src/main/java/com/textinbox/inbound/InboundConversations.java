package com.textinbox.inbound;

import com.textinbox.shared.conversations.ComplianceEvent;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.MessageActivity;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.PhoneGuard;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.messaging.ComplianceKeyword;
import com.textinbox.shared.messaging.CustomerMessages;
import com.textinbox.shared.messaging.InboundSms;
import com.textinbox.shared.messaging.InboundSmsMarker;
import com.textinbox.shared.messaging.PhoneNumbers;
import com.textinbox.shared.messaging.SendSmsCommand;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.messaging.SubscriptionRule;
import com.textinbox.shared.messaging.store.InboundSmsStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files an inbound SMS in its customer's conversation (docs/data-model.md, "Inbound SMS"):
 *
 * <ol>
 *   <li>the company owning the destination number (GetItem {@code NUMBER#<e164>});
 *   <li>the dedupe marker {@code A#<acct>#INBOUND#<carrierId>}: present means the message is stored
 *       already, and only its event may still have to be sent (a crash between the two);
 *   <li>the customer by the {@code PHONE} guard; an unknown number gets a profile, its guard and a
 *       first conversation in one transaction (two first messages at once: the loser re-reads);
 *   <li>the active conversation ({@code activeConversationId}), created if none;
 *   <li>a compliance keyword only: GetItem the account (its name and help text, for the reply);
 *   <li>one transaction: the marker (conditional: stored once), the timeline message, the
 *       conversation's update (reopened if closed; last activity only ever forward, optimistic on
 *       what was read), and for a keyword its compliance entry, the profile's subscription and the
 *       automatic reply (an outbound message, QUEUED: {@link KeywordReply});
 *   <li>the event to the conversation events queue, the reply's command to SendSmsQueue, then
 *       {@code eventSentAt} on the marker. A crash before that last step: the redelivery finds the
 *       marker without it and sends both again, the same event and the same command (the sender
 *       texts a message only while QUEUED: one reply, whatever the number of deliveries).
 * </ol>
 */
final class InboundConversations {
  private static final Logger LOG = LoggerFactory.getLogger(InboundConversations.class);
  private static final int ATTEMPTS = 5;
  /** Where a message's transaction fails when it is stored already (the marker) or its conversation changed. */
  private static final int MARKER = 0;
  private static final int CONVERSATION = 2;

  private final DynamoTable table;
  private final Clock clock;
  private final ConversationEvents events;
  private final SendSmsQueue sendSms;
  private final InboundSmsStore inbound;
  private final CustomerStore customers;
  private final ConversationStore conversations;
  private final AccountStore accounts;

  InboundConversations(DynamoTable table, Clock clock, ConversationEvents events, SendSmsQueue sendSms) {
    this.table = table;
    this.clock = clock;
    this.events = events;
    this.sendSms = sendSms;
    this.inbound = new InboundSmsStore(table);
    this.customers = new CustomerStore(table);
    this.conversations = new ConversationStore(table);
    this.accounts = new AccountStore(table);
  }

  /** Stores {@code sms} once and sends its event; {@code carrierTime} is the SNS timestamp, if any. */
  void receive(InboundSms sms, Instant carrierTime) {
    String accountId = inbound.accountOwning(sms.to()).orElseThrow(() ->
        new InboundSms.RejectedPayload("no company owns the number " + PhoneNumbers.masked(sms.to())));
    Optional<InboundSmsMarker> marker = inbound.marker(accountId, sms.carrierMessageId());
    if (marker.isPresent()) {
      finish(accountId, marker.get());
      return;
    }
    Instant now = clock.instant();
    Instant at = carrierTime != null ? carrierTime : now;
    // ids derived from the carrier's id: a retry after a crash writes the same items again
    String messageId = derivedId("inbound", accountId, sms.carrierMessageId());

    CustomerProfile profile = customer(accountId, sms.from(), sms.carrierMessageId(), at, now);
    Conversation conversation = activeConversation(accountId, profile, sms.carrierMessageId(), at, now);
    Optional<ComplianceKeyword> keyword = ComplianceKeyword.detect(sms.body(), ComplianceKeyword.Language.of(profile.language()));
    Account account = keyword.isPresent() ? accounts.get(accountId) : null;
    Optional<KeywordReply> reply = keyword.map(k -> KeywordReply.decide(k, profile.subscribed(),
        profile.subscriptionChangedAt(), Keys.time(at), account == null ? null : account.name(),
        account == null ? null : account.helpText()));

    for (int attempt = 1; ; attempt++) {
      Received received = new Received(accountId, sms, messageId, profile, conversation, keyword, reply, at, now);
      try {
        table.transact(received.writes());
      } catch (TransactionCancelled cancelled) {
        if (cancelled.conditionFailedAt(MARKER)) {
          // another delivery stored it meanwhile
          finish(accountId, inbound.marker(accountId, sms.carrierMessageId()).orElseThrow(() -> new IllegalStateException(
              "inbound SMS " + sms.carrierMessageId() + ": the marker's condition failed but it is not there")));
          return;
        }
        // the conversation changed since it was read (another message, a close), or another
        // transaction held one of the items: read the conversation again and retry
        if (!cancelled.conditionFailedAt(CONVERSATION) && !cancelled.reasons().contains(TransactionCancelled.CONFLICT)) {
          throw cancelled;
        }
        if (attempt == ATTEMPTS) {
          throw new IllegalStateException("conversation " + conversation.conversationId() + " kept changing; retrying later");
        }
        conversation = conversations.find(accountId, conversation.conversationId()).orElseThrow(() ->
            new IllegalStateException("conversation " + received.conversationId() + " is missing"));
        continue;
      }
      LOG.info("inbound SMS {} from {} stored as {} in conversation {} ({})", sms.carrierMessageId(),
          PhoneNumbers.masked(sms.from()), messageId, conversation.conversationId(), received.eventType());
      send(accountId, received.marker());
      return;
    }
  }

  /**
   * What one inbound SMS writes, in one transaction (its order is what a cancellation's reasons
   * are read by): the marker, the timeline message, the conversation's update, a reopening, and
   * for a keyword its reply, its compliance entry and the profile's subscription.
   */
  private final class Received {
    private final String accountId;
    private final InboundSms sms;
    private final String messageId;
    private final CustomerProfile profile;
    private final Conversation conversation;
    private final Optional<ComplianceKeyword> keyword;
    private final Optional<KeywordReply> reply;
    private final String at;
    private final String now;
    private final Instant nowInstant;
    private final Instant atInstant;
    private final boolean reopen;
    private final String replyId;
    private final String replySk;
    private final String complianceSk;
    private final String replyCommand;

    Received(String accountId, InboundSms sms, String messageId, CustomerProfile profile, Conversation conversation,
        Optional<ComplianceKeyword> keyword, Optional<KeywordReply> reply, Instant at, Instant now) {
      this.accountId = accountId;
      this.sms = sms;
      this.messageId = messageId;
      this.profile = profile;
      this.conversation = conversation;
      this.keyword = keyword;
      this.reply = reply;
      this.at = Keys.time(at);
      this.now = Keys.time(now);
      this.atInstant = at;
      this.nowInstant = now;
      this.reopen = conversation.closed();
      // the automatic reply to a keyword: its timeline entry (just after the compliance entry) and the command that texts it
      this.replyId = derivedId("keyword-reply", accountId, sms.carrierMessageId());
      this.replySk = Keys.timelineSk(Keys.time(at.plusMillis(2)), replyId);
      this.complianceSk = Keys.timelineSk(Keys.time(at.plusMillis(1)), messageId + "-compliance");
      this.replyCommand = reply.filter(KeywordReply::sent)
          .map(r -> new SendSmsCommand(accountId, conversationId(), replySk, replyId).json()).orElse(null);
    }

    String conversationId() {
      return conversation.conversationId();
    }

    String eventType() {
      return sms.carrierMessageId().equals(conversation.openedByCarrierMessageId())
          ? "conversation.created" : reopen ? "conversation.reopened" : "message.received";
    }

    /** The event of docs/events.md, as JSON. */
    String eventJson() {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("eventId", messageId);
      event.put("type", eventType());
      event.put("accountId", accountId);
      event.put("conversationId", conversationId());
      event.put("customerId", profile.customerId());
      event.put("messageId", messageId);
      event.put("at", at);
      keyword.ifPresent(k -> event.put("compliance", Map.of("action", SubscriptionRule.complianceEvent(k.type()),
          "keyword", k.keyword(), "language", k.languageCode())));
      return Json.write(event);
    }

    /** The dedupe marker (also the searchable copy of the message: SearchDocuments indexes it). */
    InboundSmsMarker marker() {
      return new InboundSmsMarker(sms.carrierMessageId(), sms.from(), sms.to(), sms.body(), now, conversationId(),
          profile.customerId(), messageId, eventType(), eventJson(), replyCommand, null);
    }

    List<Write> writes() {
      String conversationId = conversationId();
      List<Write> writes = new ArrayList<>();
      writes.add(inbound.markerWrite(accountId, marker()));
      // the timeline message, in the order sent (the carrier's time when known)
      writes.add(conversations.appendWrite(accountId, conversationId, Message.inbound(messageId, at, conversationId,
          profile.customerId(), sms.body(), sms.from(), sms.to(), sms.carrierMessageId(),
          keyword.map(ComplianceKeyword::keyword).orElse(null), now)));
      // the conversation: reopened if closed; activity forward only; a keyword needs no answer from
      // the staff (its reply is automatic), and its reply counts as a message too
      writes.add(conversations.messageActivityWrite(accountId, conversation, MessageActivity.inbound(messageId, at,
          CustomerMessages.preview(sms.body()), reopen ? now : null, keyword.isEmpty(), replyCommand != null ? 2 : 1)));
      if (reopen) {
        // just before the message in the timeline
        writes.add(conversations.appendWrite(accountId, conversationId, new ConversationEvent(messageId + "-reopened",
            Keys.time(atInstant.minusMillis(1)), ConversationEvent.REOPENED, null, ConversationEvent.BY_CUSTOMER, null, now,
            null, null, null, null, null, null, messageId)));
      }
      keyword.ifPresent(k -> compliance(writes, k, reply.orElseThrow()));
      return writes;
    }

    /** A keyword: its reply (PENDING until SmsSender says SENT or FAILED) or why none, its entry, the subscription. */
    private void compliance(List<Write> writes, ComplianceKeyword k, KeywordReply decided) {
      String conversationId = conversationId();
      if (decided.sent()) {
        writes.add(conversations.appendWrite(accountId, conversationId, decided.message(replyId,
            Keys.time(atInstant.plusMillis(2)), conversationId, profile.customerId(), messageId, complianceSk, nowInstant)));
      }
      writes.add(conversations.appendWrite(accountId, conversationId, new ComplianceEvent(messageId + "-compliance",
          Keys.time(atInstant.plusMillis(1)), SubscriptionRule.complianceEvent(k.type()), k.keyword(), k.languageCode(),
          messageId, profile.customerId(), at, decided.sent() ? ComplianceEvent.PENDING : ComplianceEvent.NONE,
          decided.sent() ? replyId : null, decided.notSentReason(), null, null)));
      SubscriptionRule.change(k.type(), profile.subscribed(), profile.subscriptionChangedAt(), at).ifPresent(change ->
          writes.add(change == SubscriptionRule.Change.UNSUBSCRIBE
              ? customers.unsubscribeWrite(accountId, profile.customerId(), at)
              : customers.resubscribeWrite(accountId, profile.customerId(), at)));
    }
  }

  // ------------------------------------------------------------------ the customer

  private CustomerProfile customer(String accountId, String from, String carrierId, Instant at, Instant now) {
    Optional<PhoneGuard> guard = customers.phoneGuard(accountId, from);
    if (guard.isPresent()) {
      return profile(accountId, guard.get().customerId());
    }
    String customerId = "cust-" + UUID.randomUUID();
    Conversation first = opened(customerId, carrierId, at, now);
    // no name yet: unnamed customers sort first in the name list, by id
    CustomerProfile created = CustomerProfile.fromFirstText(customerId, from, Keys.time(now), "inbound-sms",
        first.conversationId());
    try {
      table.transact(customers.phoneGuardWrite(accountId, new PhoneGuard(from, customerId)),
          customers.createWrite(accountId, created), conversations.createWrite(accountId, first));
    } catch (TransactionCancelled lost) {
      // another message from the same number created the profile first: use that one
      PhoneGuard winner = customers.phoneGuard(accountId, from).orElseThrow(() -> lost);
      LOG.info("customer of {} created concurrently; using it", PhoneNumbers.masked(from));
      return profile(accountId, winner.customerId());
    }
    LOG.info("new customer {} for {}, conversation {}", customerId, PhoneNumbers.masked(from), first.conversationId());
    return created;
  }

  private CustomerProfile profile(String accountId, String customerId) {
    return customers.find(accountId, customerId).orElseThrow(() -> new IllegalStateException("profile " + customerId + " is missing"));
  }

  // ------------------------------------------------------------------ the conversation

  private Conversation activeConversation(String accountId, CustomerProfile profile, String carrierId, Instant at, Instant now) {
    if (profile.activeConversationId() != null) {
      return conversations.find(accountId, profile.activeConversationId()).orElseThrow(() ->
          new IllegalStateException("conversation " + profile.activeConversationId() + " is missing"));
    }
    Conversation opened = opened(profile.customerId(), carrierId, at, now);
    try {
      table.transact(conversations.createWrite(accountId, opened),
          customers.activeConversationWrite(accountId, profile.customerId(), opened.conversationId()));
      LOG.info("conversation {} opened for customer {}", opened.conversationId(), profile.customerId());
      return opened;
    } catch (TransactionCancelled lost) {
      CustomerProfile again = profile(accountId, profile.customerId());
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
    if (marker.replyCommand() != null) {
      sendSms.send(SendSmsCommand.parse(marker.replyCommand()));
    }
    inbound.eventSent(accountId, marker.carrierMessageId(), clock.instant());
    LOG.info("inbound SMS {}: event {} {} sent", marker.carrierMessageId(), marker.eventType(), marker.messageId());
  }

  /** A name-based id: the same carrier message always gives the same id. */
  private static String derivedId(String kind, String accountId, String carrierMessageId) {
    return "msg-" + UUID.nameUUIDFromBytes((kind + "|" + accountId + "|" + carrierMessageId).getBytes(StandardCharsets.UTF_8));
  }
}
