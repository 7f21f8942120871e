package com.textinbox.inbound;

import com.textinbox.shared.conversations.ComplianceEvent;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.MessageActivity;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.messaging.ComplianceKeyword;
import com.textinbox.shared.messaging.CustomerMessages;
import com.textinbox.shared.messaging.InboundSms;
import com.textinbox.shared.messaging.InboundSmsMarker;
import com.textinbox.shared.messaging.SendSmsCommand;
import com.textinbox.shared.messaging.SubscriptionRule;
import com.textinbox.shared.reports.MonthlyCounter;
import com.textinbox.shared.store.Write;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One inbound SMS filed in its customer's conversation (docs/data-model.md, "Inbound SMS"): what it
 * writes, in one transaction whose order is what a cancellation's reasons are read by (the marker
 * first, the conversation's update third), its event and a keyword's reply command.
 *
 * @param at the carrier's time (the message's place in the timeline); {@code now} when it is filed
 * @param countedIn the month (in the company's zone) whose {@code messagesReceived} it adds to
 */
record ReceivedSms(String accountId, InboundSms sms, String messageId, CustomerProfile profile, Conversation conversation,
    Optional<ComplianceKeyword> keyword, Optional<KeywordReply> reply, Instant at, Instant now, YearMonth countedIn,
    Optional<AppointmentReply> appointmentReply) {

  /** The transaction's item that fails when the message is stored already. */
  static final int MARKER = 0;
  /** The transaction's item that fails when the conversation changed since it was read. */
  static final int CONVERSATION = 2;

  /** A name-based id: the same carrier message always gives the same id (a retry writes the same items). */
  static String derivedId(String kind, String accountId, String carrierMessageId) {
    return "msg-" + UUID.nameUUIDFromBytes((kind + "|" + accountId + "|" + carrierMessageId).getBytes(StandardCharsets.UTF_8));
  }

  String conversationId() {
    return conversation.conversationId();
  }

  String eventType() {
    return sms.carrierMessageId().equals(conversation.openedByCarrierMessageId())
        ? "conversation.created" : conversation.closed() ? "conversation.reopened" : "message.received";
  }

  /** The conversation, as read, has no assignee and was never assigned, by a person or automatically. */
  private boolean neverAssigned() {
    return conversation.assignee() == null && conversation.assignedAt() == null && conversation.autoAssignedEventId() == null;
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
    event.put("at", Keys.time(at));
    keyword.ifPresent(k -> event.put("compliance", Map.of("action", SubscriptionRule.complianceEvent(k.type()),
        "keyword", k.keyword(), "language", k.languageCode())));
    if (eventType().equals("message.received") && neverAssigned()) {
      // its conversation.created may not be handled yet (order is not guaranteed): the assignment
      // step assigns it now rather than announce a message nobody is notified of (issue 16, chaos run)
      event.put("unassigned", true);
    }
    return Json.write(event);
  }

  /** The automatic reply's id (derived from the carrier's id: a retry writes the same item). */
  String replyId() {
    return derivedId("keyword-reply", accountId, sms.carrierMessageId());
  }

  /** Just after the compliance entry, which is just after the keyword. */
  String replyAt() {
    return Keys.time(at.plusMillis(2));
  }

  String complianceSk() {
    return Keys.timelineSk(Keys.time(at.plusMillis(1)), messageId + "-compliance");
  }

  /** The command that texts a keyword's reply; null when none is sent. */
  String replyCommand() {
    return reply.filter(KeywordReply::sent)
        .map(r -> new SendSmsCommand(accountId, conversationId(), Keys.timelineSk(replyAt(), replyId()), replyId()).json())
        .orElse(null);
  }

  /** The dedupe marker (also the searchable copy of the message: SearchDocuments indexes it). */
  InboundSmsMarker marker() {
    return new InboundSmsMarker(sms.carrierMessageId(), sms.from(), sms.to(), sms.body(), Keys.time(now), conversationId(),
        profile.customerId(), messageId, eventType(), eventJson(), replyCommand(), null,
        appointmentReply.map(r -> r.notificationJson(accountId, conversationId(), messageId, now)).orElse(null));
  }

  /**
   * The marker (put if absent: stored once), the timeline message, the conversation's update
   * (reopened if closed; activity forward only, optimistic on what was read), a reopening, and for
   * a keyword its reply, its compliance entry and the profile's subscription.
   */
  List<Write> writes(InboundStores stores) {
    String time = Keys.time(at);
    String received = Keys.time(now);
    boolean reopen = conversation.closed();
    List<Write> writes = new ArrayList<>();
    writes.add(stores.inbound().markerWrite(accountId, marker()));
    // the timeline message, in the order sent (the carrier's time when known)
    writes.add(stores.conversations().appendWrite(accountId, conversationId(), Message.inbound(messageId, time,
        conversationId(), profile.customerId(), sms.body(), sms.from(), sms.to(), sms.carrierMessageId(),
        keyword.map(ComplianceKeyword::keyword).orElse(null), received)));
    // a keyword needs no answer from the staff (its reply is automatic), and its reply counts as a message too
    writes.add(stores.conversations().messageActivityWrite(accountId, conversation, MessageActivity.inbound(messageId, time,
        CustomerMessages.preview(sms.body()), reopen ? received : null, keyword.isEmpty(), replyCommand() != null ? 2 : 1)));
    if (reopen) {
      // just before the message in the timeline
      writes.add(stores.conversations().appendWrite(accountId, conversationId(), new ConversationEvent(messageId + "-reopened",
          Keys.time(at.minusMillis(1)), ConversationEvent.REOPENED, null, ConversationEvent.BY_CUSTOMER, null, received,
          null, null, null, null, null, null, messageId)));
    }
    keyword.ifPresent(k -> compliance(stores, writes, k, reply.orElseThrow()));
    // AP2: a reply to a reminder (never with a keyword: STOP wins, the appointment untouched); last, after the indexes above
    appointmentReply.ifPresent(r -> writes.addAll(r.writes(stores, accountId, conversationId(), messageId, at, now)));
    // N4: counted in the transaction the marker guards, so a redelivery never counts it twice; the
    // month's item written once (one transaction writes an item once), with a reply's outcome (AP2)
    Map<MonthlyCounter, Long> counted = new EnumMap<>(MonthlyCounter.class);
    counted.put(MonthlyCounter.MESSAGES_RECEIVED, 1L);
    appointmentReply.flatMap(AppointmentReply::counted).ifPresent(c -> counted.put(c, 1L));
    writes.add(stores.counters().add(accountId, countedIn, counted));
    return writes;
  }

  /** A keyword: its reply (PENDING until SmsSender says SENT or FAILED) or why none, its entry, the subscription. */
  private void compliance(InboundStores stores, List<Write> writes, ComplianceKeyword k, KeywordReply decided) {
    String time = Keys.time(at);
    if (decided.sent()) {
      writes.add(stores.conversations().appendWrite(accountId, conversationId(), decided.message(replyId(), replyAt(),
          conversationId(), profile.customerId(), messageId, complianceSk(), now)));
    }
    writes.add(stores.conversations().appendWrite(accountId, conversationId(), new ComplianceEvent(messageId + "-compliance",
        Keys.time(at.plusMillis(1)), SubscriptionRule.complianceEvent(k.type()), k.keyword(), k.languageCode(), messageId,
        profile.customerId(), time, decided.sent() ? ComplianceEvent.PENDING : ComplianceEvent.NONE,
        decided.sent() ? replyId() : null, decided.notSentReason(), null, null)));
    // P6: the word's language becomes the profile's when it has none (one update of the profile: a
    // transaction writes an item once)
    String language = SubscriptionRule.languageFor(k, profile.language()).orElse(null);
    Optional<SubscriptionRule.Change> change = SubscriptionRule.change(k.type(), profile.subscribed(),
        profile.subscriptionChangedAt(), time);
    if (change.isPresent()) {
      writes.add(change.get() == SubscriptionRule.Change.UNSUBSCRIBE
          ? stores.customers().unsubscribeWrite(accountId, profile.customerId(), time, language)
          : stores.customers().resubscribeWrite(accountId, profile.customerId(), time, language));
    } else if (language != null) {
      writes.add(stores.customers().languageWrite(accountId, profile.customerId(), language));
    }
  }
}
