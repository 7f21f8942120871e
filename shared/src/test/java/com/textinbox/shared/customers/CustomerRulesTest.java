package com.textinbox.shared.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.api.ApiError;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CustomerRulesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

  private static void invalid(String field, Executable check) {
    ApiError error = assertThrows(ApiError.class, check);
    assertEquals(400, error.status());
    assertEquals(field, error.field());
  }

  @Test
  void namesAreOneLineOfAtMost100Characters() {
    assertEquals("Élodie", CustomerRules.name("firstName", "  Élodie "));
    assertNull(CustomerRules.name("firstName", "  "));
    invalid("firstName", () -> CustomerRules.name("firstName", "x".repeat(101)));
    invalid("lastName", () -> CustomerRules.name("lastName", "a\nb"));
    invalid("lastName", () -> CustomerRules.name("lastName", "a\u0000b"));
  }

  @Test
  void emailLanguageAddressReference() {
    assertEquals("a@b.ca", CustomerRules.email("a@b.ca"));
    invalid("email", () -> CustomerRules.email("not-an-email"));
    assertEquals("fr", CustomerRules.language("fr"));
    invalid("language", () -> CustomerRules.language("de"));
    invalid("language", () -> CustomerRules.language("FR"));
    assertEquals("12 rue Principale\nMontréal", CustomerRules.address("12 rue Principale\nMontréal"));
    invalid("address", () -> CustomerRules.address("x".repeat(501)));
    assertEquals("DMS-00042", CustomerRules.reference("DMS-00042"));
    invalid("reference", () -> CustomerRules.reference("a#b"));
    invalid("reference", () -> CustomerRules.reference("x".repeat(65)));
  }

  @Test
  void aBirthDateIsAnIsoDateFrom1900ToToday() {
    assertEquals("1984-03-21", CustomerRules.birthDate("1984-03-21", TODAY));
    invalid("birthDate", () -> CustomerRules.birthDate("21/03/1984", TODAY));
    invalid("birthDate", () -> CustomerRules.birthDate("2027-01-01", TODAY));
    invalid("birthDate", () -> CustomerRules.birthDate("1899-12-31", TODAY));
  }

  @Test
  void numbersAreReadInTheCompanysRegion() {
    assertEquals("CA", CustomerRules.region("+15145550100", "US"));
    assertEquals("FR", CustomerRules.region("+33142685300", "US"));
    assertEquals("US", CustomerRules.region(null, "US"));
    assertEquals("+15145550123", CustomerRules.phone("mobile", "(514) 555-0123", "CA"));
    assertEquals("+33612345678", CustomerRules.phone("mobile", "06 12 34 56 78", "FR"));
    invalid("mobile", () -> CustomerRules.phone("mobile", "12345", "CA"));
    invalid("otherPhones[0].number", () -> CustomerRules.phone("otherPhones[0].number", "abc", "CA"));
    invalid("otherPhones[1].type", () -> CustomerRules.phoneType("otherPhones[1].type", "pager"));
  }

  @Test
  void aCustomerNeedsANameOrAMobile() {
    invalid("firstName", () -> CustomerRules.identifiable(CustomerFields.none()));
    CustomerRules.identifiable(new CustomerFields(null, null, "+15145550123", null, null, null, null, null, List.of()));
  }
}
