package com.textinbox.shared.store;

/**
 * DynamoDB kept refusing part of a batch (throttled) after a few tries. An API answers it as a 503
 * the client may retry; a queue consumer lets the message be delivered again. Never a wrong "not
 * found".
 */
public final class StoreBusyException extends RuntimeException {
  public StoreBusyException(String message) {
    super(message);
  }
}
