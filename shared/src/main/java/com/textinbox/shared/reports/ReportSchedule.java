package com.textinbox.shared.reports;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a month's report is due, and which months may be asked for (N4): a month's report is due
 * once the next month has begun in the company's zone (midnight on the 1st there).
 */
public final class ReportSchedule {
  private ReportSchedule() {}

  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
  /** The first zone of the world to begin a month. */
  private static final ZoneOffset EASTMOST = ZoneOffset.ofHours(14);

  /** Whether the report of {@code month} is due at {@code now} for a company in {@code zone}. */
  public static boolean due(YearMonth month, ZoneId zone, Instant now) {
    return !now.isBefore(MonthInZone.start(month.plusMonths(1), zone));
  }

  /**
   * The months whose reports may be due at {@code now} somewhere are the ones before this one (the
   * month now in the eastmost zone): the due list is read below it.
   */
  public static YearMonth firstMonthNotDue(Instant now) {
    return YearMonth.from(now.atOffset(EASTMOST));
  }

  /** A month asked for ({@code 2026-11}): empty when malformed. */
  public static Optional<YearMonth> parse(String text) {
    if (text == null || !MONTH.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      YearMonth month = YearMonth.parse(text);
      return month.getYear() < 2000 ? Optional.empty() : Optional.of(month);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
