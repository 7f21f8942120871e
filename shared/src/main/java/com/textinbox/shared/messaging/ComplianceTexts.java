package com.textinbox.shared.messaging;

import com.textinbox.shared.messaging.ComplianceKeyword.Language;

/**
 * The compliance texts sent to customers, in English or French (P6). {@code language} is the
 * profile's language ("en", "fr", "fr-CA"...); anything else, or none, gets English.
 *
 * <p>Each stays in one GSM-7 segment with a company name of ordinary length. The French avoids the
 * letters that would switch the whole SMS to UCS-2 (ê, â, î, ô, û, ë, ï, ç, curly apostrophes):
 * hence ARRET, the spelling AWS and the CWTA list, not ARRÊT. It names START for resubscribing,
 * since no carrier documents a French opt-in word.
 */
public final class ComplianceTexts {
  private ComplianceTexts() {}

  /** Appended to the first message ever sent to a customer. */
  public static String firstMessageNotice(String language) {
    return switch (Language.of(language)) {
      case FR -> "Répondez ARRET pour vous désabonner, AIDE pour de l'aide.";
      case EN -> "Reply STOP to unsubscribe, HELP for help.";
    };
  }

  /** Sent once the customer's STOP (or synonym) has been recorded. */
  public static String stopConfirmation(String language, String companyName) {
    return switch (Language.of(language)) {
      case FR -> signed(companyName, " : ", "votre désabonnement est confirmé, vous ne recevrez plus"
          + " de messages. Répondez START pour vous réabonner.");
      case EN -> signed(companyName, ": ", "You are unsubscribed and will receive no more messages."
          + " Reply START to resubscribe.");
    };
  }

  /** Sent once the customer's START has resubscribed them. */
  public static String startConfirmation(String language, String companyName) {
    return switch (Language.of(language)) {
      case FR -> signed(companyName, " : ", "votre abonnement est réactivé. "
          + firstMessageNotice("fr"));
      case EN -> signed(companyName, ": ", "You are subscribed again. " + firstMessageNotice("en"));
    };
  }

  /**
   * The answer to HELP / AIDE / INFO: who is texting, the company's own help text (how to reach
   * it: carriers require contact details), and how to stop. A blank help text is left out.
   */
  public static String helpAnswer(String language, String companyName, String helpText) {
    String help = sentence(helpText);
    return switch (Language.of(language)) {
      case FR -> signed(companyName, " : ", help + "Répondez ARRET pour vous désabonner.");
      case EN -> signed(companyName, ": ", help + "Reply STOP to unsubscribe.");
    };
  }

  /**
   * The help text of a company that has not written its own (the account's {@code helpText}):
   * how to reach it, naming it. Replying reaches the staff's shared inbox.
   */
  public static String defaultHelpText(String language, String companyName) {
    String name = oneLine(companyName);
    return switch (Language.of(language)) {
      case FR -> "Pour de l'aide, répondez à ce message et l'équipe" + (name.isEmpty() ? "" : " de " + name) + " vous répondra.";
      case EN -> "For help, reply to this message and the " + (name.isEmpty() ? "" : name + " ") + "team will answer.";
    };
  }

  /** "Name: text", or the text alone (capitalised) when there is no name to sign with. */
  private static String signed(String companyName, String separator, String text) {
    String name = oneLine(companyName);
    if (name.isEmpty()) {
      return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
    return name + separator + text;
  }

  /** The help text as a sentence followed by a space, or nothing. */
  private static String sentence(String text) {
    String s = oneLine(text);
    if (s.isEmpty()) {
      return "";
    }
    char last = s.charAt(s.length() - 1);
    return s + (last == '.' || last == '!' || last == '?' ? " " : ". ");
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }
}
