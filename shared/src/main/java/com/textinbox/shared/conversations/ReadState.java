package com.textinbox.shared.conversations;

/** When a user last read a conversation ({@code READ#<userId>}): unread = {@code lastInboundAt > readAt}. */
public record ReadState(String conversationId, String userId, String readAt) {
  /** Unread for a user: a customer message came after the user last read it (or never read). */
  public static boolean unread(String lastInboundAt, String readAt) {
    return lastInboundAt != null && (readAt == null || lastInboundAt.compareTo(readAt) > 0);
  }
}
