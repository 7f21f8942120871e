package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.messaging.ComplianceKeyword.Language;
import com.textinbox.shared.messaging.ComplianceKeyword.Type;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ComplianceKeywordTest {

  @ParameterizedTest
  @ValueSource(strings = {"stop", "STOP", " STOP ", "Stop.", "STOP!!!", "stop\n", "\"Stop\"", "(stop)",
      "\u00A0STOP\u00A0", "STOP\u200B", "\uFEFFstop", "Stop…", "sToP ?", "ＳＴＯＰ"})
  void recognisesStopHoweverTheCustomerTypesIt(String body) {
    assertEquals(Optional.of(new ComplianceKeyword(Type.STOP, Language.EN, "STOP")), ComplianceKeyword.detect(body));
  }

  @ParameterizedTest
  @ValueSource(strings = {"arrêt", "ARRET", "Arret", "ARRÊT", "Arrêt.", " arret! ", "ARRÉT", "ＡＲＲＥＴ"})
  void recognisesArretWithOrWithoutItsAccentAsFrench(String body) {
    assertEquals(Optional.of(new ComplianceKeyword(Type.STOP, Language.FR, "ARRET")), ComplianceKeyword.detect(body));
  }

  @ParameterizedTest
  @CsvSource({
      "STOPALL, EN", "unsubscribe, EN", "Unsub, EN", "cancel, EN", "End, EN", "quit, EN", "remove, EN",
      "revoke, EN", "optout, EN", "Opt-Out, EN", "td, EN", "arrete, FR", "Arrête!, FR", "ARRÊTE, FR"})
  void recognisesEveryOptOutSynonym(String body, Language language) {
    ComplianceKeyword k = ComplianceKeyword.detect(body).orElseThrow(() -> new AssertionError(body));
    assertEquals(Type.STOP, k.type(), body);
    assertEquals(language, k.language(), body);
  }

  @Test
  void keepsTheCanonicalWordForLogs() {
    assertEquals("OPT-OUT", ComplianceKeyword.detect(" opt-out. ").orElseThrow().keyword());
    assertEquals("ARRETE", ComplianceKeyword.detect("Arrête").orElseThrow().keyword());
  }

  @Test
  void recognisesStartAndUnstop() {
    assertEquals(Optional.of(new ComplianceKeyword(Type.START, Language.EN, "START")), ComplianceKeyword.detect("Start!"));
    assertEquals(Optional.of(new ComplianceKeyword(Type.START, Language.EN, "UNSTOP")), ComplianceKeyword.detect("unstop"));
  }

  @Test
  void startAndInfoTakeTheProfileLanguageBecauseTheyAreTheSameWordInBoth() {
    assertEquals(Language.FR, ComplianceKeyword.detect("start", Language.FR).orElseThrow().language());
    assertEquals(Language.FR, ComplianceKeyword.detect("Info", Language.FR).orElseThrow().language());
    assertEquals(Language.EN, ComplianceKeyword.detect("Info", Language.EN).orElseThrow().language());
    assertEquals(Language.EN, ComplianceKeyword.detect("start", null).orElseThrow().language());
  }

  @Test
  void aWordOfOneLanguageKeepsItWhateverTheProfileSays() {
    assertEquals(Language.EN, ComplianceKeyword.detect("STOP", Language.FR).orElseThrow().language());
    assertEquals(Language.EN, ComplianceKeyword.detect("help", Language.FR).orElseThrow().language());
    assertEquals(Language.EN, ComplianceKeyword.detect("unstop", Language.FR).orElseThrow().language());
    assertEquals(Language.FR, ComplianceKeyword.detect("ARRET", Language.EN).orElseThrow().language());
    assertEquals(Language.FR, ComplianceKeyword.detect("aide", Language.EN).orElseThrow().language());
  }

  @Test
  void recognisesHelpAideAndInfo() {
    assertEquals(Optional.of(new ComplianceKeyword(Type.HELP, Language.EN, "HELP")), ComplianceKeyword.detect("Help?"));
    assertEquals(Optional.of(new ComplianceKeyword(Type.HELP, Language.FR, "AIDE")), ComplianceKeyword.detect("Aide ?"));
    assertEquals(Optional.of(new ComplianceKeyword(Type.HELP, Language.EN, "INFO")), ComplianceKeyword.detect("INFO"));
  }

  /** A sentence is a conversation for the staff, even one that means "stop" (see the class doc). */
  @ParameterizedTest
  @ValueSource(strings = {"please stop texting me about the car", "Stop texting me", "STOP STOP", "stop please",
      "Arrêtez de m'écrire", "I need help with my car", "end of the month works", "cancel my appointment",
      "st op", "S.T.O.P", "STOPP", "STOP 🙏", "🛑", "yes", "Yes!", "OK", "oui", "opt out", "arreter", "DEBUT",
      "...", "   ", "\n"})
  void aMessageThatIsNotJustTheKeywordIsNotOne(String body) {
    assertEquals(Optional.empty(), ComplianceKeyword.detect(body), body);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void nothingIsNoKeyword(String body) {
    assertEquals(Optional.empty(), ComplianceKeyword.detect(body));
  }

  @Test
  void aLongBodyIsReadWithoutTrouble() {
    assertEquals(Optional.empty(), ComplianceKeyword.detect("stop ".repeat(2_000)));
    assertEquals(Type.STOP, ComplianceKeyword.detect(" ".repeat(5_000) + "STOP" + "!".repeat(5_000)).orElseThrow().type());
  }

  @Test
  void upperCasingDoesNotDependOnTheServersLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr")); // where "i".toUpperCase() is a dotted İ
      assertEquals(Type.STOP, ComplianceKeyword.detect("quit").orElseThrow().type());
      assertEquals(Type.HELP, ComplianceKeyword.detect("aide").orElseThrow().type());
      assertEquals(Type.HELP, ComplianceKeyword.detect("info").orElseThrow().type());
    } finally {
      Locale.setDefault(saved);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fr", "FR", "fr-CA", "fr_CA", "fra", "fre", "French", "Français", " fr "})
  void readsFrenchProfileLanguages(String code) {
    assertEquals(Language.FR, Language.of(code));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"en", "en-US", "es", "frisian", "fy", "de-FR", "xx"})
  void anythingElseIsEnglish(String code) {
    assertEquals(Language.EN, Language.of(code));
  }

  @Test
  void theSameWordIsAKeywordAloneAndAMessageInASentence() {
    assertTrue(ComplianceKeyword.detect("Cancel").isPresent());
    assertTrue(ComplianceKeyword.detect("Cancel my 3pm").isEmpty());
  }
}
