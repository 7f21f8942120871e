package com.textinbox.localcloud.standins;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** What SNS was asked to send to phones and devices, kept for tests and people to read back. */
final class SnsOutbox {
  private static final System.Logger LOG = System.getLogger(SnsOutbox.class.getName());
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

  private final List<SentSms> sms = new CopyOnWriteArrayList<>();
  private final List<SentPush> pushes = new CopyOnWriteArrayList<>();
  private final List<Consumer<SentSms>> smsListeners = new CopyOnWriteArrayList<>();
  private final Executor listenerExecutor;

  /** Listeners run on {@code listenerExecutor}: a carrier's receipt comes after the send, not inside it. */
  SnsOutbox(Executor listenerExecutor) {
    this.listenerExecutor = listenerExecutor;
  }

  /** E.164: a plus and 8 to 15 digits, the first not 0. */
  static boolean isE164(String phoneNumber) {
    return phoneNumber != null && E164.matcher(phoneNumber).matches();
  }

  static void checkPhoneNumber(String phoneNumber) {
    if (!isE164(phoneNumber)) {
      throw SnsMessage.invalidParameter("PhoneNumber Reason: " + phoneNumber + " is not valid to publish to");
    }
  }

  SentSms sendSms(String messageId, String phoneNumber, String body, Map<String, String> attributes) {
    SentSms sent = new SentSms(messageId, attributes.get(SentSms.ORIGINATION_NUMBER), phoneNumber, body,
        attributes, Instant.now());
    sms.add(sent);
    for (Consumer<SentSms> listener : smsListeners) {
      listenerExecutor.execute(() -> {
        try {
          listener.accept(sent);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "an SMS listener failed on " + messageId, e);
        }
      });
    }
    return sent;
  }

  SentPush sendPush(String messageId, SnsPlatformEndpoints.Endpoint endpoint, String message) {
    SentPush sent = new SentPush(messageId, endpoint.arn(), endpoint.token(), endpoint.platform(), message,
        Instant.now());
    pushes.add(sent);
    return sent;
  }

  void onSms(Consumer<SentSms> listener) {
    smsListeners.add(listener);
  }

  List<SentSms> sentSms() {
    return List.copyOf(sms);
  }

  List<SentPush> sentPushes() {
    return List.copyOf(pushes);
  }
}
