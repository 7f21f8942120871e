package com.textinbox.shared.conversations;

import com.textinbox.shared.assignment.Assignee;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one API shape of a timeline entry (docs/openapi.yaml): {@code type} (Message, Note,
 * ConversationEvent, ComplianceEvent), {@code id}, {@code at} (its place in the timeline), then
 * the entry's fields; a message's sender is {@code source {type, id}}. Fields the entry does not
 * have are left out. The store's bookkeeping (send lease, attempts, the sweep's list) is not shown.
 */
public final class TimelineEntryView {
  private TimelineEntryView() {}

  public static Map<String, Object> of(TimelineEntry entry) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("type", switch (entry) {
      case Message m -> "Message";
      case Note n -> "Note";
      case ConversationEvent e -> "ConversationEvent";
      case ComplianceEvent c -> "ComplianceEvent";
    });
    view.put("id", entry.id());
    view.put("at", entry.at());
    switch (entry) {
      case Message m -> message(view, m);
      case Note n -> note(view, n);
      case ConversationEvent e -> event(view, e);
      case ComplianceEvent c -> compliance(view, c);
    }
    return view;
  }

  /** An outbound message as POST .../messages answers it: the same shape. */
  public static Map<String, Object> message(Message m) {
    return of(m);
  }

  private static void message(Map<String, Object> view, Message m) {
    put(view, "messageId", m.id());
    put(view, "conversationId", m.conversationId());
    put(view, "customerId", m.customerId());
    put(view, "direction", m.direction());
    put(view, "status", m.status());
    put(view, "body", m.body());
    put(view, "smsText", m.smsText());
    put(view, "from", m.from());
    put(view, "to", m.to());
    put(view, "carrierMessageId", m.carrierMessageId());
    if (m.source() != null) {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("type", m.source().type());
      put(source, "id", m.source().id());
      view.put("source", source);
    }
    put(view, "senderUserId", m.senderUserId());
    put(view, "senderName", m.senderName());
    if (m.stopNotice()) {
      view.put("stopNotice", true);
    }
    put(view, "segments", m.segments());
    put(view, "encoding", m.encoding());
    put(view, "keyword", m.keyword());
    put(view, "complianceReply", m.complianceReply());
    put(view, "inReplyTo", m.inReplyTo());
    put(view, "createdAt", m.createdAt());
    put(view, "receivedAt", m.receivedAt());
    put(view, "sentAt", m.sentAt());
    put(view, "deliveredAt", m.deliveredAt());
    put(view, "failedAt", m.failedAt());
    put(view, "failureReason", m.failureReason());
    put(view, "failureDescription", m.failureDescription());
    put(view, "receiptAt", m.receiptAt());
    put(view, "carrierStatus", m.carrierStatus());
    put(view, "carrierStatusDescription", m.carrierStatusDescription());
    put(view, "carrierEventType", m.carrierEventType());
  }

  private static void note(Map<String, Object> view, Note n) {
    put(view, "noteId", n.id());
    put(view, "conversationId", n.conversationId());
    put(view, "text", n.text());
    put(view, "authorId", n.authorId());
    put(view, "authorName", n.authorName());
    view.put("mentions", n.mentions());
    put(view, "createdAt", n.createdAt());
  }

  private static void event(Map<String, Object> view, ConversationEvent e) {
    put(view, "event", e.event());
    put(view, "conversationId", e.conversationId());
    assignee(view, "assignee", e.assignee());
    assignee(view, "previousAssignee", e.previousAssignee());
    put(view, "by", e.by());
    put(view, "byName", e.byName());
    put(view, "reason", e.reason());
    put(view, "awayRule", e.awayRule());
    put(view, "noteId", e.noteId());
    put(view, "jobId", e.jobId());
    put(view, "messageId", e.messageId());
    put(view, "recordedAt", e.recordedAt());
  }

  private static void compliance(Map<String, Object> view, ComplianceEvent c) {
    put(view, "event", c.event());
    put(view, "keyword", c.keyword());
    put(view, "language", c.language());
    put(view, "messageId", c.messageId());
    put(view, "customerId", c.customerId());
    put(view, "reply", c.reply());
    put(view, "replyMessageId", c.replyMessageId());
    put(view, "replyNotSentReason", c.replyNotSentReason());
    put(view, "replyAt", c.replyAt());
    put(view, "replyFailureReason", c.replyFailureReason());
    put(view, "recordedAt", c.recordedAt());
  }

  /** {@code <prefix>Kind} (USER / TEAM, as stored), {@code <prefix>Id}, {@code <prefix>Name}: the timeline keeps the name at the time. */
  private static void assignee(Map<String, Object> view, String prefix, Assignee assignee) {
    if (assignee != null) {
      view.put(prefix + "Kind", assignee.kind());
      view.put(prefix + "Id", assignee.id());
      put(view, prefix + "Name", assignee.name());
    }
  }

  private static void put(Map<String, Object> view, String name, Object value) {
    if (value != null) {
      view.put(name, value);
    }
  }
}
