package com.textinbox.shared.conversations;

import com.textinbox.shared.assignment.Assignee;

/**
 * Something that happened to the conversation: {@code assigned} / {@code unassigned} (C4),
 * {@code closed}, {@code reopened} (by a user, or {@code by=customer} when a text reopened it),
 * {@code unsubscribed} (P6: by a user), {@code merged} (C14: {@code by} the DMS's API key; the
 * profile {@code mergedCustomerId} was merged into {@code survivorCustomerId}, in both profiles'
 * conversations).
 *
 * @param at its place in the timeline (a reopening sorts 1 ms before the message that caused it)
 * @param recordedAt when it was written (the item's {@code at})
 * @param assignee the new assignee with its name at the time; {@code previousAssignee} likewise
 * @param by a user id, {@code system} or {@code customer}
 * @param reason why an assignment chose whom it chose ({@code previous-assignee}, {@code default-assignee},
 *     {@code away-delegate}, {@code bulk}); {@code awayRule} the away rule applied
 * @param messageId the message that reopened it
 * @param autoCloseDays closed by auto-close (C6, {@code by=auto-close}): the company's days setting that closed it
 * @param mergedCustomerId {@code merged}: the profile merged in (gone); {@code survivorCustomerId} the one kept
 */
public record ConversationEvent(
    String id, String at, String event,
    String conversationId, String by,
    String byName, String recordedAt, Assignee assignee,
    Assignee previousAssignee, String reason, String awayRule, String noteId,
    String jobId,
    String messageId, Integer autoCloseDays, String mergedCustomerId, String survivorCustomerId) implements TimelineEntry {

  /** Any event but an automatic close or a merge. */
  public ConversationEvent(String id, String at, String event, String conversationId, String by, String byName,
      String recordedAt, Assignee assignee, Assignee previousAssignee, String reason, String awayRule, String noteId,
      String jobId, String messageId) {
    this(id, at, event, conversationId, by, byName, recordedAt, assignee, previousAssignee, reason, awayRule, noteId, jobId,
        messageId, null, null, null);
  }

  /** Any event but a merge (an automatic close: {@code autoCloseDays}). */
  public ConversationEvent(String id, String at, String event, String conversationId, String by, String byName,
      String recordedAt, Assignee assignee, Assignee previousAssignee, String reason, String awayRule, String noteId,
      String jobId, String messageId, Integer autoCloseDays) {
    this(id, at, event, conversationId, by, byName, recordedAt, assignee, previousAssignee, reason, awayRule, noteId, jobId,
        messageId, autoCloseDays, null, null);
  }

  public static final String ASSIGNED = "assigned", UNASSIGNED = "unassigned", CLOSED = "closed";
  public static final String REOPENED = "reopened", BY_CUSTOMER = "customer";
  /** P6: a user unsubscribed the customer ({@code by} the user); only the customer's START resubscribes. */
  public static final String UNSUBSCRIBED = "unsubscribed";
  /** C14: a profile merged into another. */
  public static final String MERGED = "merged";

  /** C14: {@code merged} into {@code survivor} by the API key {@code by}, recorded in conversation {@code conversationId}. */
  public static ConversationEvent merged(String id, String at, String conversationId, String by, String merged,
      String survivor) {
    return new ConversationEvent(id, at, MERGED, conversationId, by, null, at, null, null, null, null, null, null, null,
        null, merged, survivor);
  }

  /** A close or reopen by a user. */
  public static ConversationEvent statusChange(String id, String at, String event, String by) {
    return new ConversationEvent(id, at, event, null, by, null, at, null, null, null, null, null, null, null);
  }
}
