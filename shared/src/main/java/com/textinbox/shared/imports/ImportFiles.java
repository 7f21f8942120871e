package com.textinbox.shared.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an uploaded customer file (P4), row by row: an XLSX (a ZIP package) with POI's streaming
 * reader, anything else as a CSV with Commons CSV. What cannot be imported is a
 * {@link FileRefused} saying why: empty, over 50 MB, an old .xls or another kind of file, another
 * encoding, merged or formula cells, 100 columns or more.
 */
public final class ImportFiles {
  public static final long MAX_BYTES = 50L * 1024 * 1024;
  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
  private static final byte[] PDF = {'%', 'P', 'D', 'F'};

  private ImportFiles() {}

  /** Where the browser uploads an import's file in the files bucket (deleted after 7 days by its lifecycle rule). */
  public static String uploadKey(String accountId, String importId) {
    return "imports/" + accountId + "/" + importId + "/upload";
  }

  /** The size limit checked before anything is read (an upload's size is known before it is fetched). */
  public static void checkSize(long bytes) {
    if (bytes == 0) {
      throw new FileRefused(FileRefused.EMPTY, "The file is empty: it needs a row of column titles and a row per customer.");
    }
    if (bytes > MAX_BYTES) {
      throw new FileRefused(FileRefused.TOO_LARGE, "The file is " + (bytes / (1024 * 1024)) + " MB; an import takes at "
          + "most 50 MB. Split it in several files.");
    }
  }

  /** Reads {@code file}, handing its titles and rows to {@code rows} as they come. */
  public static SheetInfo read(Path file, SheetRows rows) {
    try {
      checkSize(Files.size(file));
      byte[] head;
      try (InputStream in = Files.newInputStream(file)) {
        head = in.readNBytes(8);
      }
      if (TextEncoding.startsWith(head, head.length, ZIP)) {
        return XlsxSheet.read(file, rows);
      }
      if (TextEncoding.startsWith(head, head.length, OLE2)) {
        throw new FileRefused(FileRefused.NOT_CSV_OR_XLSX, "This is an old Excel file (.xls). Save it as .xlsx or as CSV, "
            + "then upload it again.");
      }
      if (TextEncoding.startsWith(head, head.length, PDF)) {
        throw new FileRefused(FileRefused.NOT_CSV_OR_XLSX, "This is a PDF. An import takes a CSV or an Excel workbook (.xlsx).");
      }
      return CsvSheet.read(file, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
