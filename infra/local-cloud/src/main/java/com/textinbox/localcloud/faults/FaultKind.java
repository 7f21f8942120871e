package com.textinbox.localcloud.faults;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The faults the local cloud can inject into a function's AWS calls (docs/reliability.md). */
public enum FaultKind {
  /** The service's throttling error (DynamoDB ProvisionedThroughputExceeded / Throttling, SNS Throttling...). */
  THROTTLING("throttling"),
  /** DynamoDB only: a transaction cancelled for a TransactionConflict, a single-item write's TransactionConflictException. */
  TRANSACTION_CONFLICT("transaction-conflict"),
  /** The service's 500 (DynamoDB InternalServerError, SQS InternalFailure, SNS InternalError...). */
  SERVER_ERROR("server-error"),
  /** The connection is held, then closed with no answer (optionally after the call reached the service). */
  TIMEOUT("timeout"),
  /** The call is forwarded and takes effect, then the invocation dies as a crashed process would. */
  CRASH_AFTER("crash-after");

  private final String id;

  FaultKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static FaultKind of(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("'fault' must be one of "
            + Arrays.stream(values()).map(FaultKind::id).collect(Collectors.joining(", ")) + ", not '" + id + "'"));
  }
}
