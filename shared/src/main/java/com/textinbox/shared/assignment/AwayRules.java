package com.textinbox.shared.assignment;

/**
 * Who finally gets a new or reopened conversation once the candidate is known (the previous
 * assignee, else the company's default), by the away rules of seed 004:
 *
 * <ul>
 *   <li>A2: an away user's conversations go to their delegate; with no delegate they stay;
 *   <li>A4: a delegate who is away too: they stay with the original user (never a chain);
 *   <li>A5: a user who texted this customer while away keeps the customer.
 * </ul>
 *
 * A team is never away: a team candidate is final. Plain logic, no AWS: unit-tested as is.
 */
public final class AwayRules {
  private AwayRules() {}

  /** The away state of a user as the user item holds it ({@code away}, {@code awayDelegateId}, {@code awaySince}). */
  public record UserAway(String userId, String name, boolean away, String delegateId, String awaySince) {
    public static UserAway present(String userId, String name) {
      return new UserAway(userId, name, false, null, null);
    }
  }

  /** Why an automatic assignment chose whom it chose (the timeline event's {@code reason} and {@code awayRule}). */
  public enum Rule {
    /** not away (or a team): the candidate keeps it */
    NONE,
    /** A2: away, to the delegate */
    DELEGATED,
    /** A2: away without a delegate: stays */
    AWAY_NO_DELEGATE,
    /** A4: the delegate is away too: stays */
    DELEGATE_AWAY,
    /** A5: texted the customer while away: keeps it */
    REPLIED_WHILE_AWAY,
    /** the delegate named is no user of the company any more: stays */
    DELEGATE_UNKNOWN
  }

  public record Decision(Assignee assignee, Rule rule) {}

  /**
   * @param candidate the previous assignee or the default
   * @param candidateAway the candidate's away state (null for a team, or a user no longer found)
   * @param delegate the candidate's delegate's away state, when the candidate is away with one
   *     (null when not read or not found)
   * @param awayReplyUserId who last texted the customer while away ({@code awayReplyUserId} on the
   *     conversation), if anyone
   * @param awayReplyAt when
   */
  public static Decision decide(Assignee candidate, UserAway candidateAway, UserAway delegate,
      String awayReplyUserId, String awayReplyAt) {
    if (!candidate.isUser() || candidateAway == null || !candidateAway.away()) {
      return new Decision(candidate, Rule.NONE);
    }
    if (candidate.id().equals(awayReplyUserId) && awayReplyAt != null
        && (candidateAway.awaySince() == null || awayReplyAt.compareTo(candidateAway.awaySince()) >= 0)) {
      return new Decision(candidate, Rule.REPLIED_WHILE_AWAY);
    }
    if (candidateAway.delegateId() == null) {
      return new Decision(candidate, Rule.AWAY_NO_DELEGATE);
    }
    if (delegate == null) {
      return new Decision(candidate, Rule.DELEGATE_UNKNOWN);
    }
    if (delegate.away()) {
      return new Decision(candidate, Rule.DELEGATE_AWAY);
    }
    return new Decision(Assignee.user(delegate.userId(), delegate.name()), Rule.DELEGATED);
  }

  /** The timeline's words for a rule. */
  public static String label(Rule rule) {
    return switch (rule) {
      case NONE -> null;
      case DELEGATED -> "away-delegate";
      case AWAY_NO_DELEGATE -> "away-no-delegate";
      case DELEGATE_AWAY -> "delegate-away";
      case REPLIED_WHILE_AWAY -> "replied-while-away";
      case DELEGATE_UNKNOWN -> "delegate-unknown";
    };
  }
}
