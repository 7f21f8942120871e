package com.textinbox.shared.imports;

import java.util.List;

/** Where a sheet's rows go as they are read, one at a time (a file is never held whole, P4). */
public interface SheetRows {
  /** The first row that is not empty: the column titles. */
  void header(List<String> titles);

  /**
   * A data row (empty rows are skipped), its cells as many as the titles (missing ones blank).
   *
   * @param line the row's number in the file, the titles' row being 1 when it is the first (for messages)
   * @return false to stop reading (a preview needs the first rows only)
   */
  boolean row(long line, List<String> cells);
}
