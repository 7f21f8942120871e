package com.textinbox.shared.imports;

import static org.junit.jupiter.api.Assertions.*;

import com.textinbox.shared.customers.AttributeType;
import com.textinbox.shared.customers.CustomerAttributes;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.OtherPhone;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportDecisionTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
  private static final List<String> TITLES = List.of("Prénom", "Nom", "Cellulaire", "No client", "Naissance",
      "Prochain entretien", "Km", "Langue", "Maison");
  private static final ImportMapping MAPPING = new ImportMapping(List.of(
      ColumnMapping.field(ImportField.FIRST_NAME), ColumnMapping.field(ImportField.LAST_NAME),
      ColumnMapping.field(ImportField.MOBILE), ColumnMapping.field(ImportField.REFERENCE),
      new ColumnMapping(ImportField.BIRTH_DATE, null, null, null, "dd/MM/yyyy"),
      ColumnMapping.attribute("nextService", "Prochain entretien", AttributeType.DATE, "dd/MM/yyyy"),
      ColumnMapping.attribute("km", "Km", AttributeType.NUMBER, null),
      ColumnMapping.field(ImportField.LANGUAGE), ColumnMapping.field(ImportField.HOME_PHONE)));

  private static RowValues row(String... cells) {
    return RowValues.read(List.of(cells), TITLES, MAPPING, "CA", TODAY, false);
  }

  private static String rejected(String... cells) {
    return assertThrows(RowValues.Rejected.class, () -> row(cells)).getMessage();
  }

  private static CustomerProfile profile(String id, String first, String mobile, String reference) {
    return new CustomerProfile(id, first, "Lambert", null, mobile, null, reference, true, null, null, null, null, null,
        "2026-01-01T00:00:00Z", "u1");
  }

  @Test
  void aRowIsReadWithTheCompanysRulesNumbersInItsRegionDatesInTheMappedFormat() {
    RowValues v = row("Hélène", "Bérubé", "514 555-0111", "R-1", "21/03/1984", "01/12/2026", "12 000,5", "Français", "(514) 555 0199");
    assertEquals("Hélène", v.fields().firstName());
    assertEquals("+15145550111", v.fields().mobile());
    assertEquals("R-1", v.fields().reference());
    assertEquals("1984-03-21", v.fields().birthDate());
    assertEquals("fr", v.fields().language());
    assertEquals(List.of(new OtherPhone("home", "+15145550199")), v.fields().otherPhones());
    assertEquals(new CustomerAttributes.DateValue(LocalDate.of(2026, 12, 1)), v.attributes().get("nextService"));
    assertEquals("12000.5", v.attributes().get("km").rendered());
  }

  @Test
  void badValuesRejectTheRowNamingTheColumnAndValue() {
    assertEquals("Column 'Cellulaire': '555 12' is not a valid phone number.", rejected("Ann", "", "555 12", "", "", "", "", "", ""));
    assertEquals("Column 'Prochain entretien': '12/31/2026' is not a date in the format dd/MM/yyyy.",
        rejected("Ann", "", "", "", "", "12/31/2026", "", "", ""));
    assertEquals("Column 'Naissance': '31/12/2030' is not a birth date between 1900 and today.",
        rejected("Ann", "", "", "", "31/12/2030", "", "", "", ""));
    assertEquals("Column 'Km': 'lots' is not a number.", rejected("Ann", "", "", "", "", "", "lots", "", ""));
    assertEquals("Column 'No client': 'R 1' is 1-64 letters, digits, '.', '_', '/' or '-', starting with a letter or digit.",
        rejected("Ann", "", "", "R 1", "", "", "", "", ""));
    assertTrue(rejected("Ann", "", "", "", "", "", "", "de", "").contains("not a language"));
    assertEquals("The row has no first name, last name or mobile number: a customer needs one of them.",
        rejected("", "", "", "R-9", "", "", "", "", ""));
  }

  @Test
  void anXlsxDateCellIsReadWhateverTheMappedFormat() {
    RowValues v = RowValues.read(List.of("Ann", "", "", "", "", "2026-12-01", "", "", ""), TITLES, MAPPING, "CA", TODAY, true);
    assertEquals("2026-12-01", v.attributes().get("nextService").rendered());
  }

  @Test
  void aKnownReferenceUpdatesThatProfileKeepingWhatBlankCellsDoNotSet() {
    CustomerProfile marie = profile("c1", "Marie", "+15145550111", "R-1");
    RowOutcome o = ImportDecision.decide(row("", "Lambert-Roy", "", "R-1", "", "01/12/2026", "", "", ""), marie, null,
        "new", "2026-12-05T10:00:00Z", "import");
    assertEquals(RowOutcome.Kind.UPDATE, o.kind());
    assertEquals("Marie", o.after().firstName());
    assertEquals("Lambert-Roy", o.after().lastName());
    assertEquals("+15145550111", o.after().mobile());
    assertEquals("2026-12-05T10:00:00Z", o.after().updatedAt());
    assertEquals("2026-12-01", o.after().attributes().get("nextService").rendered());
    assertEquals("c1", o.customerId());
  }

  @Test
  void aRowThatChangesNothingIsUnchanged() {
    CustomerProfile marie = profile("c1", "Marie", "+15145550111", "R-1");
    RowOutcome o = ImportDecision.decide(row("Marie", "Lambert", "514 555 0111", "R-1", "", "", "", "", ""), marie, marie,
        "new", "2026-12-05T10:00:00Z", "import");
    assertEquals(RowOutcome.Kind.UNCHANGED, o.kind());
  }

  @Test
  void withoutAReferenceTheMobileMatches() {
    CustomerProfile marie = profile("c1", "Marie", "+15145550111", null);
    RowOutcome o = ImportDecision.decide(row("Marie", "", "514 555 0111", "R-7", "", "", "", "", ""), null, marie,
        "new", "t", "import");
    assertEquals(RowOutcome.Kind.UPDATE, o.kind());
    assertEquals("R-7", o.after().reference(), "the profile gains the row's reference");
  }

  @Test
  void aMobileOfAnotherProfileRejectsTheRow() {
    CustomerProfile marie = profile("c1", "Marie", "+15145550111", "R-1");
    CustomerProfile john = profile("c2", "John", "+15145550112", "R-2");
    RowOutcome o = ImportDecision.decide(row("Marie", "", "514 555 0112", "R-1", "", "", "", "", ""), marie, john,
        "new", "t", "import");
    assertEquals(RowOutcome.Kind.REJECT, o.kind());
    assertEquals("The mobile number +15145550112 belongs to another customer (John Lambert, reference R-2).", o.reason());
    RowOutcome unknownReference = ImportDecision.decide(row("Zoé", "", "514 555 0112", "R-3", "", "", "", "", ""), null, john,
        "new", "t", "import");
    assertEquals(RowOutcome.Kind.REJECT, unknownReference.kind());
  }

  @Test
  void aRowMatchingNothingCreatesAProfileFlaggedWhenItHasNeitherReferenceNorMobile() {
    RowOutcome withMobile = ImportDecision.decide(row("Zoé", "", "514 555 0150", "", "", "", "", "", ""), null, null,
        "cust-imp-1", "t", "import-1");
    assertEquals(RowOutcome.Kind.CREATE, withMobile.kind());
    assertEquals("cust-imp-1", withMobile.after().customerId());
    assertTrue(withMobile.after().subscribed());
    assertEquals("import-1", withMobile.after().createdBy());
    assertFalse(withMobile.possibleDuplicate());
    RowOutcome nameOnly = ImportDecision.decide(row("Zoé", "Roy", "", "", "", "", "", "", ""), null, null, "cust-imp-2", "t", "i");
    assertTrue(nameOnly.possibleDuplicate());
  }
}
