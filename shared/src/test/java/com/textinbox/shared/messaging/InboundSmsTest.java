package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InboundSmsTest {
  @Test
  void readsEndUserMessagingsPayloadAndNormalisesNumbers() {
    InboundSms sms = InboundSms.parse("""
        {"originationNumber":"(514) 555-0112","destinationNumber":"+1 514 555 0100","messageKeyword":"KEYWORD_1",
         "messageBody":"Bonjour 👋","inboundMessageId":"abc-1","previousPublishedMessageId":"z"}""", "CA");
    assertEquals("+15145550112", sms.from());
    assertEquals("+15145550100", sms.to());
    assertEquals("Bonjour 👋", sms.body());
    assertEquals("abc-1", sms.carrierMessageId());
  }

  @Test
  void rejectsWhatCanNeverBeStoredWithTheReason() {
    assertTrue(assertThrows(InboundSms.RejectedPayload.class, () -> InboundSms.parse("nope", "US")).getMessage().contains("JSON"));
    assertTrue(assertThrows(InboundSms.RejectedPayload.class, () -> InboundSms.parse("[1]", "US")).getMessage().contains("object"));
    assertTrue(assertThrows(InboundSms.RejectedPayload.class,
        () -> InboundSms.parse("{\"originationNumber\":\"+15145550112\",\"destinationNumber\":\"+15145550100\",\"messageBody\":\"x\"}", "US"))
        .getMessage().contains("inboundMessageId"));
    assertTrue(assertThrows(InboundSms.RejectedPayload.class,
        () -> InboundSms.parse("{\"originationNumber\":\"12\",\"destinationNumber\":\"+15145550100\",\"messageBody\":\"x\",\"inboundMessageId\":\"i\"}", "US"))
        .getMessage().contains("originationNumber"));
  }

  /**
   * The carrier's E.164 numbers are taken as they are (decision 70: no libphonenumber at a text's
   * cold start); any other form is still read, and refused when it is no number, by libphonenumber.
   */
  @Test
  void takesTheCarriersE164NumbersAsTheyAreAndReadsAnyOtherForm() {
    assertEquals(java.util.Optional.of("+15145550112"), PhoneNumbers.fromCarrier("+15145550112", "US"));
    assertEquals(java.util.Optional.of("+33612345678"), PhoneNumbers.fromCarrier("+33612345678", "US"));
    assertEquals(java.util.Optional.of("+15145550112"), PhoneNumbers.fromCarrier("514-555-0112", "CA"));
    assertEquals(java.util.Optional.of("+15145550112"), PhoneNumbers.fromCarrier("+1 514 555 0112", "US"));
    assertEquals(java.util.Optional.empty(), PhoneNumbers.fromCarrier("12", "US"));
    assertEquals(java.util.Optional.empty(), PhoneNumbers.fromCarrier("+0145550112", "US"));
    assertEquals(java.util.Optional.empty(), PhoneNumbers.fromCarrier("", "US"));
    assertTrue(PhoneNumbers.isE164("+2901234"));
    assertTrue(PhoneNumbers.isE164("+123456789012345"));
    assertEquals(false, PhoneNumbers.isE164("+1234567890123456"), "16 digits: longer than E.164");
    assertEquals(false, PhoneNumbers.isE164("+290123"), "6 digits: shorter than any assigned number");
    assertEquals(false, PhoneNumbers.isE164("15145550112"), "no +");
    assertEquals(false, PhoneNumbers.isE164("+1514555011a"));
    assertEquals(false, PhoneNumbers.isE164(null));
    InboundSms sms = InboundSms.parse("{\"originationNumber\":\"+447700900123\",\"destinationNumber\":\"+15145550100\","
        + "\"messageBody\":\"x\",\"inboundMessageId\":\"i\"}", "US");
    assertEquals("+447700900123", sms.from());
    assertEquals("+15145550100", sms.to());
  }

  @Test
  void masksNumbersForLogs() {
    assertEquals("***12", PhoneNumbers.masked("+15145550112"));
    assertEquals("***", PhoneNumbers.masked(null));
  }
}
