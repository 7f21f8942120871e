package com.textinbox.shared.assignment;

import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.Write;
import java.util.List;

/**
 * The writes of one assignment, whoever makes it (a user through the API, a bulk job, the
 * automatic assignment of a new or reopened conversation): in ONE transaction, the conversation's
 * assignee fields and GSI1 keys (it leaves the previous assignee's list and joins the new one's, in
 * the same status) and a {@code ConversationEvent} entry {@code event=assigned} (or
 * {@code unassigned}) in its timeline. The update is conditional on the conversation as read
 * (status, assignee, last activity), so a concurrent change cancels it and the caller reads again.
 * docs/data-model.md, "Assignment".
 */
public final class Assignments {
  private Assignments() {}

  public static final String SYSTEM = "system";

  /**
   * One assignment to write.
   *
   * @param conversation the conversation as read (consistently)
   * @param target the new assignee; null unassigns
   * @param previousName the previous assignee's name, when known (the timeline keeps it)
   * @param by the user who did it, or {@link #SYSTEM}
   * @param reason why (automatic assignments: {@code previous-assignee}, {@code default-assignee}); may be null
   * @param awayRule the away rule applied (automatic assignments), may be null
   * @param assignmentId the id of this assignment, kept on the conversation ({@code assignmentId}):
   *     a bulk job's id, so a redelivered chunk sees the conversation is done
   * @param eventId the timeline entry's id ({@code T#<at>#<eventId>})
   * @param noteId the note left with it, may be null
   * @param jobId the bulk job, may be null
   * @param at now, as {@link Keys#time} writes it
   * @param autoEventId the conversation event an automatic assignment answers (kept as
   *     {@code autoAssignedEventId}: a redelivery of that event assigns nothing again), may be null
   */
  public record Change(String accountId, Conversation conversation, Assignee target, String previousName,
      String by, String byName, String reason, String awayRule, String assignmentId, String eventId, String noteId,
      String jobId, String at, String autoEventId) {}

  /** The conversation's update and the timeline entry, for one {@code TransactWriteItems} (2 items). */
  public static List<Write> writes(ConversationStore conversations, Change change) {
    Conversation conversation = change.conversation();
    Assignee previous = conversation.assignee() == null ? null
        : new Assignee(conversation.assignee().kind(), conversation.assignee().id(), change.previousName());
    ConversationEvent entry = new ConversationEvent(change.eventId(), change.at(),
        change.target() == null ? ConversationEvent.UNASSIGNED : ConversationEvent.ASSIGNED, conversation.conversationId(),
        change.by(), change.byName(), change.at(), change.target(), previous, change.reason(), change.awayRule(),
        change.noteId(), change.jobId(), null);
    return List.of(
        conversations.assignWrite(change.accountId(), conversation, change.target(), change.at(), change.by(),
            change.assignmentId(), change.autoEventId()),
        conversations.appendWrite(change.accountId(), conversation.conversationId(), entry));
  }
}
