package com.textinbox.shared.imports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rules both readers apply to the rows they find (seed 002: "no empty or extra rows and
 * columns, no main title, one value per cell"): the first row that is not empty holds the column
 * titles; empty rows are skipped; trailing blank columns are dropped; a blank title between
 * others, a value under no title or 100 columns or more refuse the file, saying where.
 */
final class RowShaper {
  /** At most 99 columns: an import maps each one, and a wider sheet is rarely a customer list. */
  static final int MAX_COLUMNS = 99;

  private final SheetRows out;
  private List<String> titles;
  private long rows;

  RowShaper(SheetRows out) {
    this.out = out;
  }

  /** One row as read (cells in column order, blank for none); false once the reader should stop. */
  boolean accept(long line, List<String> raw) {
    int width = width(raw);
    if (width == 0) {
      return true;   // an empty row
    }
    if (width > MAX_COLUMNS) {
      throw new FileRefused(FileRefused.TOO_MANY_COLUMNS, "Row " + line + " has " + width + " columns; an import takes at most "
          + MAX_COLUMNS + ". Remove the columns you do not need, then upload the file again.");
    }
    List<String> cells = new ArrayList<>(raw.subList(0, width));
    cells.replaceAll(cell -> cell == null ? "" : cell.strip());
    if (titles == null) {
      for (int c = 0; c < width; c++) {
        if (cells.get(c).isEmpty()) {
          throw new FileRefused(FileRefused.NO_TITLES, "Column " + columnName(c) + " has no title in row " + line
              + ". The first row holds the column titles (no main title above them, no empty columns between them).");
        }
      }
      titles = Collections.unmodifiableList(cells);
      out.header(titles);
      return true;
    }
    if (width > titles.size()) {
      throw new FileRefused(FileRefused.NO_TITLES, "Row " + line + " has a value in column " + columnName(width - 1)
          + ", which has no title in the first row. Give every column a title (and put no main title above them).");
    }
    while (cells.size() < titles.size()) {
      cells.add("");
    }
    rows++;
    return out.row(line, Collections.unmodifiableList(cells));
  }

  /** The end of the file: one with no titles at all is empty. */
  long finish() {
    if (titles == null) {
      throw new FileRefused(FileRefused.EMPTY, "The file is empty: it needs a row of column titles and a row per customer.");
    }
    return rows;
  }

  private static int width(List<String> raw) {
    int width = raw.size();
    while (width > 0 && (raw.get(width - 1) == null || raw.get(width - 1).isBlank())) {
      width--;
    }
    return width;
  }

  /** A spreadsheet's column letters: 0 is A, 26 is AA. */
  static String columnName(int index) {
    StringBuilder name = new StringBuilder();
    for (int n = index + 1; n > 0; n = (n - 1) / 26) {
      name.insert(0, (char) ('A' + (n - 1) % 26));
    }
    return name.toString();
  }
}
