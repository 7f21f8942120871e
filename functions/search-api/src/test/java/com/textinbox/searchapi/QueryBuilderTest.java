package com.textinbox.searchapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryBuilderTest {
  private static final ZoneId TORONTO = ZoneId.of("America/Toronto");

  private static JsonNode query(SearchType type, String text) {
    return Json.read(QueryBuilder.of("acct-maple-motors", type, text, TORONTO).toJsonString());
  }

  @Test
  void everyQueryIsFilteredByTheCallersAccountAndTheKind() {
    for (SearchType type : SearchType.values()) {
      JsonNode bool = query(type, "Chloe").path("bool");
      assertEquals("acct-maple-motors", bool.path("filter").get(0).path("term").path("accountId").path("value").asText());
      assertEquals(type.kind(), bool.path("filter").get(1).path("term").path("kind").path("value").asText());
      assertEquals("1", bool.path("minimum_should_match").asText());
    }
  }

  @Test
  void queriesAreMatchAndTermOnlyNeverQuerySyntax() {
    for (SearchType type : SearchType.values()) {
      for (String text : new String[] {"\"Chloé\" OR *", "\\", "a AND b NOT c", "name:*", "(x) [y] {z} ~2 ^3"}) {
        String json = QueryBuilder.of("acct", type, text, TORONTO).toJsonString();
        assertFalse(json.contains("query_string"), json);
        assertFalse(json.contains("wildcard"), json);
        assertFalse(json.contains("regexp"), json);
        assertFalse(json.contains("\"prefix\""), json);
      }
    }
  }

  @Test
  void aCustomerIsFoundByNameWithOneTypoByPrefixByAnyFormOfNumberAndByReference() {
    JsonNode should = query(SearchType.CUSTOMER, "(514) 555-0111").path("bool").path("should");
    assertEquals("1", should.get(0).path("match").path("name").path("fuzziness").asText());
    assertEquals("and", should.get(0).path("match").path("name").path("operator").asText());
    assertTrue(should.get(1).path("match").has("name.prefix"));
    assertEquals("5145550111", should.get(2).path("term").path("phones").path("value").asText());
    assertEquals("(514) 555-0111", should.get(3).path("term").path("reference").path("value").asText());

    JsonNode byName = query(SearchType.CUSTOMER, "Chloe").path("bool").path("should");
    assertFalse(byName.toString().contains("phones"), "a name is not looked for among numbers");
  }

  @Test
  void aMessageIsFoundByItsWordsFoldedOrThroughFrenchAndEnglishStemming() {
    JsonNode should = query(SearchType.MESSAGE, "voitures prêtes").path("bool").path("should");
    List<String> fields = new ArrayList<>();
    should.forEach(clause -> clause.path("match").fieldNames().forEachRemaining(fields::add));
    assertEquals(List.of("text", "text.fr", "text.en"), fields);
  }

  @Test
  void anInvoiceIsFoundByItsNumbersOrAnAmountToTheCent() {
    JsonNode should = query(SearchType.INVOICE, "$149,99").path("bool").path("should");
    List<String> fields = new ArrayList<>();
    should.forEach(clause -> clause.path("term").fieldNames().forEachRemaining(fields::add));
    assertEquals(List.of("invoiceNumber", "repairOrder", "reference", "amount"), fields);
    assertEquals(149.99, should.get(3).path("term").path("amount").path("value").asDouble());
    assertEquals(3, query(SearchType.INVOICE, "RO-1042").path("bool").path("should").size(), "not an amount: no amount term");
  }

  @Test
  void anAppointmentIsFoundByTypeWithATypoByReferenceOrByItsDayInTheCompanysZone() {
    JsonNode should = query(SearchType.APPOINTMENT, "2026-12-05").path("bool").path("should");
    assertEquals("1", should.get(0).path("match").path("appointmentType").path("fuzziness").asText());
    assertTrue(should.get(1).path("term").has("reference"));
    // Toronto's 5 December (EST, UTC-5): an appointment at 21:00 there is 02:00Z on the 6th, and in it
    assertEquals("2026-12-05T05:00:00Z", should.get(2).path("range").path("at").path("gte").asText());
    assertEquals("2026-12-06T05:00:00Z", should.get(2).path("range").path("at").path("lt").asText());
    JsonNode summer = Json.read(QueryBuilder.of("acct", SearchType.APPOINTMENT, "2026-07-01", ZoneId.of("America/Vancouver"))
        .toJsonString()).path("bool").path("should").get(2).path("range").path("at");
    assertEquals("2026-07-01T07:00:00Z", summer.path("gte").asText(), "PDT, UTC-7");
    JsonNode dstDay = query(SearchType.APPOINTMENT, "2026-11-01").path("bool").path("should").get(2).path("range").path("at");
    assertEquals("2026-11-01T04:00:00Z", dstDay.path("gte").asText());
    assertEquals("2026-11-02T05:00:00Z", dstDay.path("lt").asText(), "the day clocks go back has 25 hours");
    assertEquals(2, query(SearchType.APPOINTMENT, "oil change").path("bool").path("should").size());
    assertEquals(2, Json.read(QueryBuilder.of("acct", SearchType.APPOINTMENT, "oil change", null).toJsonString())
        .path("bool").path("should").size(), "no zone needed when the text is no day");
  }
}
