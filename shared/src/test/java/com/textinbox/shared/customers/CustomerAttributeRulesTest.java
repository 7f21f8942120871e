package com.textinbox.shared.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerAttributeRulesTest {
  private static final List<AttributeDefinition> DEFINITIONS = List.of(
      new AttributeDefinition("vehicle", "Vehicle", AttributeType.TEXT),
      new AttributeDefinition("services", "Services", AttributeType.TEXT_LIST),
      new AttributeDefinition("dueOn", "Due on", AttributeType.DATE),
      new AttributeDefinition("km", "Mileage", AttributeType.NUMBER));

  private static JsonNode json(String text) {
    return Json.read(text);
  }

  private static String fieldOf(Runnable call) {
    ApiError error = assertThrows(ApiError.class, call::run);
    assertEquals(400, error.status());
    return error.field();
  }

  @Test
  void definitionsAreReadInTheAdminsOrder() {
    List<AttributeDefinition> read = CustomerAttributeRules.definitions(json("""
        {"definitions": [{"key": "vehicle", "name": " Vehicle ", "type": "text"},
          {"key": "services", "name": "Services", "type": "textList"},
          {"key": "dueOn", "name": "Due on", "type": "date"}, {"key": "km", "name": "Mileage", "type": "number"}]}"""));
    assertEquals(DEFINITIONS, read);
    assertEquals(List.of(), CustomerAttributeRules.definitions(json("{\"definitions\": []}")), "an empty list removes them all");
  }

  @Test
  void aBadDefinitionIsRefusedNamingItsField() {
    assertEquals("definitions", fieldOf(() -> CustomerAttributeRules.definitions(json("{}"))));
    assertEquals("definitions[0].type", fieldOf(() -> CustomerAttributeRules.definitions(json(
        "{\"definitions\": [{\"key\": \"a\", \"name\": \"A\", \"type\": \"colour\"}]}"))));
    assertEquals("definitions[0].key", fieldOf(() -> CustomerAttributeRules.definitions(json(
        "{\"definitions\": [{\"key\": \"my.vehicle\", \"name\": \"A\", \"type\": \"text\"}]}"))), "a dot would break the placeholder");
    assertEquals("definitions[1].key", fieldOf(() -> CustomerAttributeRules.definitions(json(
        "{\"definitions\": [{\"key\": \"a\", \"name\": \"A\", \"type\": \"text\"}, {\"key\": \"a\", \"name\": \"B\", \"type\": \"date\"}]}"))));
    assertEquals("definitions[1].name", fieldOf(() -> CustomerAttributeRules.definitions(json(
        "{\"definitions\": [{\"key\": \"a\", \"name\": \"Car\", \"type\": \"text\"}, {\"key\": \"b\", \"name\": \"CAR\", \"type\": \"date\"}]}"))));
    assertEquals("definitions[0].name", fieldOf(() -> CustomerAttributeRules.definitions(json(
        "{\"definitions\": [{\"key\": \"a\", \"name\": 3, \"type\": \"text\"}]}"))));
  }

  @Test
  void valuesOfEachTypeAreReadTypedAndNullRemoves() {
    CustomerAttributeRules.Change change = CustomerAttributeRules.values(json("""
        {"vehicle": " Civic ", "services": ["oil", "tires"], "dueOn": "2026-12-01", "km": 12000.50}"""), DEFINITIONS);
    assertEquals(new CustomerAttributes.Text("Civic"), change.set().get("vehicle"));
    assertEquals(new CustomerAttributes.TextList(List.of("oil", "tires")), change.set().get("services"));
    assertEquals(new CustomerAttributes.DateValue(LocalDate.of(2026, 12, 1)), change.set().get("dueOn"));
    assertEquals("12000.5", change.set().get("km").rendered());
    assertEquals("oil, tires", change.set().get("services").rendered());
    CustomerAttributeRules.Change removal = CustomerAttributeRules.values(json("{\"vehicle\": null}"), DEFINITIONS);
    assertEquals(Set.of("vehicle"), removal.removed());
    assertTrue(removal.set().isEmpty());
  }

  @Test
  void aValueOfTheWrongTypeOrAnUnknownKeyIsRefusedNamingTheAttribute() {
    assertEquals("attributes.km", fieldOf(() -> CustomerAttributeRules.values(json("{\"km\": \"a lot\"}"), DEFINITIONS)));
    assertEquals("attributes.km", fieldOf(() -> CustomerAttributeRules.values(json("{\"km\": 1e300}"), DEFINITIONS)));
    assertEquals("attributes.dueOn", fieldOf(() -> CustomerAttributeRules.values(json("{\"dueOn\": \"2026-02-30\"}"), DEFINITIONS)));
    assertEquals("attributes.dueOn", fieldOf(() -> CustomerAttributeRules.values(json("{\"dueOn\": \"1 Dec 2026\"}"), DEFINITIONS)));
    assertEquals("attributes.dueOn", fieldOf(() -> CustomerAttributeRules.values(json("{\"dueOn\": 20261201}"), DEFINITIONS)));
    assertEquals("attributes.vehicle", fieldOf(() -> CustomerAttributeRules.values(json("{\"vehicle\": 42}"), DEFINITIONS)));
    assertEquals("attributes.vehicle", fieldOf(() -> CustomerAttributeRules.values(json("{\"vehicle\": \"  \"}"), DEFINITIONS)));
    assertEquals("attributes.services", fieldOf(() -> CustomerAttributeRules.values(json("{\"services\": \"oil\"}"), DEFINITIONS)));
    assertEquals("attributes.services", fieldOf(() -> CustomerAttributeRules.values(json("{\"services\": [\"oil\", 3]}"), DEFINITIONS)));
    assertEquals("attributes.colour", fieldOf(() -> CustomerAttributeRules.values(json("{\"colour\": \"red\"}"), DEFINITIONS)));
    assertEquals("attributes", fieldOf(() -> CustomerAttributeRules.values(json("[1]"), DEFINITIONS)));
  }

  @Test
  void numbersReadAsTheyWereWritten() {
    assertEquals(new BigDecimal("12000"), ((CustomerAttributes.NumberValue) CustomerAttributeRules.values(
        json("{\"km\": 12000}"), DEFINITIONS).set().get("km")).value());
    assertEquals("-3.25", CustomerAttributeRules.values(json("{\"km\": -3.250}"), DEFINITIONS).set().get("km").rendered());
  }
}
