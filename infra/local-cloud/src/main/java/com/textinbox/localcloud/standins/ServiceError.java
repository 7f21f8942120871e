package com.textinbox.localcloud.standins;

/**
 * An error a stand-in answers the way the AWS service would: an HTTP status, the service's error
 * code (what the SDK turns into its exception type) and a message.
 */
public final class ServiceError extends RuntimeException {
  private final int status;
  private final String code;
  private final boolean senderFault;

  public ServiceError(int status, String code, String message) {
    this(status, code, message, status < 500);
  }

  public ServiceError(int status, String code, String message, boolean senderFault) {
    super(message);
    this.status = status;
    this.code = code;
    this.senderFault = senderFault;
  }

  /** A 400 with the given code: most validation errors of the Query services. */
  public static ServiceError badRequest(String code, String message) {
    return new ServiceError(400, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Whether the caller is at fault ("Sender") or the service ("Receiver"). */
  public boolean senderFault() {
    return senderFault;
  }
}
