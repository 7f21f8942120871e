package com.textinbox.shared.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextLayoutTest {
  /** One unit per character: easy widths to reason about. */
  private static double width(String s) {
    return s.codePointCount(0, s.length());
  }

  @Test
  void wrapsAtSpacesKeepsLineBreaksAndSplitsLongWords() {
    assertEquals(List.of("Bonjour, ma", "voiture est", "prête ?"), TextLayout.wrap("Bonjour, ma voiture est prête ?", 11, TextLayoutTest::width));
    assertEquals(List.of("un", "", "deux"), TextLayout.wrap("un\n\ndeux", 11, TextLayoutTest::width));
    assertEquals(List.of("abcde", "fghij", "k"), TextLayout.wrap("abcdefghijk", 5, TextLayoutTest::width));
    assertEquals(List.of(""), TextLayout.wrap("", 5, TextLayoutTest::width));
  }

  @Test
  void whatTheFontCannotDrawBecomesItsNameAndControlsGo() {
    String text = "Prête 🚗👍🏽!\tÀ+\u0007";
    String printable = TextLayout.printable(text, cp -> cp < 0x2000);
    assertEquals("Prête [automobile][thumbs up sign][emoji modifier fitzpatrick type-4]! À+", printable);
    assertEquals("❤", TextLayout.printable("❤\uFE0F", cp -> true), "a variation selector draws nothing");
  }

  @Test
  void pageLabels() {
    assertEquals("Page 3 of 12", TextLayout.pageLabel(3, 12));
  }
}
