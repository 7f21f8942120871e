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
    puts(view,
        "messageId", m.id(), "conversationId", m.conversationId(), "customerId", m.customerId(),
        "direction", m.direction(), "status", m.status(),
        "body", m.body(), "smsText", m.smsText(), "from", m.from(),
        "to", m.to(), "carrierMessageId", m.carrierMessageId());
    if (m.source() != null) {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("type", m.source().type());
      put(source, "id", m.source().id());
      view.put("source", source);
    }
    puts(view, "senderUserId", m.senderUserId(), "senderName", m.senderName());
    if (m.stopNotice()) {
      view.put("stopNotice", true);
    }
    puts(view,
        "segments", m.segments(), "encoding", m.encoding(),
        "keyword", m.keyword(), "complianceReply", m.complianceReply(), "inReplyTo", m.inReplyTo(),
        "createdAt", m.createdAt(), "receivedAt", m.receivedAt(),
        "sentAt", m.sentAt(), "deliveredAt", m.deliveredAt(), "failedAt", m.failedAt(),
        "failureReason", m.failureReason(), "failureDescription", m.failureDescription(),
        "receiptAt", m.receiptAt(), "carrierStatus", m.carrierStatus(),
        "carrierStatusDescription", m.carrierStatusDescription(), "carrierEventType", m.carrierEventType());
  }

  private static void note(Map<String, Object> view, Note n) {
    puts(view,
        "noteId", n.id(), "conversationId", n.conversationId(), "text", n.text(),
        "authorId", n.authorId(), "authorName", n.authorName());
    view.put("mentions", n.mentions());
    put(view, "createdAt", n.createdAt());
  }

  private static void event(Map<String, Object> view, ConversationEvent e) {
    puts(view, "event", e.event(), "conversationId", e.conversationId());
    assignee(view, "assignee", e.assignee());
    assignee(view, "previousAssignee", e.previousAssignee());
    puts(view,
        "by", e.by(), "byName", e.byName(),
        "reason", e.reason(), "awayRule", e.awayRule(), "noteId", e.noteId(),
        "jobId", e.jobId(), "messageId", e.messageId(),
        "mergedCustomerId", e.mergedCustomerId(), "survivorCustomerId", e.survivorCustomerId(),
        "recordedAt", e.recordedAt(), "autoCloseDays", e.autoCloseDays());
  }

  private static void compliance(Map<String, Object> view, ComplianceEvent c) {
    puts(view,
        "event", c.event(), "keyword", c.keyword(),
        "language", c.language(), "messageId", c.messageId(), "customerId", c.customerId(),
        "reply", c.reply(), "replyMessageId", c.replyMessageId(),
        "replyNotSentReason", c.replyNotSentReason(), "replyAt", c.replyAt(),
        "replyFailureReason", c.replyFailureReason(), "recordedAt", c.recordedAt());
  }

  /** {@code <prefix>Kind} (USER / TEAM, as stored), {@code <prefix>Id}, {@code <prefix>Name}: the timeline keeps the name at the time. */
  private static void assignee(Map<String, Object> view, String prefix, Assignee assignee) {
    if (assignee != null) {
      view.put(prefix + "Kind", assignee.kind());
      view.put(prefix + "Id", assignee.id());
      put(view, prefix + "Name", assignee.name());
    }
  }

  /** {@code name, value} pairs: those with a value. */
  private static void puts(Map<String, Object> view, Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      put(view, (String) pairs[i], pairs[i + 1]);
    }
  }

  private static void put(Map<String, Object> view, String name, Object value) {
    if (value != null) {
      view.put(name, value);
    }
  }
}
