package com.textinbox.shared.notifications;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a user's next daily digest is due: the next {@code hour}:00 in their zone strictly after a
 * moment. Computed on the local calendar of that zone, so the digest stays at 8:00 across DST
 * changes (a day of 23 or 25 hours), and an hour skipped by a spring-forward gap moves to the
 * first valid time after it.
 */
public final class DigestClock {
  private DigestClock() {}

  public static Instant nextAfter(Instant after, int hour, ZoneId zone) {
    ZonedDateTime local = after.atZone(zone);
    ZonedDateTime candidate = ZonedDateTime.of(local.toLocalDate(), LocalTime.of(hour, 0), zone);
    if (!candidate.toInstant().isAfter(after)) {
      candidate = ZonedDateTime.of(local.toLocalDate().plusDays(1), LocalTime.of(hour, 0), zone);
    }
    return candidate.toInstant();
  }
}
