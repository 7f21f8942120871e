package com.textinbox.shared.conversations.store;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.conversations.AppointmentEvent;
import com.textinbox.shared.conversations.ComplianceEvent;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.Note;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The timeline entries of a conversation ({@code A#<acct>#CONV#<id>} / {@code T#<at>#<id>}): the one
 * place their attribute names are spelled. An outbound message while QUEUED carries GSI4
 * {@code DUE#QUEUED_SMS} / {@code sweepDue} (the QueuedSmsSweep's list).
 */
public final class TimelineMapper {
  static final String MESSAGE = "Message", NOTE = "Note", CONVERSATION_EVENT = "ConversationEvent";
  static final String COMPLIANCE_EVENT = "ComplianceEvent";
  static final String APPOINTMENT_EVENT = "AppointmentEvent";
  static final String APPOINTMENT_ID = "appointmentId", STARTS_AT = "startsAt";

  // messages
  static final String MESSAGE_ID = "messageId", CONVERSATION_ID = "conversationId", CUSTOMER_ID = "customerId";
  static final String DIRECTION = "direction", STATUS = "status";
  static final String BODY = "body", SMS_TEXT = "smsText", SEGMENTS = "segments", ENCODING = "encoding";
  static final String FROM = "from", TO = "to", CARRIER_MESSAGE_ID = "carrierMessageId";
  static final String SOURCE_TYPE = "sourceType", SOURCE_ID = "sourceId";
  static final String SENDER_USER_ID = "senderUserId", SENDER_NAME = "senderName", STOP_NOTICE = "stopNotice";
  static final String KEYWORD = "keyword";
  static final String COMPLIANCE_REPLY = "complianceReply", COMPLIANCE_EVENT_SK = "complianceEventSk", IN_REPLY_TO = "inReplyTo";
  static final String CREATED_AT = "createdAt", RECEIVED_AT = "receivedAt", SENT_AT = "sentAt", DELIVERED_AT = "deliveredAt";
  static final String FAILED_AT = "failedAt", FAILURE_REASON = "failureReason", FAILURE_DESCRIPTION = "failureDescription";
  static final String RECEIPT_AT = "receiptAt", CARRIER_EVENT_TYPE = "carrierEventType", CARRIER_STATUS = "carrierStatus";
  static final String CARRIER_STATUS_DESCRIPTION = "carrierStatusDescription";
  static final String SEND_LEASE_UNTIL = "sendLeaseUntil", SEND_ATTEMPTS = "sendAttempts";
  static final String REQUEUED_AT = "requeuedAt", REQUEUE_COUNT = "requeueCount";
  /** Demo data written before C7: {@code source = "app"} and {@code sentBy}, read as a user source. */
  static final String LEGACY_SOURCE = "source", LEGACY_SENT_BY = "sentBy";

  // notes
  static final String NOTE_ID = "noteId", TEXT = "text", AUTHOR_ID = "authorId", AUTHOR_NAME = "authorName", MENTIONS = "mentions";

  // events (and the compliance entry)
  static final String EVENT = "event", AT = "at";
  /** C14: a merge's two profiles. */
  static final String MERGED_CUSTOMER_ID = "mergedCustomerId", SURVIVOR_CUSTOMER_ID = "survivorCustomerId";
  static final String BY = "by", BY_NAME = "byName", REASON = "reason", AWAY_RULE = "awayRule", JOB_ID = "jobId";
  /** C6: the days setting an automatic close applied. */
  static final String AUTO_CLOSE_DAYS = "autoCloseDays";
  static final String ASSIGNEE_KIND = "assigneeKind", ASSIGNEE_ID = "assigneeId", ASSIGNEE_NAME = "assigneeName";
  static final String PREVIOUS_ASSIGNEE_KIND = "previousAssigneeKind", PREVIOUS_ASSIGNEE_ID = "previousAssigneeId";
  static final String PREVIOUS_ASSIGNEE_NAME = "previousAssigneeName";
  static final String LANGUAGE = "language";
  static final String REPLY = "reply", REPLY_MESSAGE_ID = "replyMessageId", REPLY_AT = "replyAt";
  static final String REPLY_NOT_SENT_REASON = "replyNotSentReason", REPLY_FAILURE_REASON = "replyFailureReason";

  private TimelineMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, String conversationId, TimelineEntry entry) {
    String pk = Keys.conversation(accountId, conversationId);
    return switch (entry) {
      case Message m -> message(pk, m);
      case Note n -> note(pk, n);
      case ConversationEvent e -> event(pk, e);
      case ComplianceEvent c -> compliance(pk, c);
      case AppointmentEvent a -> ItemBuilder.item(pk, a.sk(), APPOINTMENT_EVENT)
          .str(EVENT, a.event()).str(APPOINTMENT_ID, a.appointmentId()).str(STARTS_AT, a.startsAt())
          .str(MESSAGE_ID, a.messageId()).str(AT, a.recordedAt())
          .build();
    };
  }

  /** The entry of a timeline item; null for an item of another type. */
  public static TimelineEntry fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    TimelineEntry.Position at = TimelineEntry.Position.of(r.sk());
    String type = r.type();
    if (MESSAGE.equals(type)) {
      return message(r, at);
    } else if (NOTE.equals(type)) {
      return new Note(at.id(), at.at(), r.str(CONVERSATION_ID), r.str(TEXT), r.str(AUTHOR_ID), r.str(AUTHOR_NAME),
          r.strList(MENTIONS), r.str(CREATED_AT));
    } else if (CONVERSATION_EVENT.equals(type)) {
      return new ConversationEvent(at.id(), at.at(), r.str(EVENT), r.str(CONVERSATION_ID), r.str(BY), r.str(BY_NAME),
          r.str(AT), assignee(r, ASSIGNEE_KIND, ASSIGNEE_ID, ASSIGNEE_NAME),
          assignee(r, PREVIOUS_ASSIGNEE_KIND, PREVIOUS_ASSIGNEE_ID, PREVIOUS_ASSIGNEE_NAME), r.str(REASON),
          r.str(AWAY_RULE), r.str(NOTE_ID), r.str(JOB_ID), r.str(MESSAGE_ID), integer(r, AUTO_CLOSE_DAYS),
          r.str(MERGED_CUSTOMER_ID), r.str(SURVIVOR_CUSTOMER_ID));
    } else if (COMPLIANCE_EVENT.equals(type)) {
      return new ComplianceEvent(at.id(), at.at(), r.str(EVENT), r.str(KEYWORD), r.str(LANGUAGE), r.str(MESSAGE_ID),
          r.str(CUSTOMER_ID), r.str(AT), r.str(REPLY), r.str(REPLY_MESSAGE_ID), r.str(REPLY_NOT_SENT_REASON),
          r.str(REPLY_AT), r.str(REPLY_FAILURE_REASON));
    } else if (APPOINTMENT_EVENT.equals(type)) {
      return new AppointmentEvent(at.id(), at.at(), r.str(EVENT), r.str(APPOINTMENT_ID), r.str(STARTS_AT),
          r.str(MESSAGE_ID), r.str(AT));
    }
    return null;
  }

  /** A message item read (null for another type). */
  public static Message messageOf(Map<String, AttributeValue> item) {
    return fromItem(item) instanceof Message m ? m : null;
  }

  private static Map<String, AttributeValue> message(String pk, Message m) {
    Message.Source source = m.source() == null ? new Message.Source(null, null) : m.source();
    ItemBuilder item = ItemBuilder.item(pk, m.sk(), MESSAGE)
        .str(MESSAGE_ID, m.id()).str(CONVERSATION_ID, m.conversationId()).str(CUSTOMER_ID, m.customerId())
        .str(DIRECTION, m.direction()).str(STATUS, m.status())
        .str(BODY, m.body()).str(SMS_TEXT, m.smsText()).num(SEGMENTS, m.segments()).str(ENCODING, m.encoding())
        .str(FROM, m.from()).str(TO, m.to()).str(CARRIER_MESSAGE_ID, m.carrierMessageId())
        .str(SOURCE_TYPE, source.type()).str(SOURCE_ID, source.id())
        .str(SENDER_USER_ID, m.senderUserId()).str(SENDER_NAME, m.senderName()).bool(STOP_NOTICE, m.stopNotice() ? true : null)
        .str(KEYWORD, m.keyword())
        .str(COMPLIANCE_REPLY, m.complianceReply()).str(COMPLIANCE_EVENT_SK, m.complianceEventSk()).str(IN_REPLY_TO, m.inReplyTo())
        .str(CREATED_AT, m.createdAt()).str(RECEIVED_AT, m.receivedAt()).str(SENT_AT, m.sentAt()).str(DELIVERED_AT, m.deliveredAt())
        .str(FAILED_AT, m.failedAt()).str(FAILURE_REASON, m.failureReason()).str(FAILURE_DESCRIPTION, m.failureDescription())
        .str(RECEIPT_AT, m.receiptAt()).str(CARRIER_EVENT_TYPE, m.carrierEventType()).str(CARRIER_STATUS, m.carrierStatus())
        .str(CARRIER_STATUS_DESCRIPTION, m.carrierStatusDescription())
        .str(SEND_LEASE_UNTIL, m.sendLeaseUntil()).num(SEND_ATTEMPTS, m.sendAttempts())
        .str(REQUEUED_AT, m.requeuedAt()).num(REQUEUE_COUNT, m.requeueCount());
    return item.index(Table.GSI4PK, m.sweepDue() == null ? null : Keys.QUEUED_SMS, Table.GSI4SK, m.sweepDue()).build();
  }

  private static Message message(ItemReader r, TimelineEntry.Position at) {
    Message.Source source = null;
    String senderUserId = r.str(SENDER_USER_ID);
    if (r.str(SOURCE_TYPE) != null) {
      source = new Message.Source(r.str(SOURCE_TYPE), r.str(SOURCE_ID));
    } else if ("app".equals(r.str(LEGACY_SOURCE))) {
      source = new Message.Source(Message.Source.USER, r.str(LEGACY_SENT_BY));
      senderUserId = senderUserId != null ? senderUserId : r.str(LEGACY_SENT_BY);
    }
    String gsi4 = Keys.QUEUED_SMS.equals(r.str(Table.GSI4PK)) ? r.str(Table.GSI4SK) : null;
    return new Message(r.str(MESSAGE_ID, at.id()), at.at(), r.str(CONVERSATION_ID), r.str(CUSTOMER_ID), r.str(DIRECTION),
        r.str(STATUS), r.str(BODY), r.str(SMS_TEXT), r.str(FROM), r.str(TO), r.str(CARRIER_MESSAGE_ID), source,
        senderUserId, r.str(SENDER_NAME), r.bool(STOP_NOTICE), integer(r, SEGMENTS), r.str(ENCODING), r.str(KEYWORD),
        r.str(COMPLIANCE_REPLY), r.str(COMPLIANCE_EVENT_SK), r.str(IN_REPLY_TO), r.str(CREATED_AT), r.str(RECEIVED_AT),
        r.str(SENT_AT), r.str(DELIVERED_AT), r.str(FAILED_AT), r.str(FAILURE_REASON), r.str(FAILURE_DESCRIPTION),
        r.str(RECEIPT_AT), r.str(CARRIER_STATUS), r.str(CARRIER_STATUS_DESCRIPTION), r.str(CARRIER_EVENT_TYPE),
        r.str(SEND_LEASE_UNTIL), integer(r, SEND_ATTEMPTS), r.str(REQUEUED_AT), integer(r, REQUEUE_COUNT), gsi4);
  }

  private static Map<String, AttributeValue> note(String pk, Note n) {
    return ItemBuilder.item(pk, n.sk(), NOTE)
        .str(NOTE_ID, n.id()).str(CONVERSATION_ID, n.conversationId()).str(TEXT, n.text())
        .str(AUTHOR_ID, n.authorId()).str(AUTHOR_NAME, n.authorName()).strList(MENTIONS, n.mentions())
        .str(CREATED_AT, n.createdAt())
        .build();
  }

  private static Map<String, AttributeValue> event(String pk, ConversationEvent e) {
    ItemBuilder item = ItemBuilder.item(pk, e.sk(), CONVERSATION_EVENT)
        .str(EVENT, e.event())
        .str(CONVERSATION_ID, e.conversationId());
    assignee(item, e.assignee(), ASSIGNEE_KIND, ASSIGNEE_ID, ASSIGNEE_NAME);
    assignee(item, e.previousAssignee(), PREVIOUS_ASSIGNEE_KIND, PREVIOUS_ASSIGNEE_ID, PREVIOUS_ASSIGNEE_NAME);
    return item.str(BY, e.by())
        .str(BY_NAME, e.byName()).str(REASON, e.reason())
        .str(AWAY_RULE, e.awayRule()).str(NOTE_ID, e.noteId()).str(JOB_ID, e.jobId())
        .str(MESSAGE_ID, e.messageId()).str(AT, e.recordedAt())
        .num(AUTO_CLOSE_DAYS, e.autoCloseDays())
        .str(MERGED_CUSTOMER_ID, e.mergedCustomerId()).str(SURVIVOR_CUSTOMER_ID, e.survivorCustomerId())
        .build();
  }

  private static Map<String, AttributeValue> compliance(String pk, ComplianceEvent c) {
    return ItemBuilder.item(pk, c.sk(), COMPLIANCE_EVENT)
        .str(EVENT, c.event()).str(AT, c.recordedAt())
        .str(KEYWORD, c.keyword()).str(LANGUAGE, c.language()).str(MESSAGE_ID, c.messageId()).str(CUSTOMER_ID, c.customerId())
        .str(REPLY, c.reply()).str(REPLY_MESSAGE_ID, c.replyMessageId()).str(REPLY_AT, c.replyAt())
        .str(REPLY_NOT_SENT_REASON, c.replyNotSentReason()).str(REPLY_FAILURE_REASON, c.replyFailureReason())
        .build();
  }

  private static void assignee(ItemBuilder item, Assignee assignee, String kind, String id, String name) {
    if (assignee != null) {
      item.str(kind, assignee.kind()).str(id, assignee.id()).str(name, assignee.name());
    }
  }

  private static Assignee assignee(ItemReader r, String kind, String id, String name) {
    return r.str(kind) == null || r.str(id) == null ? null : new Assignee(r.str(kind), r.str(id), r.str(name));
  }

  private static Integer integer(ItemReader r, String name) {
    Long value = r.num(name);
    return value == null ? null : value.intValue();
  }
}
