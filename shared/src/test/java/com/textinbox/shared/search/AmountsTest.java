package com.textinbox.shared.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AmountsTest {
  private static Optional<BigDecimal> cents(String value) {
    return Optional.of(new BigDecimal(value));
  }

  @Test
  void anAmountIsReadToTheCentWhateverItsWriting() {
    assertEquals(cents("149.99"), Amounts.parse("149.99"));
    assertEquals(cents("149.99"), Amounts.parse("149,99"));
    assertEquals(cents("149.99"), Amounts.parse("$149.99"));
    assertEquals(cents("149.99"), Amounts.parse("149,99 $"));
    assertEquals(cents("149.99"), Amounts.parse("CAD 149.99"));
    assertEquals(cents("149.00"), Amounts.parse("149"));
    assertEquals(cents("149.50"), Amounts.parse("149.5"));
  }

  @Test
  void thousandsAreGroupedBySpacesCommasOrDots() {
    assertEquals(cents("1234.56"), Amounts.parse("1 234,56"));
    assertEquals(cents("1234.56"), Amounts.parse("1,234.56"));
    assertEquals(cents("1234.56"), Amounts.parse("1.234,56"));
    assertEquals(cents("1234.00"), Amounts.parse("1,234"));
    assertEquals(cents("1234.56"), Amounts.parse("1\u00a0234,56 €"));
  }

  @Test
  void whatIsNotAnAmountIsNot() {
    assertEquals(Optional.empty(), Amounts.parse("Chloé"));
    assertEquals(Optional.empty(), Amounts.parse("RO-1042"));
    assertEquals(Optional.empty(), Amounts.parse("149.999"));
    assertEquals(Optional.empty(), Amounts.parse("$"));
    assertEquals(Optional.empty(), Amounts.parse(""));
    assertEquals(Optional.empty(), Amounts.parse(null));
    assertEquals(Optional.empty(), Amounts.parse("1".repeat(40)));
    assertEquals(Optional.empty(), Amounts.parse("12,"));
  }
}
