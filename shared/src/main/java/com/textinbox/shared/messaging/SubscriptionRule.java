package com.textinbox.shared.messaging;

import com.textinbox.shared.messaging.ComplianceKeyword.Type;
import java.util.Optional;

/**
 * Who may be texted, and what a compliance keyword does to a customer's subscription (P6;
 * docs/data-model.md, "Subscription" and "Keyword replies"):
 *
 * <ul>
 *   <li>a profile without the {@code subscribed} flag (demo data, imports) counts as subscribed;
 *   <li>STOP unsubscribes a subscribed customer, START resubscribes an unsubscribed one, HELP
 *       changes nothing;
 *   <li>a keyword sent before the profile's last subscription change is <em>superseded</em> (a STOP
 *       and a START delivered out of order: the later one wins): it changes nothing and gets no reply;
 *   <li>an unsubscribed customer is texted one thing only: the confirmation of their own STOP.
 * </ul>
 *
 * Times are ISO-8601 instants as the items hold them (they compare as text).
 */
public final class SubscriptionRule {
  private SubscriptionRule() {}

  /** What a keyword does to the profile. */
  public enum Change { UNSUBSCRIBE, RESUBSCRIBE }

  /** Reply not sent: a later keyword already changed the subscription (its own reply stands). */
  public static final String SUPERSEDED = "superseded";
  /** Reply not sent, message not texted: the customer unsubscribed. */
  public static final String UNSUBSCRIBED = "unsubscribed";

  /** The profile's flag as stored; none counts as subscribed. */
  public static boolean subscribed(Boolean flag) {
    return flag == null || flag;
  }

  /** Whether a keyword sent at {@code keywordAt} comes after the profile's last change ({@code changedAt}, null: never). */
  public static boolean superseded(String changedAt, String keywordAt) {
    return changedAt != null && changedAt.compareTo(keywordAt) > 0;
  }

  /** What the keyword changes on the profile: nothing for HELP, for a superseded keyword, or a profile already so. */
  public static Optional<Change> change(Type keyword, boolean subscribed, String changedAt, String keywordAt) {
    if (keyword == Type.HELP || superseded(changedAt, keywordAt)) {
      return Optional.empty();
    }
    if (keyword == Type.STOP) {
      return subscribed ? Optional.of(Change.UNSUBSCRIBE) : Optional.empty();
    }
    return subscribed ? Optional.empty() : Optional.of(Change.RESUBSCRIBE);
  }

  /**
   * Why the keyword gets no automatic reply ({@link #SUPERSEDED}, {@link #UNSUBSCRIBED}), or empty
   * when it gets one. A STOP from a customer already unsubscribed is confirmed again: carriers
   * expect every STOP to be answered.
   */
  public static Optional<String> noReplyReason(Type keyword, boolean subscribed, String changedAt, String keywordAt) {
    return switch (keyword) {
      case STOP, START -> superseded(changedAt, keywordAt) ? Optional.of(SUPERSEDED) : Optional.empty();
      case HELP -> subscribed ? Optional.empty() : Optional.of(UNSUBSCRIBED);
    };
  }

  /**
   * Whether a stored outbound message may be texted to the customer now: they are subscribed, or
   * it is the confirmation of their own STOP ({@code complianceReply = STOP}, written only for a
   * keyword's automatic reply).
   */
  public static boolean mayText(boolean subscribed, String complianceReply) {
    return subscribed || Type.STOP.name().equals(complianceReply);
  }

  /**
   * The language a keyword gives a profile that has none (P6: the customer's language drives every
   * automatic text): a customer who texted ARRET gets French from then on, the STOP notice of the
   * first message included. Empty when the profile has a language already, or when the word is of
   * both languages (START, INFO: it says nothing about the customer's).
   */
  public static Optional<String> languageFor(ComplianceKeyword keyword, String profileLanguage) {
    if (profileLanguage != null && !profileLanguage.isBlank()) {
      return Optional.empty();
    }
    return keyword.wordLanguage().map(l -> l.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The {@code event} of a keyword's compliance entry in the timeline. */
  public static String complianceEvent(Type keyword) {
    return switch (keyword) {
      case STOP -> "unsubscribed";
      case START -> "resubscribed";
      case HELP -> "help-requested";
    };
  }
}
