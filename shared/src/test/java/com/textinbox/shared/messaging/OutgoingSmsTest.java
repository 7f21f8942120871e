package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.messaging.ComplianceKeyword.Language;
import com.textinbox.shared.messaging.ComplianceKeyword.Type;
import org.junit.jupiter.api.Test;

class OutgoingSmsTest {
  @Test
  void aPersonsMessageIsSignedWithTheirFirstName() {
    OutgoingSms sms = OutgoingSms.compose("Your car is ready.", "Chloé Roy", false, "en");
    assertEquals("Chloé: Your car is ready.", sms.text());
    assertFalse(sms.stopNotice());
    assertEquals(1, sms.segments().segments());
  }

  @Test
  void anAutomationsMessageIsNotSigned() {
    assertEquals("Reminder", OutgoingSms.compose("Reminder", null, false, null).text());
    assertEquals("Reminder", OutgoingSms.compose("Reminder", "  ", false, null).text());
  }

  @Test
  void theFirstMessageCarriesTheStopNoticeInTheCustomersLanguage() {
    OutgoingSms en = OutgoingSms.compose("Hi", "Chloé", true, null);
    assertEquals("Chloé: Hi\n" + ComplianceTexts.firstMessageNotice("en"), en.text());
    assertTrue(en.stopNotice());
    assertEquals("Chloé: Bonjour\n" + ComplianceTexts.firstMessageNotice("fr"),
        OutgoingSms.compose("Bonjour", "Chloé", true, "fr-CA").text());
  }

  @Test
  void thePartLimitCountsTheNameAndTheNotice() {
    String body = "a".repeat(153 * SmsSegments.MAX_SEGMENTS - "Chloé: ".length());
    assertTrue(OutgoingSms.compose(body, null, false, null).fits());
    OutgoingSms signed = OutgoingSms.compose(body, "Chloé", true, null);
    assertFalse(signed.fits());
    assertTrue(signed.tooLongReason().contains("at most " + SmsSegments.MAX_SEGMENTS));
  }

  @Test
  void aKeywordReplyIsTheComplianceTextInTheKeywordsLanguage() {
    ComplianceKeyword arret = new ComplianceKeyword(Type.STOP, Language.FR, "ARRET");
    assertEquals(ComplianceTexts.stopConfirmation("fr", "Maple"), OutgoingSms.keywordReply(arret, "Maple", null).text());
    ComplianceKeyword start = new ComplianceKeyword(Type.START, Language.EN, "START");
    assertEquals(ComplianceTexts.startConfirmation("en", "Maple"), OutgoingSms.keywordReply(start, "Maple", null).text());
    ComplianceKeyword help = new ComplianceKeyword(Type.HELP, Language.EN, "HELP");
    assertEquals(ComplianceTexts.helpAnswer("en", "Maple", "Call 555-0100."),
        OutgoingSms.keywordReply(help, "Maple", "Call 555-0100.").text());
    assertEquals(ComplianceTexts.helpAnswer("en", "Maple", ComplianceTexts.defaultHelpText("en", "Maple")),
        OutgoingSms.keywordReply(help, "Maple", " ").text());
    assertFalse(OutgoingSms.keywordReply(help, "Maple", null).stopNotice());
  }

  @Test
  void theFirstNameIsTheFirstWord() {
    assertEquals("Chloé", OutgoingSms.firstName("  Chloé   Roy "));
    assertNull(OutgoingSms.firstName(null));
  }
}
