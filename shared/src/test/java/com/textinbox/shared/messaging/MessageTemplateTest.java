package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.customers.CustomerAttributes;
import com.textinbox.shared.customers.CustomerProfile;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {
  private static final CustomerProfile JOHN = new CustomerProfile("cust-1", "John", " ", null, "+15145550111", "en", null,
      true, null, null, null, null, null, null, null, null, null, null, List.of(), null, null, new CustomerAttributes(Map.of(
          "vehicle", new CustomerAttributes.Text("Civic"),
          "services", new CustomerAttributes.TextList(List.of("oil change", "tires")),
          "dueOn", new CustomerAttributes.DateValue(LocalDate.of(2026, 12, 1)),
          "km", new CustomerAttributes.NumberValue(new BigDecimal("12000.0")))));

  private static ApiError refused(String body) {
    ApiError error = assertThrows(ApiError.class, () -> MessageTemplate.render(body, MessageTemplate.values(JOHN)));
    assertEquals(400, error.status());
    assertEquals("body", error.field());
    return error;
  }

  @Test
  void placeholdersAreFilledFromTheProfile() {
    assertEquals("Hi John, your Civic is ready",
        MessageTemplate.render("Hi {{firstName}}, your {{attributes.vehicle}} is ready", MessageTemplate.values(JOHN)));
    assertEquals("oil change, tires on 2026-12-01 at 12000 km",
        MessageTemplate.render("{{ attributes.services }} on {{attributes.dueOn}} at {{attributes.km}} km", MessageTemplate.values(JOHN)));
  }

  @Test
  void nothingIsEscapedInAnSms() {
    assertEquals("R&D <ok> \"x\"", MessageTemplate.render("{{v}} <ok> \"x\"", Map.of("v", "R&D")));
    assertEquals("R&D", MessageTemplate.render("{{{v}}}", Map.of("v", "R&D")));
  }

  @Test
  void aBodyWithoutPlaceholdersIsSentAsTyped() {
    String body = "See you {at} 5 } {";
    assertSame(body, MessageTemplate.render(body, Map.of()));
    assertEquals(List.of(), MessageTemplate.placeholders(body));
  }

  @Test
  void placeholdersWithoutAValueAreAllListed() {
    ApiError error = refused("Hi {{firstName}} {{lastName}}, your {{attributes.colour}} {{lastName}}");
    assertEquals("missing_placeholders", error.code());
    assertTrue(error.getMessage().contains("{{lastName}}, {{attributes.colour}}"), error.getMessage());
  }

  @Test
  void onlyPlainPlaceholdersAndWellFormedOnes() {
    assertEquals("invalid_placeholders", refused("{{#attributes.services}}x{{/attributes.services}}").code());
    assertEquals("invalid_placeholders", refused("{{^firstName}}there{{/firstName}}").code());
    assertEquals("invalid_placeholders", refused("{{> header}}").code(), "no template files are read");
    assertEquals("invalid_placeholders", refused("Hi {{firstName").code());
    assertEquals("Hi John", MessageTemplate.render("Hi {{! a note }}{{firstName}}", MessageTemplate.values(JOHN)));
  }

  @Test
  void theProfileGivesNamesAndAttributesButNotBlanks() {
    assertEquals(Map.of("firstName", "John", "attributes.vehicle", "Civic", "attributes.services", "oil change, tires",
        "attributes.dueOn", "2026-12-01", "attributes.km", "12000"), MessageTemplate.values(JOHN));
    assertEquals(List.of("firstName", "attributes.vehicle"), MessageTemplate.placeholders("{{firstName}} {{attributes.vehicle}} {{firstName}}"));
  }
}
