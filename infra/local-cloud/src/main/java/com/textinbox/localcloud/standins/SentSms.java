package com.textinbox.localcloud.standins;

import java.time.Instant;
import java.util.Map;

/**
 * A text message the SNS stand-in was asked to send: {@code originationNumber} is the
 * {@code AWS.MM.SMS.OriginationNumber} attribute (null when none was given) and {@code attributes}
 * holds every message attribute by name, {@code AWS.SNS.SMS.SenderID} included.
 */
public record SentSms(
    String messageId,
    String originationNumber,
    String destinationNumber,
    String body,
    Map<String, String> attributes,
    Instant sentAt) {

  public static final String ORIGINATION_NUMBER = "AWS.MM.SMS.OriginationNumber";
  public static final String SENDER_ID = "AWS.SNS.SMS.SenderID";

  public SentSms {
    attributes = Map.copyOf(attributes);
  }
}
