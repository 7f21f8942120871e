package com.textinbox.shared.messaging;

import java.time.Duration;

/**
 * How fast one company number may text (docs/decisions.md 61): a carrier lets a toll-free or 10DLC
 * number send only a few texts a second, so SmsSender gives every text a place in its number's
 * line, one {@link #intervalMillis()} after the one before (a reservation in DynamoDB shared by
 * every container: {@code SendRateStore}), and either waits for it or, when it is further than
 * {@link #MAX_WAIT}, puts the command back on the queue with a delay that brings it back at its
 * place ({@link Turn.Later}), so a burst of one company (5,000 appointment reminders) neither holds
 * the senders nor burns the message's receives. Plain rules, no AWS type.
 */
public record SendRate(double perSecond) {
  /** The longest a sender waits in its container for a text's place; further: the command comes back later. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(1);
  /** The most one invocation sleeps for places, all its texts together (its Lambda timeout is 20 s). */
  public static final Duration BATCH_WAIT_BUDGET = Duration.ofSeconds(5);
  /** A place that came back later than this past its time is given up for a new one (no catch-up burst). */
  public static final Duration LATE = Duration.ofSeconds(2);
  /** SQS's longest DelaySeconds: a place further away comes back and is put back again. */
  public static final int MAX_DELAY_SECONDS = 900;
  /** Longest back-off after the carrier (SNS) said "throttled" (before jitter). */
  public static final int MAX_THROTTLED_DELAY_SECONDS = 60;

  public SendRate {
    if (!(perSecond > 0) || perSecond > 1000) {
      throw new IllegalArgumentException("a send rate is a number of texts per second above 0 and at most 1000, not " + perSecond);
    }
  }

  /** The setting as the template passes it ({@code SMS_SEND_RATE_PER_SECOND}: "1", "3", "0.5"). */
  public static SendRate of(String setting) {
    try {
      return new SendRate(Double.parseDouble(setting.trim()));
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException("the send rate setting is not a number: " + setting, e);
    }
  }

  /** Time between two texts of one number. */
  public long intervalMillis() {
    return (long) Math.ceil(1000 / perSecond);
  }

  /** When a text whose place is at {@code placeAt} may go, seen at {@code now} (epoch milliseconds). */
  public sealed interface Turn {
    /** Send after waiting {@code waitMillis} (0: now). */
    record Now(long waitMillis) implements Turn {}

    /** Put the command back with this DelaySeconds, keeping the place. */
    record Later(int delaySeconds) implements Turn {}
  }

  public static Turn turn(long placeAt, long now) {
    return turn(placeAt, now, 0);
  }

  /** As {@link #turn(long, long)}, for an invocation that already slept {@code waitedMillis} for places. */
  public static Turn turn(long placeAt, long now, long waitedMillis) {
    long wait = placeAt - now;
    if (wait <= 0) {
      return new Turn.Now(0);
    }
    if (wait <= MAX_WAIT.toMillis() && waitedMillis + wait <= BATCH_WAIT_BUDGET.toMillis()) {
      return new Turn.Now(wait);
    }
    return new Turn.Later((int) Math.min(MAX_DELAY_SECONDS, (wait + 999) / 1000));
  }

  /** Whether a place held since an earlier delivery may still be used at {@code now} (not too late). */
  public static boolean stillHeld(long placeAt, long now) {
    return now <= placeAt + LATE.toMillis();
  }

  /**
   * The delay before trying again a text the carrier refused as throttled, the {@code deferrals}-th
   * time it is put back: 1, 2, 4 ... up to {@link #MAX_THROTTLED_DELAY_SECONDS} seconds, plus
   * {@code jitterSeconds} (0 or 1, so that texts refused together do not come back together).
   */
  public static int throttledDelaySeconds(int deferrals, int jitterSeconds) {
    int exponent = Math.max(0, Math.min(deferrals, 6));
    return Math.min(MAX_THROTTLED_DELAY_SECONDS, 1 << exponent) + jitterSeconds;
  }
}
