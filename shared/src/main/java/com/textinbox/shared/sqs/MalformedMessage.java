package com.textinbox.shared.sqs;

/**
 * A queue message that is not what its queue carries (not JSON, a field missing): it can never
 * succeed, so it is left to the redrive and then the DLQ, where a person can read it. The one
 * exception the message parsers throw ({@code JobMessage}, {@code ImportMessage}, {@code NotificationEvent},
 * {@code SendSmsCommand});
 * {@link SqsBatchHandler} logs it as such.
 */
public final class MalformedMessage extends RuntimeException {
  public MalformedMessage(String message) {
    super(message, null, false, false);
  }
}
