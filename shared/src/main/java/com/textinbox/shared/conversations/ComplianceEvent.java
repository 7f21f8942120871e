package com.textinbox.shared.conversations;

/**
 * A compliance keyword's effect, just after the keyword's message (C9): {@code unsubscribed}
 * (STOP), {@code resubscribed} (START), {@code help-requested} (HELP), and what became of its
 * automatic reply: {@code reply} {@code PENDING} -> {@code SENT} / {@code FAILED}, or {@code NONE}
 * with {@code replyNotSentReason}.
 */
public record ComplianceEvent(
    String id, String at, String event, String keyword,
    String language, String messageId, String customerId,
    String recordedAt, String reply, String replyMessageId, String replyNotSentReason,
    String replyAt,
    String replyFailureReason) implements TimelineEntry {

  public static final String PENDING = "PENDING";
  public static final String NONE = "NONE";
}
