package com.textinbox.shared.messaging;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A carrier compliance keyword (STOP, START, HELP and their synonyms, English and French) that an
 * inbound SMS consists of, with the language of the word, so that the reply can use it.
 *
 * <p>Only a message that IS the keyword counts: the whole body once spaces, punctuation at either
 * end, letter case and accents are set aside ("stop", " STOP ", "Stop.", "arrêt", "ARRET!"). "Please
 * stop texting me about the car" is not one (Twilio and Braze act on single-word bodies only): a
 * sentence that merely contains "stop" or "end" is a conversation, read by the staff, who can
 * unsubscribe the customer themselves (P6). Emoji are not punctuation: "STOP 🙏" goes to the staff
 * too.
 *
 * <p>Sources. STOP: AWS End User Messaging's required opt-out keywords (ARRET, CANCEL, END, OPT-OUT,
 * OPTOUT, QUIT, REMOVE, STOP, TD, UNSUBSCRIBE), which AWS itself acts on: so a lone "Cancel" is
 * an opt-out here too, even from a customer who meant an appointment, or our list and AWS's would
 * disagree; STOPALL, REVOKE (Twilio's defaults), UNSUB (Twilio's CWTA examples), ARRETE (Twilio
 * Proxy's opt-out list). Accents are ignored: ARRÊT is ARRET, ARRÊTE is ARRETE. START: START and
 * UNSTOP (AWS, for resubscribing on a toll-free number); YES is left out although Twilio honours
 * it, because in a conversation "Yes" answers a question. HELP: HELP, AIDE and INFO, the CWTA's
 * mandatory keywords. No carrier documents a French opt-in word, so the French texts ask for START.
 */
public record ComplianceKeyword(Type type, Language language, String keyword) {

  public enum Type { STOP, START, HELP }

  public enum Language {
    EN,
    FR;

    /** A profile's language ("fr", "fr-CA", "fr_CA", "fra", "French", "français"...); else EN. */
    public static Language of(String code) {
      if (code == null) {
        return EN;
      }
      String primary = fold(code).strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
      return switch (primary) {
        case "fr", "fra", "fre", "french", "francais" -> FR;
        default -> EN;
      };
    }
  }

  /** The keyword's language as the timeline and the events write it: {@code en}, {@code fr}. */
  public String languageCode() {
    return language.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The language of the word itself (ARRET: FR, STOP: EN); empty for a word of both languages
   * (START, INFO), whose {@link #language} was taken from the profile.
   */
  public Optional<Language> wordLanguage() {
    Entry entry = WORDS.get(keyword);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.language());
  }

  /** The longest keyword AWS accepts; anything longer cannot be one. */
  private static final int MAX_KEYWORD_LENGTH = 30;

  /** The words, accents removed and upper-cased. A null language: the same word in both. */
  private static final Map<String, Entry> WORDS = Map.ofEntries(
      Map.entry("STOP", new Entry(Type.STOP, Language.EN)),
      Map.entry("STOPALL", new Entry(Type.STOP, Language.EN)),
      Map.entry("UNSUBSCRIBE", new Entry(Type.STOP, Language.EN)),
      Map.entry("UNSUB", new Entry(Type.STOP, Language.EN)),
      Map.entry("CANCEL", new Entry(Type.STOP, Language.EN)),
      Map.entry("END", new Entry(Type.STOP, Language.EN)),
      Map.entry("QUIT", new Entry(Type.STOP, Language.EN)),
      Map.entry("REMOVE", new Entry(Type.STOP, Language.EN)),
      Map.entry("REVOKE", new Entry(Type.STOP, Language.EN)),
      Map.entry("OPTOUT", new Entry(Type.STOP, Language.EN)),
      Map.entry("OPT-OUT", new Entry(Type.STOP, Language.EN)),
      Map.entry("TD", new Entry(Type.STOP, Language.EN)),
      Map.entry("ARRET", new Entry(Type.STOP, Language.FR)),
      Map.entry("ARRETE", new Entry(Type.STOP, Language.FR)),
      Map.entry("START", new Entry(Type.START, null)),
      Map.entry("UNSTOP", new Entry(Type.START, Language.EN)),
      Map.entry("HELP", new Entry(Type.HELP, Language.EN)),
      Map.entry("AIDE", new Entry(Type.HELP, Language.FR)),
      Map.entry("INFO", new Entry(Type.HELP, null)));

  private record Entry(Type type, Language language) {}

  /** The keyword the body consists of; a word of both languages (START, INFO) is taken as English. */
  public static Optional<ComplianceKeyword> detect(String body) {
    return detect(body, Language.EN);
  }

  /**
   * As {@link #detect(String)}, a word of both languages taking {@code profileLanguage}: START is
   * what the French texts ask for, and the CWTA lists INFO among both languages' keywords.
   */
  public static Optional<ComplianceKeyword> detect(String body, Language profileLanguage) {
    if (body == null || body.isEmpty()) {
      return Optional.empty();
    }
    String word = bare(body);
    if (word.isEmpty() || word.length() > MAX_KEYWORD_LENGTH) {
      return Optional.empty();
    }
    Entry entry = WORDS.get(word.toUpperCase(Locale.ROOT));
    if (entry == null) {
      return Optional.empty();
    }
    Language language = entry.language() != null
        ? entry.language()
        : profileLanguage == null ? Language.EN : profileLanguage;
    return Optional.of(new ComplianceKeyword(entry.type(), language, word.toUpperCase(Locale.ROOT)));
  }

  /** The body without accents, invisible characters, and spaces or punctuation at either end. */
  private static String bare(String body) {
    // invisible format characters (U+00AD, U+200B...) are never ASCII: most texts need no pattern
    String s = ascii(body) ? body : fold(body).replaceAll("\\p{Cf}", "");
    int start = 0;
    int end = s.length();
    while (start < end && ignorableAtEdge(s.charAt(start))) {
      start++;
    }
    while (end > start && ignorableAtEdge(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean ignorableAtEdge(char c) {
    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  /** A loop rather than a stream: every text passes here (a stream's classes at each cold start, decision 70). */
  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compatibility forms and accents folded away: "ＡＲＲÊＴ" and "arrêt" both become ARRET. Plain
   * ASCII, most texts, is left as it is without the JDK's normaliser (its tables are loaded on first
   * use: a cold start's cost for nothing, issue 15).
   */
  private static String fold(String text) {
    if (ascii(text)) {
      return text;
    }
    return Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
  }
}
