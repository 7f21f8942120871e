package com.textinbox.shared.imports;

/**
 * A customer file that cannot be imported (P4, "bad input"): not a CSV or XLSX, empty, too large, in
 * another encoding, with merged or formula cells, too many columns. {@code code} is stable for
 * clients; the message says what to fix, in words a person can act on.
 */
public final class FileRefused extends RuntimeException {
  public static final String NOT_CSV_OR_XLSX = "not_csv_or_xlsx", EMPTY = "empty", TOO_LARGE = "too_large";
  public static final String ENCODING = "encoding", MERGED_CELLS = "merged_cells", FORMULA_CELLS = "formula_cells";
  public static final String TOO_MANY_COLUMNS = "too_many_columns", MALFORMED = "malformed", NO_TITLES = "no_titles";

  private final String code;

  public FileRefused(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
