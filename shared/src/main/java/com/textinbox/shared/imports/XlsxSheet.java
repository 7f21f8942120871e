package com.textinbox.shared.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The first sheet of an XLSX read with POI's event (SAX) model (P4): rows stream from the sheet's
 * XML, the workbook is never loaded whole. A first pass over the same XML refuses a sheet with
 * merged cells or formulas (seed 002: one value per cell; a formula's value is whatever Excel last
 * computed), since {@code <mergeCells>} comes after the rows. Cells formatted as dates are given as
 * ISO dates ({@code 2026-12-01}), whatever their display format.
 */
final class XlsxSheet {
  private XlsxSheet() {}

  static SheetInfo read(Path file, SheetRows rows) {
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      try (InputStream sheet = firstSheet(reader)) {
        check(sheet);
      }
      RowShaper shaper = new RowShaper(rows);
      Collector collector = new Collector(shaper);
      try (InputStream sheet = firstSheet(reader)) {
        XMLReader parser = SAXHelper.newXMLReader();
        parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), new ReadOnlySharedStringsTable(pkg),
            collector, new IsoDates(), false));
        parser.parse(new InputSource(sheet));
      } catch (Stop stopped) {
        return new SheetInfo(SheetInfo.XLSX, null, null, shaper.finish(), false);
      }
      return new SheetInfo(SheetInfo.XLSX, null, null, shaper.finish(), true);
    } catch (FileRefused | Stop e) {
      throw e;
    } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
      throw new FileRefused(FileRefused.NOT_CSV_OR_XLSX, "The file cannot be read as an Excel workbook (.xlsx): "
          + "open it in Excel and save it again as .xlsx or as CSV.");
    }
  }

  private static InputStream firstSheet(XSSFReader reader) throws IOException, OpenXML4JException {
    var sheets = reader.getSheetsData();
    if (!sheets.hasNext()) {
      throw new FileRefused(FileRefused.EMPTY, "The workbook has no sheet.");
    }
    return sheets.next();
  }

  /** The first pass: a merged range or a formula anywhere in the sheet refuses it. */
  private static void check(InputStream sheet) throws IOException, SAXException, ParserConfigurationException {
    XMLReader parser = SAXHelper.newXMLReader();
    parser.setContentHandler(new DefaultHandler() {
      private String cell;

      @Override
      public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (localName) {
          case "c" -> cell = attributes.getValue("r");
          case "f" -> throw new FileRefused(FileRefused.FORMULA_CELLS, "Cell " + cell + " holds a formula. An import "
              + "takes values only: copy the sheet and paste it as values, then upload it again.");
          case "mergeCell" -> throw new FileRefused(FileRefused.MERGED_CELLS, "Cells " + attributes.getValue("ref")
              + " are merged. An import needs one value per cell: unmerge them, then upload the file again.");
          default -> { }
        }
      }
    });
    parser.parse(new InputSource(sheet));
  }

  /** Rows from POI's callbacks to the shaper, each a list of cells in column order (gaps blank). */
  private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final RowShaper shaper;
    private final List<String> cells = new ArrayList<>();
    private long line;

    Collector(RowShaper shaper) {
      this.shaper = shaper;
    }

    @Override
    public void startRow(int rowNum) {
      cells.clear();
      line = rowNum + 1L;
    }

    @Override
    public void endRow(int rowNum) {
      if (!shaper.accept(line, new ArrayList<>(cells))) {
        throw new Stop();
      }
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      int column = reference == null ? cells.size() : new CellReference(reference).getCol();
      if (column > RowShaper.MAX_COLUMNS) {
        throw new FileRefused(FileRefused.TOO_MANY_COLUMNS, "Row " + line + " has a value in column "
            + RowShaper.columnName(column) + "; an import takes at most " + RowShaper.MAX_COLUMNS
            + " columns. Remove the columns you do not need, then upload the file again.");
      }
      while (cells.size() < column) {
        cells.add("");
      }
      cells.add(value == null ? "" : value);
    }
  }

  /** Dates as ISO dates (a date column's format is then known whatever Excel displayed); the rest as Excel shows it. */
  private static final class IsoDates extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        LocalDateTime at = DateUtil.getLocalDateTime(value, use1904Windowing);
        return at.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? at.toLocalDate().toString() : at.toString();
      }
      return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
    }
  }

  /** Thrown out of the SAX parse when the reader has read enough (a preview). */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }
}
