package com.textinbox.localcloud.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;
import java.util.Locale;

/**
 * The lines Lambda itself writes to a function's log stream around each invocation, in its format:
 * <pre>
 * START RequestId: 6b1c... Version: $LATEST
 * END RequestId: 6b1c...
 * REPORT RequestId: 6b1c...	Duration: 12.34 ms	Billed Duration: 472 ms	Memory Size: 1024 MB	Max Memory Used: ...	Init Duration: 459.12 ms
 * </pre>
 * Fields of REPORT are separated by tabs, as on AWS. Init Duration appears on a cold start only;
 * since August 2025 Lambda bills the init phase too, so Billed Duration is then the sum of both,
 * rounded up to the millisecond.
 *
 * <p>Max Memory Used cannot be measured per function here: every function shares one JVM and
 * one heap. The line says so, with the bytes the invocation's thread allocated as the nearest
 * figure there is (an upper bound of what the invocation itself needed, blind to what the
 * function's runtime keeps between invocations).
 */
public final class LambdaLogLines {
  private static final long MB = 1024 * 1024;

  private LambdaLogLines() {}

  public static String start(String requestId) {
    return "START RequestId: " + requestId + " Version: $LATEST";
  }

  public static String end(String requestId) {
    return "END RequestId: " + requestId;
  }

  /**
   * @param initNanos the cold start's init duration, or a negative number on a warm invocation
   * @param allocatedBytes the bytes the invocation's thread allocated, or a negative number when unknown
   */
  public static String report(String requestId, long durationNanos, long initNanos, int memorySizeMb, long allocatedBytes) {
    boolean cold = initNanos >= 0;
    long billedMillis = ceilMillis(durationNanos + (cold ? initNanos : 0));
    StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId)
        .append("\tDuration: ").append(millis(durationNanos)).append(" ms")
        .append("\tBilled Duration: ").append(billedMillis).append(" ms")
        .append("\tMemory Size: ").append(memorySizeMb).append(" MB")
        .append("\tMax Memory Used: ").append(maxMemoryUsed(allocatedBytes));
    if (cold) {
      line.append("\tInit Duration: ").append(millis(initNanos)).append(" ms");
    }
    return line.toString();
  }

  /** Not measurable in a shared JVM: says so, with the thread's allocation when known. */
  static String maxMemoryUsed(long allocatedBytes) {
    if (allocatedBytes < 0) {
      return "n/a (one shared JVM)";
    }
    return "n/a (one shared JVM; allocated " + (allocatedBytes + MB - 1) / MB + " MB)";
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1_000_000.0);
  }

  static long ceilMillis(long nanos) {
    return (nanos + 999_999) / 1_000_000;
  }

  /** What Lambda's Java runtime writes when the handler throws: the error as JSON (here without the stack). */
  public static String error(Throwable error) {
    ObjectNode json = Json.object();
    json.put("errorMessage", error.getMessage());
    json.put("errorType", error.getClass().getName());
    return json.toString();
  }

  /** What Lambda writes when the runtime process dies mid-invocation (here: a crash-after fault, docs/reliability.md). */
  public static String crashed(String why) {
    return "Runtime exited: " + why + "\nRuntime.ExitError";
  }
}
