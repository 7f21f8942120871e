package com.textinbox.localcloud.faults;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The faults the local cloud can inject into a function's AWS calls (docs/reliability.md). */
public enum FaultKind {
  /** The service's throttling error (DynamoDB ProvisionedThroughputExceeded / Throttling, SNS Throttling...). */
  THROTTLING,
  /** DynamoDB only: a transaction cancelled for a TransactionConflict, a single-item write's TransactionConflictException. */
  TRANSACTION_CONFLICT,
  /** The service's 500 (DynamoDB InternalServerError, SQS InternalFailure, SNS InternalError...). */
  SERVER_ERROR,
  /** The connection is held, then closed with no answer (optionally after the call reached the service). */
  TIMEOUT,
  /** The call is forwarded and takes effect, then the invocation dies as a crashed process would. */
  CRASH_AFTER;

  /** The name rules use: {@code crash-after} for CRASH_AFTER. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  public static FaultKind of(String id) {
    return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("'fault' must be one of "
            + Arrays.stream(values()).map(FaultKind::id).collect(Collectors.joining(", ")) + ", not '" + id + "'"));
  }
}
