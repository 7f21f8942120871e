package com.textinbox.shared.imports;

/**
 * What was found reading a file: its format, and for a CSV its encoding and delimiter.
 *
 * @param format {@code csv} or {@code xlsx}
 * @param encoding {@code UTF-8} or {@code windows-1252} (CSV), null for XLSX
 * @param delimiter the CSV's delimiter ({@code , ; | \t}), null for XLSX
 * @param rows the data rows read (all of them unless the reader stopped early)
 * @param complete whether every row was read
 */
public record SheetInfo(String format, String encoding, String delimiter, long rows, boolean complete) {
  public static final String CSV = "csv", XLSX = "xlsx";
}
