package com.textinbox.shared.assignment;

import com.textinbox.shared.conversations.Conversation;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who automatically gets a new or reopened conversation (docs/decisions.md, "The assignment rule"):
 *
 * <ol>
 *   <li>the candidate: the conversation's assignee when it has one (a reopened conversation, or one
 *       assigned by hand before the event was handled); for a new conversation, the assignee of the
 *       customer's previous conversation; else the company's default; else nobody;
 *   <li>the away rules ({@link AwayRules}: A2 delegate, A4 no chains, A5 replied while away).
 * </ol>
 *
 * The earlier conversations and the default are asked for only when needed (each is a read).
 * Plain logic, no AWS: unit-tested as is.
 */
public final class AssigneeChoice {
  public static final String PREVIOUS_ASSIGNEE = "previous-assignee";
  public static final String DEFAULT_ASSIGNEE = "default-assignee";
  public static final String AWAY_DELEGATE = "away-delegate";

  private AssigneeChoice() {}

  /**
   * The candidate before the away rules, with the A5 record ({@code awayReply*}) of the
   * conversation it comes from; {@code reason} is {@link #PREVIOUS_ASSIGNEE} or {@link #DEFAULT_ASSIGNEE}.
   */
  public record Candidate(Assignee assignee, String reason, String awayReplyUserId, String awayReplyAt) {}

  /** The final choice: the assignee, why (the timeline's {@code reason}) and the away rule applied. */
  public record Choice(Assignee assignee, String reason, AwayRules.Rule rule) {
    /** The timeline's {@code awayRule}; null when none applied. */
    public String awayRule() {
      return AwayRules.label(rule);
    }
  }

  /**
   * @param conversation the conversation as read
   * @param created whether the event is the conversation's creation
   * @param earlier the customer's conversations, newest first (read only for a new unassigned one)
   * @param companyDefault the company's default assignee or null (read only when nothing else applies)
   */
  public static Optional<Candidate> candidate(Conversation conversation, boolean created,
      Supplier<List<Conversation>> earlier, Supplier<Assignee> companyDefault) {
    if (conversation.assigned()) {
      return Optional.of(new Candidate(conversation.assignee(), PREVIOUS_ASSIGNEE, conversation.awayReplyUserId(),
          conversation.awayReplyAt()));
    }
    if (created && conversation.customerId() != null) {
      // the customer's previous conversation: its assignee keeps the customer
      for (Conversation other : earlier.get()) {
        if (!other.conversationId().equals(conversation.conversationId()) && other.assigned()) {
          return Optional.of(new Candidate(other.assignee(), PREVIOUS_ASSIGNEE, other.awayReplyUserId(), other.awayReplyAt()));
        }
      }
    }
    Assignee fallback = companyDefault.get();
    return fallback == null ? Optional.empty()
        : Optional.of(new Candidate(fallback, DEFAULT_ASSIGNEE, conversation.awayReplyUserId(), conversation.awayReplyAt()));
  }

  /**
   * The away rules on the candidate.
   *
   * @param candidateName the candidate's name now (null when not found)
   * @param away the candidate's away state (null for a team, or a user no longer found)
   * @param delegate the away candidate's delegate (null when not read or not found)
   */
  public static Choice choose(Candidate candidate, String candidateName, AwayRules.UserAway away, AwayRules.UserAway delegate) {
    Assignee named = new Assignee(candidate.assignee().kind(), candidate.assignee().id(), candidateName);
    AwayRules.Decision decision = AwayRules.decide(named, away, delegate, candidate.awayReplyUserId(), candidate.awayReplyAt());
    String reason = decision.rule() == AwayRules.Rule.DELEGATED ? AWAY_DELEGATE : candidate.reason();
    return new Choice(decision.assignee(), reason, decision.rule());
  }
}
