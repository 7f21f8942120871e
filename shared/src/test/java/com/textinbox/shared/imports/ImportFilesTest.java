package com.textinbox.shared.imports;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportFilesTest {
  @TempDir Path dir;

  /** What a reader handed over. */
  static final class Read implements SheetRows {
    List<String> titles;
    final List<List<String>> rows = new ArrayList<>();
    final List<Long> lines = new ArrayList<>();
    int stopAfter = Integer.MAX_VALUE;

    @Override public void header(List<String> titles) { this.titles = titles; }

    @Override public boolean row(long line, List<String> cells) {
      rows.add(cells);
      lines.add(line);
      return rows.size() < stopAfter;
    }
  }

  private Path file(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private Path text(String text, Charset charset, boolean bom) throws IOException {
    byte[] body = text.getBytes(charset);
    byte[] bytes = bom ? concat(TextEncoding.UTF8_BOM, body) : body;
    return file("c.csv", bytes);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static final String FRENCH = "Prénom;Nom;Cellulaire\r\nHélène;Bérubé;514 555 0111\r\nFrançois;Côté;\r\n";

  @Test
  void csvInUtf8WithABomAndSemicolons() throws IOException {
    Read read = new Read();
    SheetInfo info = ImportFiles.read(text(FRENCH, StandardCharsets.UTF_8, true), read);
    assertEquals(List.of("Prénom", "Nom", "Cellulaire"), read.titles);
    assertEquals(List.of(List.of("Hélène", "Bérubé", "514 555 0111"), List.of("François", "Côté", "")), read.rows);
    assertEquals(new SheetInfo("csv", "UTF-8", ";", 2, true), info);
  }

  @Test
  void csvInUtf8WithoutABom() throws IOException {
    Read read = new Read();
    SheetInfo info = ImportFiles.read(text(FRENCH, StandardCharsets.UTF_8, false), read);
    assertEquals("Prénom", read.titles.get(0));
    assertEquals("UTF-8", info.encoding());
  }

  @Test
  void csvInWindows1252() throws IOException {
    Read read = new Read();
    SheetInfo info = ImportFiles.read(text(FRENCH, TextEncoding.WINDOWS_1252, false), read);
    assertEquals("windows-1252", info.encoding());
    assertEquals("Hélène", read.rows.get(0).get(0));
    assertEquals("Côté", read.rows.get(1).get(1));
  }

  @Test
  void eachDelimiterIsDetected() throws IOException {
    for (String d : List.of(",", ";", "\t", "|")) {
      Read read = new Read();
      String csv = String.join(d, "first name", "\"last, name\"", "mobile") + "\n" + String.join(d, "Ann", "Lee", "5145550111") + "\n";
      SheetInfo info = ImportFiles.read(text(csv, StandardCharsets.UTF_8, false), read);
      assertEquals(d, info.delimiter());
      assertEquals(List.of("first name", "last, name", "mobile"), read.titles);
      assertEquals(List.of("Ann", "Lee", "5145550111"), read.rows.get(0));
    }
  }

  @Test
  void quotedCellsKeepTheirDelimitersAndLineBreaks() throws IOException {
    Read read = new Read();
    ImportFiles.read(text("name,address\nAnn,\"1 Main St, apt 2\nMontréal\"\n", StandardCharsets.UTF_8, false), read);
    assertEquals("1 Main St, apt 2\nMontréal", read.rows.get(0).get(1));
  }

  @Test
  void emptyRowsAreSkippedShortRowsPaddedAndLinesCounted() throws IOException {
    Read read = new Read();
    SheetInfo info = ImportFiles.read(text("a,b,c\n\n1,2\n,,\n4,5,6\n", StandardCharsets.UTF_8, false), read);
    assertEquals(List.of(List.of("1", "2", ""), List.of("4", "5", "6")), read.rows);
    assertEquals(2, info.rows());
  }

  @Test
  void aPreviewStopsEarly() throws IOException {
    StringBuilder csv = new StringBuilder("n\n");
    for (int i = 0; i < 1000; i++) {
      csv.append(i).append('\n');
    }
    Read read = new Read();
    read.stopAfter = 5;
    SheetInfo info = ImportFiles.read(text(csv.toString(), StandardCharsets.UTF_8, false), read);
    assertEquals(5, read.rows.size());
    assertFalse(info.complete());
  }

  @Test
  void badFilesAreRefusedSayingWhy() throws IOException {
    assertRefused(FileRefused.EMPTY, file("e.csv", new byte[0]));
    assertRefused(FileRefused.EMPTY, file("blank.csv", "\n\n\n".getBytes(StandardCharsets.UTF_8)));
    assertRefused(FileRefused.NOT_CSV_OR_XLSX, file("p.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0}));
    assertRefused(FileRefused.NOT_CSV_OR_XLSX, file("x.pdf", "%PDF-1.7\n".getBytes(StandardCharsets.UTF_8)));
    assertRefused(FileRefused.NOT_CSV_OR_XLSX, file("old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0}));
    assertRefused(FileRefused.NOT_CSV_OR_XLSX, file("broken.xlsx", new byte[] {'P', 'K', 3, 4, 1, 2, 3}));
    assertRefused(FileRefused.ENCODING, text("name\nHélène\n", StandardCharsets.UTF_16, false));
    assertRefused(FileRefused.ENCODING, file("u.csv", new byte[] {'n', '\n', 'a', (byte) 0x81, '\n'}));
    assertRefused(FileRefused.MALFORMED, text("a,b\n1,\"open\n", StandardCharsets.UTF_8, false));
    assertRefused(FileRefused.NO_TITLES, text("a,,c\n1,2,3\n", StandardCharsets.UTF_8, false));
    FileRefused title = assertRefused(FileRefused.NO_TITLES, text("Customers 2026\nAnn,Lee\n", StandardCharsets.UTF_8, false));
    assertTrue(title.getMessage().contains("column B"), title.getMessage());
    StringBuilder wide = new StringBuilder();
    for (int c = 0; c < 100; c++) {
      wide.append(c == 0 ? "" : ",").append("col").append(c);
    }
    FileRefused columns = assertRefused(FileRefused.TOO_MANY_COLUMNS, text(wide + "\n", StandardCharsets.UTF_8, false));
    assertTrue(columns.getMessage().contains("at most 99"), columns.getMessage());
  }

  @Test
  void utf8ThatTurnsBadAfterItsBeginningIsRefused() throws IOException {
    StringBuilder csv = new StringBuilder("name\n");
    while (csv.length() < CsvSheet.SAMPLE + 10) {
      csv.append("Hélène\n");
    }
    byte[] bytes = concat(csv.toString().getBytes(StandardCharsets.UTF_8), "Fran\u00e7ois\n".getBytes(TextEncoding.WINDOWS_1252));
    assertRefused(FileRefused.ENCODING, file("mixed.csv", bytes));
  }

  @Test
  void overFiftyMegabytesIsRefusedBeforeReading() {
    FileRefused refused = assertThrows(FileRefused.class, () -> ImportFiles.checkSize(ImportFiles.MAX_BYTES + 1));
    assertEquals(FileRefused.TOO_LARGE, refused.code());
    assertDoesNotThrow(() -> ImportFiles.checkSize(ImportFiles.MAX_BYTES));
  }

  // ------------------------------------------------------------------ XLSX

  /** A workbook written with POI's user model (tests only; the reader streams). */
  private Path xlsx(java.util.function.Consumer<XSSFWorkbook> fill) throws IOException {
    Path file = dir.resolve("w.xlsx");
    try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      fill.accept(book);
      book.write(out);
    }
    return file;
  }

  private static void row(XSSFSheet sheet, int r, Object... values) {
    Row row = sheet.createRow(r);
    for (int c = 0; c < values.length; c++) {
      Object v = values[c];
      if (v instanceof String s) {
        row.createCell(c).setCellValue(s);
      } else if (v instanceof Number n) {
        row.createCell(c).setCellValue(n.doubleValue());
      } else if (v instanceof LocalDate d) {
        var cell = row.createCell(c);
        cell.setCellValue(d);
        CellStyle style = sheet.getWorkbook().createCellStyle();
        style.setDataFormat(sheet.getWorkbook().createDataFormat().getFormat("dd/mm/yyyy"));
        cell.setCellStyle(style);
      }
    }
  }

  @Test
  void xlsxStreamsItsFirstSheetWithAccentsNumbersAndIsoDates() throws IOException {
    Path file = xlsx(book -> {
      XSSFSheet sheet = book.createSheet("Clients");
      row(sheet, 0, "Prénom", "Nom", "Cellulaire", "Prochain entretien", "Km");
      row(sheet, 1, "Hélène", "Bérubé", "514 555 0111", LocalDate.of(2027, 3, 21), 12000);
      row(sheet, 3, "Zoé", null, 5145550112L, null, 7.5);
      book.createSheet("Other");
    });
    Read read = new Read();
    SheetInfo info = ImportFiles.read(file, read);
    assertEquals(List.of("Prénom", "Nom", "Cellulaire", "Prochain entretien", "Km"), read.titles);
    assertEquals(List.of("Hélène", "Bérubé", "514 555 0111", "2027-03-21", "12000"), read.rows.get(0));
    assertEquals(List.of("Zoé", "", "5145550112", "", "7.5"), read.rows.get(1));
    assertEquals(List.of(2L, 4L), read.lines);
    assertEquals(new SheetInfo("xlsx", null, null, 2, true), info);
  }

  @Test
  void xlsxWithMergedCellsFormulasOrTooManyColumnsIsRefused() throws IOException {
    assertRefused(FileRefused.MERGED_CELLS, xlsx(book -> {
      XSSFSheet sheet = book.createSheet();
      row(sheet, 0, "a", "b");
      row(sheet, 1, "1", "2");
      sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, 1));
    }));
    FileRefused formula = assertRefused(FileRefused.FORMULA_CELLS, xlsx(book -> {
      XSSFSheet sheet = book.createSheet();
      row(sheet, 0, "a", "b");
      row(sheet, 1, 1, 2);
      sheet.getRow(1).createCell(2).setCellFormula("A2+B2");
    }));
    assertTrue(formula.getMessage().contains("C2"), formula.getMessage());
    assertRefused(FileRefused.TOO_MANY_COLUMNS, xlsx(book -> {
      XSSFSheet sheet = book.createSheet();
      Object[] titles = new Object[120];
      for (int c = 0; c < titles.length; c++) {
        titles[c] = "col" + c;
      }
      row(sheet, 0, titles);
    }));
    assertRefused(FileRefused.EMPTY, xlsx(book -> book.createSheet()));
  }

  @Test
  void aPreviewOfAnXlsxStopsEarly() throws IOException {
    Path file = xlsx(book -> {
      XSSFSheet sheet = book.createSheet();
      row(sheet, 0, "n");
      for (int r = 1; r <= 500; r++) {
        row(sheet, r, r);
      }
    });
    Read read = new Read();
    read.stopAfter = 3;
    SheetInfo info = ImportFiles.read(file, read);
    assertEquals(3, read.rows.size());
    assertFalse(info.complete());
  }

  private static FileRefused assertRefused(String code, Path file) {
    FileRefused refused = assertThrows(FileRefused.class, () -> ImportFiles.read(file, new Read()), file.toString());
    assertEquals(code, refused.code(), refused.getMessage());
    assertFalse(refused.getMessage().isBlank());
    return refused;
  }
}
