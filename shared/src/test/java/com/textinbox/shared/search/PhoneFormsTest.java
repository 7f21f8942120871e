package com.textinbox.shared.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhoneFormsTest {
  @Test
  void aNorthAmericanNumberIsFoundInEveryFormPeopleTypeIt() {
    assertEquals(List.of("15145550111", "5145550111", "5550111", "0111"), PhoneForms.of("+15145550111"));
  }

  @Test
  void aFrenchNumberKeepsItsTrunkZeroAndItsShortForm() {
    assertEquals(List.of("33612345678", "0612345678", "612345678", "2345678", "5678"), PhoneForms.of("+33612345678"));
  }

  @Test
  void aQueryLikeANumberBecomesItsDigits() {
    assertEquals(Optional.of("15145550111"), PhoneForms.ofQuery("+1 514-555-0111"));
    assertEquals(Optional.of("5145550111"), PhoneForms.ofQuery("(514) 555-0111"));
    assertEquals(Optional.of("5145550111"), PhoneForms.ofQuery("514.555.0111"));
    assertEquals(Optional.of("5550111"), PhoneForms.ofQuery("555-0111"));
    assertEquals(Optional.of("0111"), PhoneForms.ofQuery("0111"));
  }

  @Test
  void otherQueriesAreNotNumbers() {
    assertEquals(Optional.empty(), PhoneForms.ofQuery("Chloé"));
    assertEquals(Optional.empty(), PhoneForms.ofQuery("RO-1042"));
    assertEquals(Optional.empty(), PhoneForms.ofQuery("149.99$"));
    assertEquals(Optional.empty(), PhoneForms.ofQuery("123"), "fewer than 4 digits would match too much");
    assertEquals(Optional.empty(), PhoneForms.ofQuery("1234567890123456"), "longer than any number");
    assertEquals(Optional.empty(), PhoneForms.ofQuery(null));
  }

  @Test
  void aShortOrUnknownNumberStillGivesItsDigits() {
    assertEquals(List.of(), PhoneForms.of("12"));
    assertEquals(List.of("999123", "9123"), PhoneForms.of("+999123"));
  }
}
