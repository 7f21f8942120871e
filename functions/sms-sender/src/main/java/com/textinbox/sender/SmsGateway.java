package com.textinbox.sender;

import com.textinbox.shared.aws.PrimingInterceptor;
import com.textinbox.shared.aws.XmlAnswers;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Where an SMS leaves the system. Today SNS {@code Publish} to a phone number (the local carrier
 * reads the same call); an interface so that End User Messaging SMS v2 {@code SendTextMessage},
 * whose IAM resource can be the company's phone number, can replace it (docs/least-privilege.md,
 * "Outbound SMS").
 */
@FunctionalInterface
public interface SmsGateway {
  /**
   * Texts {@code text} from {@code originationNumber} to {@code to}; returns the carrier's message id.
   * {@link Throttled} when the carrier refused it for now, having sent nothing.
   */
  String send(String originationNumber, String to, String text);

  /**
   * The carrier refused the text because too many were sent (SNS {@code Throttling}, a 429: the
   * account's SMS rate or the number's); nothing was sent, trying later is safe (decision 61).
   */
  final class Throttled extends RuntimeException {
    public Throttled(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * SNS Publish to {@code PhoneNumber}, transactional, from the company's number. A throttling
   * answer still so after the SDK's own retries is {@link Throttled}. The client is asked for at
   * each text, so that it can be built at the first one ({@code AwsClients.lazy}, which priming
   * builds): a command whose message was texted already (a redelivery, the sweep's copy) sends
   * nothing and so never needs it (decision 70: about 215 classes of the cold start).
   */
  static SmsGateway sns(Supplier<SnsClient> client) {
    return new SmsGateway() {
      @Override
      public String send(String originationNumber, String to, String text) {
        return publish(client.get(), originationNumber, to, text);
      }

      @Override
      public void prime() {
        // 555-01xx: numbers reserved for fiction; the call never leaves the process anyway
        PrimingInterceptor.unsent(() -> client.get().publish(request("+15145550100", "+15145550199", "priming")
            .overrideConfiguration(PrimingInterceptor.UNSENT).build()));
        PublishResponse.builder().messageId("priming").build();
        XmlAnswers.prime();
      }
    };
  }

  /**
   * SnapStart priming (decision 46): a text published as {@link #send} publishes one, stopped
   * before transmission (PrimingInterceptor: nothing sent), and its answer's model and XML read.
   * Gateways that are not SNS (the tests' lambdas) prime nothing.
   */
  default void prime() {}

  private static PublishRequest.Builder request(String origination, String to, String text) {
    return PublishRequest.builder().phoneNumber(to).message(text).messageAttributes(Map.of(
        "AWS.MM.SMS.OriginationNumber", MessageAttributeValue.builder().dataType("String").stringValue(origination).build(),
        "AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build()));
  }

  private static String publish(SnsClient sns, String origination, String to, String text) {
    try {
      return sns.publish(request(origination, to, text).build()).messageId();
    } catch (SnsException e) {
      if (e.isThrottlingException()) {
        throw new Throttled("SNS throttled the text: " + e.awsErrorDetails().errorCode(), e);
      }
      throw e;
    }
  }
}
