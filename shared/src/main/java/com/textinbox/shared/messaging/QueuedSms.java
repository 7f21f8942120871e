package com.textinbox.shared.messaging;

import com.textinbox.shared.data.Keys;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The rules an outbound message lives by while it is QUEUED (docs/data-model.md, "Outbound SMS"):
 * it sits on the sparse GSI4 list {@link Keys#QUEUED_SMS} until it leaves QUEUED; the sweep
 * re-enqueues it once {@link #GRACE} has passed without it being sent, every {@link #RETRY_EVERY}
 * after that, and gives it up as FAILED after {@link #MAX_AGE}, which the sender also refuses: a
 * customer is never texted a day late. While one delivery of its command is texting it, the
 * message holds a lease of {@link #LEASE}, so that two copies of the command never text it twice
 * at the same time.
 */
public final class QueuedSms {
  private QueuedSms() {}

  /** How long a QUEUED message may wait for its command before the sweep sends another. */
  public static final Duration GRACE = Duration.ofMinutes(5);
  /** How long the sweep waits after re-enqueueing a message before it looks at it again. */
  public static final Duration RETRY_EVERY = Duration.ofMinutes(5);
  /** Older than this, a message is never texted: FAILED {@link #EXPIRED}. */
  public static final Duration MAX_AGE = Duration.ofHours(24);
  /** How long one delivery of a command holds the message while it texts it (longer than a Lambda run). */
  public static final Duration LEASE = Duration.ofSeconds(60);

  public static final String EXPIRED = "expired";
  public static final String EXPIRED_DESCRIPTION =
      "It could not be texted within 24 hours, so it was not sent (the customer never gets a message a day late).";

  /** Where a message created at {@code createdAt} first sits on the sweep's list: due {@link #GRACE} later. */
  public static String firstDue(Instant createdAt, String messageId) {
    return Keys.queuedSmsDue(Keys.time(createdAt.plus(GRACE)), messageId);
  }

  /** The sweep's next look at a message it re-enqueues at {@code now}: {@link #RETRY_EVERY} later. */
  public static String nextDue(Instant now, String messageId) {
    return Keys.queuedSmsDue(Keys.time(now.plus(RETRY_EVERY)), messageId);
  }

  /** The sweep's next look at a message put back to wait until {@code sendAt} (decision 61): {@link #GRACE} after it. */
  public static String dueAfter(Instant sendAt, String messageId) {
    return Keys.queuedSmsDue(Keys.time(sendAt.plus(GRACE)), messageId);
  }

  /** Whether a message created at {@code createdAt} (ISO-8601; none: not known, so not expired) is too old to text at {@code now}. */
  public static boolean expired(String createdAt, Instant now) {
    if (createdAt == null) {
      return false;
    }
    try {
      return Instant.parse(createdAt).plus(MAX_AGE).isBefore(now);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
