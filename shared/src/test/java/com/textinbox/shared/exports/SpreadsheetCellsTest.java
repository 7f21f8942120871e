package com.textinbox.shared.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SpreadsheetCellsTest {
  @Test
  void cellsAFormulaWouldStartAreEscaped() {
    assertEquals("'=HYPERLINK(\"http://evil\",\"click\")", SpreadsheetCells.safe("=HYPERLINK(\"http://evil\",\"click\")"));
    assertEquals("'+cmd|' /C calc'!A0", SpreadsheetCells.safe("+cmd|' /C calc'!A0"));
    assertEquals("'-2+3", SpreadsheetCells.safe("-2+3"));
    assertEquals("'@SUM(A1:A2)", SpreadsheetCells.safe("@SUM(A1:A2)"));
    assertEquals("'\t=1", SpreadsheetCells.safe("\t=1"));
    assertEquals("'\r=1", SpreadsheetCells.safe("\r=1"));
  }

  @Test
  void plainNumbersAndTextStayAsTheyAre() {
    assertEquals("+15145550111", SpreadsheetCells.safe("+15145550111"), "a phone number is no formula");
    assertEquals("-12.5", SpreadsheetCells.safe("-12.5"));
    assertEquals("Élodie", SpreadsheetCells.safe("Élodie"));
    assertEquals("a=b", SpreadsheetCells.safe("a=b"));
    assertEquals("", SpreadsheetCells.safe(""));
    assertNull(SpreadsheetCells.safe(null));
  }
}
