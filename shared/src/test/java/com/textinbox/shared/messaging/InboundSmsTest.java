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

  @Test
  void masksNumbersForLogs() {
    assertEquals("***12", PhoneNumbers.masked("+15145550112"));
    assertEquals("***", PhoneNumbers.masked(null));
  }
}
