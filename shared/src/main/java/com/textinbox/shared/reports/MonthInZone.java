package com.textinbox.shared.reports;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/** Months as a company lives them: they begin at midnight on the 1st in the company's time zone (N4). */
public final class MonthInZone {
  private MonthInZone() {}

  /** The month an instant belongs to in that zone (23:30 on Nov 30 in Toronto is November, whatever UTC says). */
  public static YearMonth of(Instant at, ZoneId zone) {
    return YearMonth.from(at.atZone(zone));
  }

  /** The instant a month begins in that zone. */
  public static Instant start(YearMonth month, ZoneId zone) {
    return ZonedDateTime.of(month.atDay(1).atStartOfDay(), zone).toInstant();
  }

  /** The zones of the world are between these offsets from UTC. */
  private static final ZoneOffset WESTMOST = ZoneOffset.ofHours(-12), EASTMOST = ZoneOffset.ofHours(14);

  /**
   * The month an instant belongs to in EVERY zone, or empty when it is within a day of a month's
   * turn (it then depends on the zone). Lets InboundSms count a message without reading the
   * company's zone on all but one day or so of the month (decision 52).
   */
  public static Optional<YearMonth> inEveryZone(Instant at) {
    YearMonth west = YearMonth.from(at.atOffset(WESTMOST));
    return west.equals(YearMonth.from(at.atOffset(EASTMOST))) ? Optional.of(west) : Optional.empty();
  }
}
