package com.textinbox.shared.imports;

import static org.junit.jupiter.api.Assertions.*;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.AttributeType;
import com.textinbox.shared.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportMappingTest {
  private static final List<AttributeDefinition> COMPANY = List.of(
      new AttributeDefinition("vehicle", "Vehicle", AttributeType.TEXT),
      new AttributeDefinition("km", "Kilometres", AttributeType.NUMBER));

  @Test
  void frenchTitlesAreProposedAsFieldsAndUnknownOnesAsTypedNewAttributes() {
    List<String> titles = List.of("Prénom", "Nom", "Cellulaire", "Courriel", "Langue", "No client", "Date de naissance",
        "Prochain entretien", "Véhicule", "Kilométrage", "Notes", "Téléphone maison");
    List<List<String>> rows = List.of(
        List.of("Hélène", "Bérubé", "514 555 0111", "h@x.ca", "fr", "R-1", "21/03/1984", "01/12/2026", "Civic", "12 000", "VIP", ""),
        List.of("Ann", "Lee", "", "", "en", "R-2", "02/11/1990", "15/01/2027", "Golf", "8000", "", "514 555 0199"));
    ImportMapping proposed = MappingProposal.propose(titles, rows, COMPANY);
    List<ColumnMapping> c = proposed.columns();
    assertEquals(ImportField.FIRST_NAME, c.get(0).to());
    assertEquals(ImportField.LAST_NAME, c.get(1).to());
    assertEquals(ImportField.MOBILE, c.get(2).to());
    assertEquals(ImportField.EMAIL, c.get(3).to());
    assertEquals(ImportField.LANGUAGE, c.get(4).to());
    assertEquals(ImportField.REFERENCE, c.get(5).to());
    assertEquals(new ColumnMapping(ImportField.BIRTH_DATE, null, null, null, "dd/MM/yyyy"), c.get(6));
    assertEquals(ColumnMapping.attribute("prochainEntretien", "Prochain entretien", AttributeType.DATE, "dd/MM/yyyy"), c.get(7));
    assertEquals(ColumnMapping.attribute("vehicule", "Véhicule", AttributeType.TEXT, null), c.get(8));
    assertEquals(ColumnMapping.attribute("kilometrage", "Kilométrage", AttributeType.NUMBER, null), c.get(9));
    assertEquals(ColumnMapping.attribute("notes", "Notes", AttributeType.TEXT, null), c.get(10));
    assertEquals(ImportField.HOME_PHONE, c.get(11).to());
    // what is proposed is a mapping the run accepts as it is
    assertEquals(proposed, ImportMapping.parse(proposed.toJson(), titles.size(), COMPANY));
  }

  @Test
  void englishTitlesAndTheCompanysAttributesByName() {
    ImportMapping proposed = MappingProposal.propose(
        List.of("First Name", "Last name", "Mobile phone", "E-mail", "Customer reference", "Vehicle", "kilometres", "Birthday"),
        List.of(), COMPANY);
    assertEquals(List.of(ImportField.FIRST_NAME, ImportField.LAST_NAME, ImportField.MOBILE, ImportField.EMAIL,
        ImportField.REFERENCE, ImportField.ATTRIBUTE, ImportField.ATTRIBUTE, ImportField.BIRTH_DATE),
        proposed.columns().stream().map(ColumnMapping::to).toList());
    assertEquals("vehicle", proposed.columns().get(5).key());
    assertEquals(ColumnMapping.attribute("km", "Kilometres", AttributeType.NUMBER, null), proposed.columns().get(6));
    assertEquals("yyyy-MM-dd", proposed.columns().get(7).format());
  }

  @Test
  void aFieldTitledTwiceIsProposedOnceTheSecondBecomesAnAttribute() {
    ImportMapping proposed = MappingProposal.propose(List.of("Mobile", "Cell"), List.of(), List.of());
    assertEquals(ImportField.MOBILE, proposed.columns().get(0).to());
    assertEquals(ColumnMapping.attribute("cell", "Cell", AttributeType.TEXT, null), proposed.columns().get(1));
  }

  @Test
  void newAttributesAreThoseTheCompanyLacks() {
    ImportMapping mapping = new ImportMapping(List.of(ColumnMapping.field(ImportField.MOBILE),
        ColumnMapping.attribute("km", "Kilometres", AttributeType.NUMBER, null),
        ColumnMapping.attribute("due", "Due", AttributeType.DATE, "dd/MM/yyyy")));
    assertEquals(List.of(new AttributeDefinition("due", "Due", AttributeType.DATE)), mapping.newAttributes(COMPANY));
  }

  @Test
  void aBadMappingIsA400NamingTheEntry() {
    assertInvalid("mapping", "[{\"to\": \"firstName\"}]", 2);
    assertInvalid("mapping[1].to", "[{\"to\": \"firstName\"}, {\"to\": \"firstName\"}]", 2);
    assertInvalid("mapping[0].to", "[{\"to\": \"nickname\"}]", 1);
    assertInvalid("mapping[1].format", "[{\"to\": \"mobile\"}, {\"to\": \"birthDate\", \"format\": \"yy/MM\"}]", 2);
    assertInvalid("mapping[1].type", "[{\"to\": \"mobile\"}, {\"to\": \"attribute\", \"key\": \"km\", \"type\": \"text\"}]", 2);
    assertInvalid("mapping[1].key", "[{\"to\": \"mobile\"}, {\"to\": \"attribute\", \"key\": \"1x\", \"type\": \"text\", \"name\": \"X\"}]", 2);
    assertInvalid("mapping[1].name", "[{\"to\": \"mobile\"}, {\"to\": \"attribute\", \"key\": \"x\", \"type\": \"text\"}]", 2);
    assertInvalid("mapping[1].name", "[{\"to\": \"mobile\"}, {\"to\": \"attribute\", \"key\": \"v2\", \"type\": \"text\", \"name\": \"vehicle\"}]", 2);
    assertInvalid("mapping[1].format", "[{\"to\": \"mobile\"}, {\"to\": \"attribute\", \"key\": \"d\", \"type\": \"date\", \"name\": \"D\"}]", 2);
    assertInvalid("mapping", "[{\"to\": \"email\"}, {\"to\": \"ignore\"}]", 2);
  }

  private static void assertInvalid(String field, String json, int columns) {
    ApiError e = assertThrows(ApiError.class, () -> ImportMapping.parse(Json.read(json), columns, COMPANY));
    assertEquals(400, e.status());
    assertEquals(field, e.field(), e.getMessage());
  }

  @Test
  void dateFormatsParseStrictly() {
    assertEquals("2026-12-01", DateFormats.parse("01/12/2026", "dd/MM/yyyy", false).toString());
    assertNull(DateFormats.parse("12/31/2026", "dd/MM/yyyy", false));
    assertNull(DateFormats.parse("31/02/2026", "dd/MM/yyyy", false));
    assertNull(DateFormats.parse("2026-12-01", "dd/MM/yyyy", false));
    assertEquals("2026-12-01", DateFormats.parse("2026-12-01", "dd/MM/yyyy", true).toString());
    assertEquals("MM/dd/yyyy", DateFormats.guess(List.of("12/31/2026", "01/02/2027")));
    assertNull(DateFormats.guess(List.of("soon")));
    assertEquals("dd/MM/yyyy", DateFormats.guess(List.of("15/01/2027", "01/02/2027", "2027-31-01")),
        "a mistyped date among the first rows still proposes a date column");
    assertNull(DateFormats.guess(List.of("15/01/2027", "soon", "later")));
  }

  @Test
  void keysFromTitles() {
    assertEquals("prochainEntretien", MappingProposal.keyOf("Prochain entretien"));
    assertEquals("column2024Sales", MappingProposal.keyOf("2024 sales"));
  }
}
