package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.messaging.ComplianceKeyword.Language;
import com.textinbox.shared.messaging.ComplianceKeyword.Type;
import com.textinbox.shared.messaging.SmsSegments.Encoding;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ComplianceTextsTest {
  private static final String COMPANY = "Garage Tremblay";
  private static final String HELP = "Appelez-nous au 514-555-0100.";

  private static List<String> allTexts(String language, String company) {
    return List.of(
        ComplianceTexts.firstMessageNotice(language),
        ComplianceTexts.stopConfirmation(language, company),
        ComplianceTexts.startConfirmation(language, company),
        ComplianceTexts.helpAnswer(language, company, HELP));
  }

  @Test
  void theNoticesOfferStopAndHelpInEachLanguage() {
    assertEquals("Reply STOP to unsubscribe, HELP for help.", ComplianceTexts.firstMessageNotice("en"));
    assertEquals("Répondez ARRET pour vous désabonner, AIDE pour de l'aide.", ComplianceTexts.firstMessageNotice("fr"));
  }

  @Test
  void theFrenchNoticeIsOneGsm7SegmentWhereArretWithItsCircumflexWouldBeUcs2() {
    String notice = ComplianceTexts.firstMessageNotice("fr");
    assertEquals(new SmsSegments(Encoding.GSM7, 1, 57, 103), SmsSegments.of(notice));
    String withCircumflex = notice.replace("ARRET", "ARRÊT");
    assertEquals(new SmsSegments(Encoding.UCS2, 1, 57, 13), SmsSegments.of(withCircumflex));
    // Appended to a first message of 100 characters: 1 part as written, 3 with the circumflex.
    String first = "b".repeat(100) + " ";
    assertEquals(1, SmsSegments.of(first + notice).segments());
    assertEquals(3, SmsSegments.of(first + withCircumflex).segments());
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "fr"})
  void everyTextIsOneGsm7Segment(String language) {
    for (String text : allTexts(language, COMPANY)) {
      assertEquals(Encoding.GSM7, SmsSegments.of(text).encoding(), text);
      assertEquals(1, SmsSegments.of(text).segments(), text);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "fr"})
  void evenWithALongCompanyNameEveryTextIsOneSegment(String language) {
    String longName = "Centre de services automobiles Laval-Nord"; // 41 characters
    for (String text : allTexts(language, longName)) {
      assertEquals(1, SmsSegments.of(text).segments(), text);
    }
  }

  /** The keywords the texts advertise are ones we recognise, of the text's language. */
  @ParameterizedTest
  @ValueSource(strings = {"en", "fr"})
  void everyKeywordTheTextsNameIsRecognisedInTheirLanguage(String code) {
    Language language = Language.of(code);
    Pattern keyword = Pattern.compile("\\b[A-Z]{4,}\\b");
    int found = 0;
    for (String text : allTexts(code, "")) {
      Matcher m = keyword.matcher(text);
      while (m.find()) {
        ComplianceKeyword k = ComplianceKeyword.detect(m.group(), language)
            .orElseThrow(() -> new AssertionError(m.group() + " in " + text));
        assertEquals(language, k.language(), m.group());
        found++;
      }
    }
    assertTrue(found >= 6, "found " + found);
  }

  @Test
  void theStopConfirmationSaysNoMoreMessagesAndHowToComeBack() {
    String en = ComplianceTexts.stopConfirmation("en", COMPANY);
    assertEquals("Garage Tremblay: You are unsubscribed and will receive no more messages. Reply START to resubscribe.", en);
    String fr = ComplianceTexts.stopConfirmation("fr", COMPANY);
    assertEquals("Garage Tremblay : votre désabonnement est confirmé, vous ne recevrez plus de messages."
        + " Répondez START pour vous réabonner.", fr);
    assertEquals(Type.START, ComplianceKeyword.detect("START", Language.FR).orElseThrow().type());
  }

  @Test
  void theStartConfirmationRepeatsHowToStopAndGetHelp() {
    assertEquals("Garage Tremblay: You are subscribed again. Reply STOP to unsubscribe, HELP for help.",
        ComplianceTexts.startConfirmation("en", COMPANY));
    assertEquals("Garage Tremblay : votre abonnement est réactivé. Répondez ARRET pour vous désabonner,"
        + " AIDE pour de l'aide.", ComplianceTexts.startConfirmation("fr", COMPANY));
  }

  @Test
  void theHelpAnswerCarriesTheCompanysHelpTextAndTheWayOut() {
    assertEquals("Garage Tremblay: Call us at 514-555-0100. Reply STOP to unsubscribe.",
        ComplianceTexts.helpAnswer("en", COMPANY, "Call us at 514-555-0100."));
    assertEquals("Garage Tremblay : Appelez-nous au 514-555-0100. Répondez ARRET pour vous désabonner.",
        ComplianceTexts.helpAnswer("fr", COMPANY, HELP));
  }

  @Test
  void withoutItsOwnHelpTextACompanyAnswersWithADefaultNamingItInOneGsmSegment() {
    String en = ComplianceTexts.helpAnswer("en", COMPANY, ComplianceTexts.defaultHelpText("en", COMPANY));
    String fr = ComplianceTexts.helpAnswer("fr", COMPANY, ComplianceTexts.defaultHelpText("fr", COMPANY));
    assertEquals("Garage Tremblay: For help, reply to this message and the Garage Tremblay team will answer."
        + " Reply STOP to unsubscribe.", en);
    assertEquals("Garage Tremblay : Pour de l'aide, répondez à ce message et l'équipe de Garage Tremblay vous répondra."
        + " Répondez ARRET pour vous désabonner.", fr);
    for (String text : java.util.List.of(en, fr)) {
      SmsSegments segments = SmsSegments.of(text);
      assertEquals(SmsSegments.Encoding.GSM7, segments.encoding(), text);
      assertEquals(1, segments.segments(), text);
    }
    assertEquals("For help, reply to this message and the team will answer.", ComplianceTexts.defaultHelpText("en", null));
  }

  @Test
  void aHelpTextWithoutFinalPunctuationGetsAFullStop() {
    assertEquals("Acme: Call 555-0100. Reply STOP to unsubscribe.", ComplianceTexts.helpAnswer("en", "Acme", " Call 555-0100 "));
    assertEquals("Acme: Call now! Reply STOP to unsubscribe.", ComplianceTexts.helpAnswer("en", "Acme", "Call now!"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "\n"})
  void aBlankHelpTextIsLeftOut(String help) {
    assertEquals("Acme: Reply STOP to unsubscribe.", ComplianceTexts.helpAnswer("en", "Acme", help));
    assertEquals("Acme : Répondez ARRET pour vous désabonner.", ComplianceTexts.helpAnswer("fr", "Acme", help));
  }

  @Test
  void withoutACompanyNameTheTextStandsAloneCapitalised() {
    assertEquals("Votre abonnement est réactivé. Répondez ARRET pour vous désabonner, AIDE pour de l'aide.",
        ComplianceTexts.startConfirmation("fr", null));
    assertEquals("You are subscribed again. Reply STOP to unsubscribe, HELP for help.",
        ComplianceTexts.startConfirmation("en", "  "));
    assertEquals("Appelez-nous. Répondez ARRET pour vous désabonner.", ComplianceTexts.helpAnswer("fr", "", "appelez-nous"));
  }

  @Test
  void aCompanyNameOnSeveralLinesIsPutOnOne() {
    assertEquals("Garage Tremblay: You are subscribed again. Reply STOP to unsubscribe, HELP for help.",
        ComplianceTexts.startConfirmation("en", "  Garage\n  Tremblay "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fr", "FR", "fr-CA", "fr_CA", "French"})
  void frenchProfilesGetFrench(String code) {
    assertEquals(ComplianceTexts.firstMessageNotice("fr"), ComplianceTexts.firstMessageNotice(code));
    assertEquals(ComplianceTexts.stopConfirmation("fr", COMPANY), ComplianceTexts.stopConfirmation(code, COMPANY));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"es", "de", "xx", "en-CA", "EN"})
  void anUnknownLanguageGetsEnglish(String code) {
    assertEquals(allTexts("en", COMPANY), allTexts(code, COMPANY));
  }
}
