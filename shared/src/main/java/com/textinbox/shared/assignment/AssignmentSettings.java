package com.textinbox.shared.assignment;

/**
 * The company's settings about its conversations, on the account item.
 *
 * @param unansweredAfterHours after how long an unanswered conversation is flagged (default {@link #DEFAULT_UNANSWERED_HOURS})
 * @param defaultAssignee who gets a new conversation with no previous assignee (no name), or null
 */
public record AssignmentSettings(int unansweredAfterHours, Assignee defaultAssignee) {
  public static final int DEFAULT_UNANSWERED_HOURS = 4;

  public static final AssignmentSettings NONE = new AssignmentSettings(DEFAULT_UNANSWERED_HOURS, null);
}
