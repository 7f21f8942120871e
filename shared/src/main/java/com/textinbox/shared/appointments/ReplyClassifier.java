package com.textinbox.shared.appointments;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * What a customer's text answers to an appointment reminder (AP2): YES / Y / OUI / O / CONFIRM
 * confirm it, NO / N / NON cancel it, anything else is a reply for a person. Case, accents,
 * surrounding spaces and trailing punctuation are ignored ("Oui!", " non. "); a longer text ("oui
 * mais plutôt 10h") is for a person. STOP is handled before (the compliance keywords win).
 */
public final class ReplyClassifier {
  private ReplyClassifier() {}

  public enum Answer { CONFIRM, CANCEL, OTHER }

  private static final Set<String> CONFIRM = Set.of("YES", "Y", "OUI", "O", "CONFIRM");
  private static final Set<String> CANCEL = Set.of("NO", "N", "NON");

  public static Answer classify(String body) {
    String word = normalized(body);
    if (CONFIRM.contains(word)) {
      return Answer.CONFIRM;
    }
    if (CANCEL.contains(word)) {
      return Answer.CANCEL;
    }
    return Answer.OTHER;
  }

  /** The outcome's status: confirmed, cancelled or replied. */
  public static AppointmentStatus statusFor(Answer answer) {
    return switch (answer) {
      case CONFIRM -> AppointmentStatus.CONFIRMED;
      case CANCEL -> AppointmentStatus.CANCELLED;
      case OTHER -> AppointmentStatus.REPLIED;
    };
  }

  static String normalized(String body) {
    if (body == null) {
      return "";
    }
    String stripped = Normalizer.normalize(body.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return stripped.replaceAll("[\\s.!?,;:)]+$", "").toUpperCase(Locale.ROOT);
  }
}
