package com.textinbox.shared.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV read record by record with Commons CSV (P4): its encoding told from its first bytes
 * ({@link TextEncoding}), its delimiter from its first line (the one of {@code , ; TAB |} found
 * most often outside quotes; Excel in French writes {@code ;}).
 */
final class CsvSheet {
  static final int SAMPLE = 64 * 1024;
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};

  private CsvSheet() {}

  static SheetInfo read(Path file, SheetRows rows) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), SAMPLE)) {
      in.mark(SAMPLE);
      byte[] sample = in.readNBytes(SAMPLE);
      in.reset();
      Charset charset = TextEncoding.detect(sample, sample.length);
      if (TextEncoding.startsWith(sample, sample.length, TextEncoding.UTF8_BOM)) {
        in.skipNBytes(TextEncoding.UTF8_BOM.length);
      }
      char delimiter = delimiter(firstLine(sample, charset));
      Reader reader = new InputStreamReader(in, TextEncoding.strict(charset));
      CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
      RowShaper shaper = new RowShaper(rows);
      boolean complete = true;
      try (CSVParser parser = CSVParser.parse(reader, format)) {
        for (CSVRecord record : parser) {
          List<String> cells = new ArrayList<>(record.size());
          record.forEach(cells::add);
          if (!shaper.accept(record.getRecordNumber(), cells)) {
            complete = false;
            break;
          }
        }
      } catch (UncheckedIOException e) {
        throw unreadable(e.getCause(), charset);
      }
      return new SheetInfo(SheetInfo.CSV, charset.name(), String.valueOf(delimiter), shaper.finish(), complete);
    } catch (IOException e) {
      throw unreadable(e, null);
    }
  }

  private static RuntimeException unreadable(IOException e, Charset charset) {
    if (e instanceof CharacterCodingException) {
      return TextEncoding.refused("Part of the file is not " + (charset == null ? "text" : charset.name()) + " like its beginning.");
    }
    if (e.getMessage() != null && e.getMessage().contains("EOF reached before encapsulated token finished")) {
      return new FileRefused(FileRefused.MALFORMED, "A quoted cell is never closed (a \" without its pair), from "
          + e.getMessage().replaceAll(".*?(line \\d+).*", "$1") + " of the file. Fix the quotes, then upload it again.");
    }
    if (e.getMessage() != null && e.getMessage().startsWith("(line")) {
      return new FileRefused(FileRefused.MALFORMED, "The CSV cannot be read: " + e.getMessage());
    }
    return new UncheckedIOException(e);
  }

  /** The text up to the first line break (a quoted cell with a line break in the titles is rare). */
  private static String firstLine(byte[] sample, Charset charset) {
    String text = new String(sample, charset);
    int end = 0;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return text.substring(0, end);
  }

  /** The delimiter found most often outside quotes in the titles' line; a comma when none is. */
  static char delimiter(String line) {
    char best = ',';
    int bestCount = 0;
    for (char candidate : DELIMITERS) {
      int count = 0;
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == candidate && !quoted) {
          count++;
        }
      }
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  }
}
