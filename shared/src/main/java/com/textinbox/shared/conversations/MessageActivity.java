package com.textinbox.shared.conversations;

/**
 * What a new message does to its conversation (docs/data-model.md, "Last activity never moves
 * back"): the activity and preview move forward only, an inbound text marks it unanswered (and
 * may reopen it), an outbound one answers it.
 *
 * @param preview the conversation's {@code lastMessagePreview} (already cut)
 * @param reopenedAt a text either way to a closed conversation: it reopens at this time (null: no reopening)
 * @param unanswered an inbound text that needs an answer (a compliance keyword does not)
 * @param messagesAdded 1, or 2 with a keyword's automatic reply
 * @param awayReplyUserId A5: the sender is away (outbound only), else null
 */
public record MessageActivity(String messageId, String at, String direction, String preview, String reopenedAt,
    boolean unanswered, int messagesAdded, String awayReplyUserId) {

  public static MessageActivity inbound(String messageId, String at, String preview, String reopenedAt, boolean unanswered,
      int messagesAdded) {
    return new MessageActivity(messageId, at, Message.INBOUND, preview, reopenedAt, unanswered, messagesAdded, null);
  }

  public static MessageActivity outbound(String messageId, String at, String preview, String awayReplyUserId) {
    return outbound(messageId, at, preview, awayReplyUserId, null);
  }

  /** An outbound message to a closed conversation reopens it at {@code reopenedAt} (null: no reopening). */
  public static MessageActivity outbound(String messageId, String at, String preview, String awayReplyUserId,
      String reopenedAt) {
    return new MessageActivity(messageId, at, Message.OUTBOUND, preview, reopenedAt, false, 1, awayReplyUserId);
  }

  public boolean inbound() {
    return Message.INBOUND.equals(direction);
  }
}
