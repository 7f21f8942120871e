package com.textinbox.localcloud.triggers;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge schedule expressions: {@code rate(5 minutes)} and six-field
 * {@code cron(minutes hours day-of-month month day-of-week year)} with *, ?, lists, ranges, steps,
 * month and weekday names and L (last day of the month). Weekdays count 1 = SUN as AWS does.
 */
public final class AwsScheduleExpression {
  private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
  private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final Duration rate;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final boolean lastDayOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final BitSet years;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private AwsScheduleExpression(Duration rate, String[] cron) {
    this.rate = rate;
    if (cron == null) {
      minutes = hours = daysOfMonth = months = daysOfWeek = years = null;
      lastDayOfMonth = anyDayOfMonth = anyDayOfWeek = false;
      return;
    }
    minutes = field(cron[0], 0, 59, List.of(), 0);
    hours = field(cron[1], 0, 23, List.of(), 0);
    lastDayOfMonth = cron[2].equals("L");
    anyDayOfMonth = cron[2].equals("*") || cron[2].equals("?");
    daysOfMonth = lastDayOfMonth ? new BitSet() : field(cron[2], 1, 31, List.of(), 0);
    months = field(cron[3], 1, 12, MONTHS, 1);
    anyDayOfWeek = cron[4].equals("*") || cron[4].equals("?");
    daysOfWeek = field(cron[4], 1, 7, DAYS, 1);
    years = field(cron[5], 1970, 2199, List.of(), 0);
  }

  public static AwsScheduleExpression parse(String expression) {
    String text = expression.trim();
    Matcher rate = RATE.matcher(text);
    if (rate.matches()) {
      long value = Long.parseLong(rate.group(1));
      ChronoUnit unit = rate.group(2).startsWith("minute") ? ChronoUnit.MINUTES
          : rate.group(2).startsWith("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
      if (value < 1) {
        throw new IllegalArgumentException("rate must be at least 1: " + expression);
      }
      return new AwsScheduleExpression(Duration.of(value, unit), null);
    }
    Matcher cron = CRON.matcher(text);
    if (cron.matches()) {
      String[] fields = cron.group(1).trim().split("\\s+");
      if (fields.length != 6) {
        throw new IllegalArgumentException("cron needs six fields (min hour day-of-month month day-of-week year): " + expression);
      }
      return new AwsScheduleExpression(null, fields);
    }
    throw new IllegalArgumentException("not a schedule expression: " + expression);
  }

  /** The first time strictly after {@code after} (truncated to the minute) that the schedule fires. */
  public ZonedDateTime next(ZonedDateTime after) {
    if (rate != null) {
      return after.plus(rate);
    }
    ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    ZonedDateTime limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!years.get(t.getYear()) || !months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
        continue;
      }
      if (!dayMatches(t)) {
        t = t.withHour(0).withMinute(0).plusDays(1);
        continue;
      }
      if (!hours.get(t.getHour())) {
        t = t.withMinute(0).plusHours(1);
        continue;
      }
      if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
        continue;
      }
      return t;
    }
    throw new IllegalStateException("the schedule never fires in the next five years");
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = lastDayOfMonth
        ? t.getDayOfMonth() == t.toLocalDate().lengthOfMonth()
        : daysOfMonth.get(t.getDayOfMonth());
    int awsDow = t.getDayOfWeek().getValue() % 7 + 1; // SUN=1 ... SAT=7
    boolean dow = daysOfWeek.get(awsDow);
    if (anyDayOfMonth && anyDayOfWeek) {
      return true;
    }
    if (anyDayOfMonth) {
      return dow;
    }
    if (anyDayOfWeek) {
      return dom;
    }
    return dom && dow;
  }

  private static BitSet field(String text, int min, int max, List<String> names, int nameBase) {
    BitSet set = new BitSet();
    for (String part : text.toUpperCase(Locale.ROOT).split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = Integer.parseInt(part.substring(slash + 1));
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] bounds = range.split("-", 2);
        from = value(bounds[0], names, nameBase);
        to = value(bounds[1], names, nameBase);
      } else {
        from = value(range, names, nameBase);
        to = slash >= 0 ? max : from;
      }
      if (from < min || to > max || from > to || step < 1) {
        throw new IllegalArgumentException("cron field out of range: " + text);
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  private static int value(String text, List<String> names, int nameBase) {
    int index = names.indexOf(text);
    if (index >= 0) {
      return index + nameBase;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unsupported cron value '" + text + "' (W, # and L in weekdays are not supported locally)");
    }
  }
}
