package com.textinbox.sender;

import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Where an SMS leaves the system. Today SNS {@code Publish} to a phone number (the local carrier
 * reads the same call); an interface so that End User Messaging SMS v2 {@code SendTextMessage},
 * whose IAM resource can be the company's phone number, can replace it (docs/least-privilege.md,
 * "Outbound SMS").
 */
@FunctionalInterface
public interface SmsGateway {
  /** Texts {@code text} from {@code originationNumber} to {@code to}; returns the carrier's message id. */
  String send(String originationNumber, String to, String text);

  /** SNS Publish to {@code PhoneNumber}, transactional, from the company's number. */
  static SmsGateway sns(SnsClient sns) {
    return (origination, to, text) -> sns.publish(b -> b.phoneNumber(to).message(text).messageAttributes(Map.of(
        "AWS.MM.SMS.OriginationNumber", MessageAttributeValue.builder().dataType("String").stringValue(origination).build(),
        "AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build())))
        .messageId();
  }
}
