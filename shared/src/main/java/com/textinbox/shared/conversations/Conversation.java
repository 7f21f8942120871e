package com.textinbox.shared.conversations;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.data.Keys;

/**
 * A conversation with one customer (docs/data-model.md, "Conversation"). Times are ISO-8601 UTC
 * text as {@code Keys.time} writes them: the optimistic conditions compare them as stored.
 *
 * @param assignee the user or team it is assigned to (no name: the item does not keep it), or null
 * @param assignmentId the last assignment ({@code asg-<uuid>}, a bulk job's id, {@code asg-auto-<eventId>})
 * @param autoAssignedEventId the conversation event an automatic assignment answered (a redelivery assigns nothing again)
 * @param awayReplyUserId A5: who last texted the customer while away, and {@code awayReplyAt} when
 * @param unansweredSince the first customer message not answered yet (null once answered)
 * @param version how many times the item was updated (every update adds 1; 0: never updated since
 *     created, or last updated before the counter existed): the writes conditional on the
 *     conversation as read check it, so any write meanwhile fails them (docs/decisions.md 49)
 */
public record Conversation(
    String conversationId, String customerId, String status, String createdAt,
    String openedBy, String openedByCarrierMessageId,
    String lastActivityAt, String lastMessageId, String lastMessagePreview, String lastMessageDirection,
    String lastInboundAt, String lastOutboundAt, long messageCount,
    String unansweredSince, Assignee assignee, String assignedAt, String assignedBy,
    String assignmentId, String autoAssignedEventId, String awayReplyUserId,
    String awayReplyAt, String closedAt, String closedBy, String reopenedAt,
    String reopenedBy, long version) {

  public static final String OPEN = "OPEN";
  public static final String CLOSED = "CLOSED";
  /**
   * C14: the active conversation of a profile merged into another, kept under the survivor:
   * read-only (no message, assignment, note, close or reopen), off every inbox list.
   */
  public static final String ARCHIVED = "ARCHIVED";

  /**
   * A conversation just opened, open and unassigned, active at {@code activityAt}: by a customer's
   * first text ({@code openedByCarrierMessageId}) or by a user ({@code openedBy}).
   */
  public static Conversation opened(String conversationId, String customerId, String createdAt, String activityAt,
      String openedBy, String openedByCarrierMessageId) {
    return new Conversation(conversationId, customerId, OPEN, createdAt, openedBy, openedByCarrierMessageId, activityAt,
        null, null, null, null, null, 0, null, null, null, null, null, null, null, null, null, null, null, null, 0);
  }

  public boolean assigned() {
    return assignee != null;
  }

  public boolean closed() {
    return CLOSED.equals(status);
  }

  public boolean archived() {
    return ARCHIVED.equals(status);
  }

  /** The sort key of the conversation in every list: {@code <lastActivityAt>#<conversationId>}. */
  public String activitySortKey() {
    return Keys.activitySk(lastActivityAt, conversationId);
  }

  /** The same conversation with another assignee (null: unassigned). */
  public Conversation withAssignee(Assignee newAssignee) {
    return new Conversation(conversationId, customerId, status, createdAt, openedBy, openedByCarrierMessageId,
        lastActivityAt, lastMessageId, lastMessagePreview, lastMessageDirection, lastInboundAt, lastOutboundAt,
        messageCount, unansweredSince, newAssignee, assignedAt, assignedBy, assignmentId, autoAssignedEventId,
        awayReplyUserId, awayReplyAt, closedAt, closedBy, reopenedAt, reopenedBy, version);
  }
}
