package com.textinbox.shared.reports;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

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
}
