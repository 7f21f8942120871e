package com.textinbox.shared.exports;

import java.util.regex.Pattern;

/**
 * Spreadsheet formula injection (P7, OWASP "CSV injection"): a cell a spreadsheet would read as a
 * formula ({@code =}, {@code +}, {@code -}, {@code @}, or a tab / carriage return first) gets a
 * leading apostrophe, which Excel, LibreOffice and Google Sheets show as text. Plain numbers
 * ({@code +15145550111}, {@code -12.5}) stay as they are: a number is never a formula.
 */
public final class SpreadsheetCells {
  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d[\\d ]*(\\.\\d+)?");

  private SpreadsheetCells() {}

  /** The value as a cell may hold it safely; null stays null (an empty cell). */
  public static String safe(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    return risky && !NUMBER.matcher(value).matches() ? "'" + value : value;
  }
}
