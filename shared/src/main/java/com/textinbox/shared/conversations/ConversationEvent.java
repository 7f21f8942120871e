package com.textinbox.shared.conversations;

import com.textinbox.shared.assignment.Assignee;

/**
 * Something that happened to the conversation: {@code assigned} / {@code unassigned} (C4),
 * {@code closed}, {@code reopened} (by a user, or {@code by=customer} when a text reopened it),
 * {@code unsubscribed} (P6: by a user).
 *
 * @param at its place in the timeline (a reopening sorts 1 ms before the message that caused it)
 * @param recordedAt when it was written (the item's {@code at})
 * @param assignee the new assignee with its name at the time; {@code previousAssignee} likewise
 * @param by a user id, {@code system} or {@code customer}
 * @param reason why an assignment chose whom it chose ({@code previous-assignee}, {@code default-assignee},
 *     {@code away-delegate}, {@code bulk}); {@code awayRule} the away rule applied
 * @param messageId the message that reopened it
 * @param autoCloseDays closed by auto-close (C6, {@code by=auto-close}): the company's days setting that closed it
 */
public record ConversationEvent(
    String id, String at, String event,
    String conversationId, String by,
    String byName, String recordedAt, Assignee assignee,
    Assignee previousAssignee, String reason, String awayRule, String noteId,
    String jobId,
    String messageId, Integer autoCloseDays) implements TimelineEntry {

  /** Any event but an automatic close. */
  public ConversationEvent(String id, String at, String event, String conversationId, String by, String byName,
      String recordedAt, Assignee assignee, Assignee previousAssignee, String reason, String awayRule, String noteId,
      String jobId, String messageId) {
    this(id, at, event, conversationId, by, byName, recordedAt, assignee, previousAssignee, reason, awayRule, noteId, jobId,
        messageId, null);
  }

  public static final String ASSIGNED = "assigned", UNASSIGNED = "unassigned", CLOSED = "closed";
  public static final String REOPENED = "reopened", BY_CUSTOMER = "customer";
  /** P6: a user unsubscribed the customer ({@code by} the user); only the customer's START resubscribes. */
  public static final String UNSUBSCRIBED = "unsubscribed";

  /** A close or reopen by a user. */
  public static ConversationEvent statusChange(String id, String at, String event, String by) {
    return new ConversationEvent(id, at, event, null, by, null, at, null, null, null, null, null, null, null);
  }
}
