package com.textinbox.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for something asynchronous (a queue, a receipt) with a deadline, then fails saying what was awaited. */
final class Eventually {
  private Eventually() {}

  static <T> T await(String what, Duration timeout, Supplier<T> probe) {
    Instant deadline = Instant.now().plus(timeout);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        T value = probe.get();
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + (last == null ? "" : "; last error: " + last), last);
  }
}
