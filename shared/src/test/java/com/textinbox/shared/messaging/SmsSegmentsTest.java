package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.messaging.SmsSegments.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsSegmentsTest {
  private static final String EMOJI = "😀"; // U+1F600: a surrogate pair, two UTF-16 units

  @Test
  void emptyBodyHasNoSegmentAndAWholeOneLeft() {
    assertEquals(new SmsSegments(Encoding.GSM7, 0, 0, 160), SmsSegments.of(""));
    assertTrue(SmsSegments.of("").fits());
  }

  @Test
  void nullBodyIsABugNotAnEmptyMessage() {
    assertThrows(NullPointerException.class, () -> SmsSegments.of(null));
  }

  @Test
  void shortGsmBodyCountsWhatIsLeftInItsSingleSegment() {
    assertEquals(new SmsSegments(Encoding.GSM7, 1, 5, 155), SmsSegments.of("Hello"));
  }

  @Test
  void exactly160GsmCharactersIsOneSegmentAnd161IsTwoOf153() {
    assertEquals(new SmsSegments(Encoding.GSM7, 1, 160, 0), SmsSegments.of("a".repeat(160)));
    assertEquals(new SmsSegments(Encoding.GSM7, 2, 161, 2 * 153 - 161), SmsSegments.of("a".repeat(161)));
  }

  @Test
  void multipartGsmFillsWholeSegmentsOf153() {
    assertEquals(new SmsSegments(Encoding.GSM7, 2, 306, 0), SmsSegments.of("a".repeat(306)));
    assertEquals(new SmsSegments(Encoding.GSM7, 3, 307, 152), SmsSegments.of("a".repeat(307)));
  }

  @Test
  void exactly70Ucs2UnitsIsOneSegmentAnd71IsTwoOf67() {
    assertEquals(new SmsSegments(Encoding.UCS2, 1, 70, 0), SmsSegments.of("ê".repeat(70)));
    assertEquals(new SmsSegments(Encoding.UCS2, 2, 71, 2 * 67 - 71), SmsSegments.of("ê".repeat(71)));
    assertEquals(new SmsSegments(Encoding.UCS2, 2, 134, 0), SmsSegments.of("ê".repeat(134)));
    assertEquals(new SmsSegments(Encoding.UCS2, 3, 135, 66), SmsSegments.of("ê".repeat(135)));
  }

  /** é è à ù ì ò, capital É and Ç, ñ ä ö ü ß are in the default alphabet. */
  @ParameterizedTest
  @ValueSource(strings = {"é", "è", "à", "ù", "ì", "ò", "É", "Ç", "ñ", "ä", "ö", "ü", "ß", "£", "¥", "¿", "¡", "@", "_"})
  void accentedLettersOfTheGsmTableStayGsm7(String letter) {
    SmsSegments s = SmsSegments.of("Merci " + letter);
    assertEquals(Encoding.GSM7, s.encoding(), letter);
    assertEquals(7, s.units(), letter);
  }

  /**
   * The French letters that are NOT in GSM 03.38: circumflexes, diaereses on e/i, capital grave
   * accents, small ç (0x09 is capital Ç in 3GPP TS 23.038), œ, guillemets and typographic quotes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"â", "ê", "î", "ô", "û", "ë", "ï", "ç", "À", "È", "Ê", "Ô", "œ", "«", "»", "’", "“", "\t", "`"})
  void frenchLettersOutsideTheGsmTableSwitchTheWholeBodyToUcs2(String letter) {
    SmsSegments s = SmsSegments.of("Merci " + letter);
    assertEquals(Encoding.UCS2, s.encoding(), letter);
    assertEquals(7, s.units(), letter);
    assertEquals(63, s.charactersLeftInSegment(), letter);
  }

  @Test
  void oneNonGsmCharacterMakesALongBodyUcs2AndTriplesItsParts() {
    String body = "a".repeat(150);
    assertEquals(1, SmsSegments.of(body).segments());
    assertEquals(new SmsSegments(Encoding.UCS2, 3, 151, 3 * 67 - 151), SmsSegments.of(body + "ê"));
  }

  @Test
  void theTablesMatchTheSpecCodePositions() {
    assertEquals(127, SmsSegments.BASIC.length()); // 128 codes, the escape 0x1B left out
    assertEquals(127, SmsSegments.BASIC.chars().distinct().count());
    assertEquals(10, SmsSegments.EXTENSION.chars().distinct().count());
    assertEquals(0x00, position('@'));
    assertEquals(0x02, position('$'));
    assertEquals(0x09, position('Ç'));
    assertEquals(0x0A, position('\n'));
    assertEquals(0x1F, position('É'));
    assertEquals(0x24, position('¤'));
    assertEquals(0x40, position('¡'));
    assertEquals(0x5F, position('§'));
    assertEquals(0x60, position('¿'));
    assertEquals(0x7F, position('à'));
    assertEquals(-1, SmsSegments.BASIC.indexOf('ç'));
  }

  /** The GSM code of a basic-set character, from its place in the table (which skips 0x1B). */
  private static int position(char c) {
    int i = SmsSegments.BASIC.indexOf(c);
    return i < 0x1B ? i : i + 1;
  }

  @ParameterizedTest
  @ValueSource(strings = {"^", "{", "}", "\\", "[", "]", "~", "|", "€", "\f"})
  void extensionCharactersStayGsm7ButCountTwoSeptets(String c) {
    assertEquals(new SmsSegments(Encoding.GSM7, 1, 2, 158), SmsSegments.of(c));
  }

  @Test
  void eightyEurosFillOneSegmentAndOneMoreLetterNeedsTwo() {
    assertEquals(new SmsSegments(Encoding.GSM7, 1, 160, 0), SmsSegments.of("€".repeat(80)));
    assertEquals(2, SmsSegments.of("€".repeat(80) + "a").segments());
  }

  @Test
  void anExtensionCharacterIsNeverSplitAcrossThe153Boundary() {
    // 152 + 2 straddles 153: the euro opens part 2, which then overflows into a third part,
    // where dividing 306 septets by 153 would have said 2.
    String body = "a".repeat(152) + "€" + "a".repeat(152);
    assertEquals(new SmsSegments(Encoding.GSM7, 3, 306, 152), SmsSegments.of(body));
    // One septet earlier it fits exactly at the end of part 1.
    String fits = "a".repeat(151) + "€" + "a".repeat(153);
    assertEquals(new SmsSegments(Encoding.GSM7, 2, 306, 0), SmsSegments.of(fits));
  }

  @Test
  void anEmojiIsTwoUcs2Units() {
    assertEquals(new SmsSegments(Encoding.UCS2, 1, 2, 68), SmsSegments.of(EMOJI));
    assertEquals(new SmsSegments(Encoding.UCS2, 1, 70, 0), SmsSegments.of(EMOJI.repeat(35)));
    // 36 emoji: part 1 takes 33 (66 units, the 34th would straddle 67), part 2 takes 3.
    assertEquals(new SmsSegments(Encoding.UCS2, 2, 72, 61), SmsSegments.of(EMOJI.repeat(36)));
  }

  @Test
  void aSurrogatePairIsNeverSplitAcrossThe67Boundary() {
    String body = "a".repeat(66) + EMOJI + "a".repeat(66);
    assertEquals(new SmsSegments(Encoding.UCS2, 3, 134, 66), SmsSegments.of(body));
  }

  @Test
  void aLoneSurrogateIsOneUnit() {
    assertEquals(new SmsSegments(Encoding.UCS2, 1, 2, 68), SmsSegments.of("a\uD83D"));
  }

  @Test
  void lineBreaksAreGsm7() {
    assertEquals(new SmsSegments(Encoding.GSM7, 1, 4, 156), SmsSegments.of("a\r\nb"));
  }

  @Test
  void tenSegmentsFitAndAnEleventhDoesNot() {
    assertEquals(10, SmsSegments.MAX_SEGMENTS);
    assertTrue(SmsSegments.of("a".repeat(10 * 153)).fits());
    SmsSegments over = SmsSegments.of("a".repeat(10 * 153 + 1));
    assertEquals(11, over.segments());
    assertFalse(over.fits());
    assertTrue(SmsSegments.of("ê".repeat(10 * 67)).fits());
    assertFalse(SmsSegments.of("ê".repeat(10 * 67 + 1)).fits());
  }
}
