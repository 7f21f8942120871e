package com.textinbox.shared.imports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The date formats a date column may be mapped with (seed 002: "choose the date format"): day,
 * month and four-digit year in the usual orders. Parsed strictly (31/02 is no date). A cell of an
 * XLSX formatted as a date arrives as an ISO date and is read whatever the format chosen.
 */
public final class DateFormats {
  public static final List<String> FORMATS = List.of("yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "d/M/yyyy", "M/d/yyyy",
      "dd-MM-yyyy", "MM-dd-yyyy", "dd.MM.yyyy", "yyyy/MM/dd");
  private static final Map<String, DateTimeFormatter> PARSERS = new LinkedHashMap<>();

  static {
    for (String format : FORMATS) {
      PARSERS.put(format, DateTimeFormatter.ofPattern(format.replace("yyyy", "uuuu")).withResolverStyle(ResolverStyle.STRICT));
    }
  }

  private DateFormats() {}

  public static boolean known(String format) {
    return PARSERS.containsKey(format);
  }

  /**
   * The date {@code text} is in {@code format}; null when it is not one. {@code isoToo}: an ISO date
   * is read too (an XLSX, whose date cells arrive as ISO dates whatever Excel displayed).
   */
  public static LocalDate parse(String text, String format, boolean isoToo) {
    DateTimeFormatter parser = PARSERS.get(format);
    DateTimeFormatter[] candidates = isoToo ? new DateTimeFormatter[] {parser, PARSERS.get("yyyy-MM-dd")}
        : new DateTimeFormatter[] {parser};
    for (DateTimeFormatter candidate : candidates) {
      try {
        return LocalDate.parse(text, candidate);
      } catch (DateTimeParseException notThisOne) {
        // next
      }
    }
    return null;
  }

  /**
   * The format most of {@code samples} are dates in (a proposal: at least two thirds of them, so a
   * mistyped date in the first rows still proposes a date column, and is rejected by the run);
   * null when none. Ties go to the earlier format of {@link #FORMATS}.
   */
  public static String guess(List<String> samples) {
    if (samples.isEmpty()) {
      return null;
    }
    String best = null;
    int bestCount = 0;
    for (String format : FORMATS) {
      DateTimeFormatter parser = PARSERS.get(format);
      int count = 0;
      for (String sample : samples) {
        try {
          LocalDate.parse(sample, parser);
          count++;
        } catch (DateTimeParseException e) {
          // not in this format
        }
      }
      if (count > bestCount) {
        best = format;
        bestCount = count;
      }
    }
    return bestCount * 3 >= samples.size() * 2 ? best : null;
  }
}
