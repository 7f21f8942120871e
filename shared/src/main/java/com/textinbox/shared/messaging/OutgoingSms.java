package com.textinbox.shared.messaging;

import java.util.Locale;

/**
 * What a customer receives for an outbound message (C7, P6; docs/data-model.md, "Outbound SMS"):
 * the body, prefixed by the sender's first name when a person typed it ({@code "Chloé: ..."}), and
 * on the first message ever sent to the customer the STOP notice in the customer's language; at
 * most {@link SmsSegments#MAX_SEGMENTS} parts, everything counted. A keyword's automatic reply is
 * the compliance text alone.
 */
public record OutgoingSms(String text, SmsSegments segments, boolean stopNotice) {

  /**
   * The SMS for {@code body}; {@code senderName} is the person who typed it (null for an automation,
   * a campaign...), {@code language} the customer's.
   */
  public static OutgoingSms compose(String body, String senderName, boolean firstMessage, String language) {
    String first = firstName(senderName);
    String text = (first == null ? "" : first + ": ") + body
        + (firstMessage ? "\n" + ComplianceTexts.firstMessageNotice(language) : "");
    return new OutgoingSms(text, SmsSegments.of(text), firstMessage);
  }

  /**
   * The automatic answer to a keyword, in its language: STOP -> the unsubscribe confirmation, START
   * -> the resubscribe confirmation, HELP -> the company's help text (unset: a default naming it).
   */
  public static OutgoingSms keywordReply(ComplianceKeyword keyword, String companyName, String helpText) {
    String language = keyword.language().name().toLowerCase(Locale.ROOT);
    String text = switch (keyword.type()) {
      case STOP -> ComplianceTexts.stopConfirmation(language, companyName);
      case START -> ComplianceTexts.startConfirmation(language, companyName);
      case HELP -> ComplianceTexts.helpAnswer(language, companyName,
          helpText == null || helpText.isBlank() ? ComplianceTexts.defaultHelpText(language, companyName) : helpText);
    };
    return new OutgoingSms(text, SmsSegments.of(text), false);
  }

  /** Whether it stays within {@link SmsSegments#MAX_SEGMENTS} parts. */
  public boolean fits() {
    return segments.fits();
  }

  /** Why it cannot be sent, for the person who wrote it. */
  public String tooLongReason() {
    return "The message is too long: " + segments.segments() + " SMS parts, at most " + SmsSegments.MAX_SEGMENTS
        + " (the sender's name and, on a first message, the STOP notice count too).";
  }

  /** The first word of a person's name ("Chloé Roy" -> "Chloé"); null for none. */
  static String firstName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    return name.strip().split("\\s+")[0];
  }
}
