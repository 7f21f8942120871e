package com.textinbox.localcloud.faults;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which functions' current invocation has crashed (a {@code crash-after} fault). A local function
 * runs one invocation at a time (LocalFunction), so the function's logical id names the invocation;
 * a function run as several instances (an SQS event's MaximumConcurrency) runs them one at a time
 * while {@link #possible} says a crash may strike it.
 *
 * <p>How a crash is played: the proxy forwards the call (it takes effect), then marks the function
 * crashed here and answers that call, and every later AWS call of the same invocation, with a
 * non-retryable error without forwarding it: from the crash on, nothing the handler does reaches
 * AWS, as nothing a dead process does would. When the handler returns (or throws), LocalFunction
 * asks {@link #end}: a crashed invocation is reported to its trigger as a function error whatever
 * the handler answered, so the trigger does what it does for a crashed runtime (SQS: the batch
 * comes back after the visibility timeout; stream: the batch is retried; API Gateway: 502; async:
 * Lambda's two retries). The function instance is kept (a real crash would start a new one, with a
 * cold start): static state of the handler survives, which is documented in docs/reliability.md.
 */
public final class Crashes {
  private final ConcurrentMap<String, String> crashed = new ConcurrentHashMap<>();
  private volatile java.util.function.Predicate<String> possible = function -> false;

  /** Whether a crash-after fault may strike the function now (a rule names it or *). */
  public boolean possible(String function) {
    return possible.test(function);
  }

  void possibleWhen(java.util.function.Predicate<String> rule) {
    this.possible = rule;
  }

  /** A new invocation of the function starts: nothing crashed yet. */
  public void begin(String function) {
    crashed.remove(function);
  }

  void crash(String function, String why) {
    crashed.putIfAbsent(function, why);
  }

  /** Why the function's current invocation crashed, if it did. */
  public Optional<String> crashed(String function) {
    return Optional.ofNullable(crashed.get(function));
  }

  /** The invocation ends: why it crashed, if it did (and the mark is cleared). */
  public Optional<String> end(String function) {
    return Optional.ofNullable(crashed.remove(function));
  }
}
