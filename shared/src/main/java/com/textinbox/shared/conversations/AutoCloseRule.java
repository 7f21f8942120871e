package com.textinbox.shared.conversations;

import com.textinbox.shared.data.Keys;
import java.time.Duration;
import java.time.Instant;

/**
 * Which open conversations auto-close (C6) closes: the ones whose last activity is older than the
 * company's days (strictly: idle exactly that long stays open), except, unless the company chose
 * otherwise, an unanswered one (the customer's message is the last, {@code unansweredSince} set):
 * closing it would hide a customer who is waiting.
 */
public final class AutoCloseRule {
  private AutoCloseRule() {}

  /** Who closes it, in the event and the conversation's {@code closedBy}. */
  public static final String BY = "auto-close";
  /** The event's {@code reason}: idle and answered, or idle and unanswered (closed because the company chose so). */
  public static final String INACTIVE = "inactive", INACTIVE_UNANSWERED = "inactive-unanswered";

  /** The last activity before which an open conversation is due at {@code now}. */
  public static Instant cutoff(Instant now, int days) {
    return now.minus(Duration.ofDays(days));
  }

  /**
   * The bound of the open list's sort keys ({@code <lastActivityAt>#<id>}) below which
   * conversations are due: every key of a time before the cutoff sorts lower, one of the cutoff
   * itself higher (the {@code #id} makes it longer).
   */
  public static String cutoffKey(Instant now, int days) {
    return Keys.time(cutoff(now, days));
  }

  /** Whether the conversation, as read, is closed by the company's setting at {@code now}. */
  public static boolean closes(Conversation conversation, AutoCloseSetting setting, Instant now) {
    return setting.enabled() && !conversation.closed() && conversation.lastActivityAt() != null
        && conversation.lastActivityAt().compareTo(Keys.time(cutoff(now, setting.days()))) < 0
        && (setting.closeUnanswered() || conversation.unansweredSince() == null);
  }

  public static String reason(Conversation conversation) {
    return conversation.unansweredSince() == null ? INACTIVE : INACTIVE_UNANSWERED;
  }

  /** The {@code closed} event of an automatic close, with the setting that closed it. */
  public static ConversationEvent closedEvent(Conversation conversation, AutoCloseSetting setting, String at) {
    // one id per conversation and last activity: two overlapping runs write the same event (one wins)
    return new ConversationEvent("evt-autoclose-" + conversation.conversationId() + "-" + conversation.lastActivityAt(), at,
        ConversationEvent.CLOSED, null, BY, null, at, null, null, reason(conversation), null, null, null, null,
        setting.days());
  }
}
