package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Custom attributes and placeholders end to end (P3), and the customer's language for automatic
 * texts (P6): an admin defines the attributes, a user sets a value on a demo customer, a message
 * with placeholders is read back from the local carrier's outbox as the customer got it. Numbers
 * 514-555-0181 to 0183 are this class's own; the demo customer is Marie Lambert (French).
 */
class CustomerAttributesTest {
  private static final String DEALERSHIP = "acct-maple-motors";
  private static final String MARIE = "+15145550111";
  private static final String DEFINITIONS = """
      {"definitions": [{"key": "vehicle", "name": "Vehicle", "type": "text"},
        {"key": "dueOn", "name": "Service due on", "type": "date"}, {"key": "km", "name": "Mileage", "type": "number"}]}""";
  private static final String FRENCH_NOTICE = "Répondez ARRET pour vous désabonner, AIDE pour de l'aide.";

  private static JsonNode endpoints() {
    return LocalCloudProcess.endpoints();
  }

  private static String api(String path) {
    return endpoints().path("apiUrl").asText() + path;
  }

  /** What the local carrier texted {@code number}, oldest first. */
  private static List<String> textedTo(String number) {
    JsonNode outbox = Http.get(endpoints().path("carrier").path("outbox").asText(), null).json();
    return StreamSupport.stream(outbox.spliterator(), false).filter(e -> number.equals(e.path("to").asText()))
        .map(e -> e.path("body").asText()).toList();
  }

  private static String awaitTexted(String number, String start) {
    return Eventually.await(number + " to be texted '" + start + "...'", Duration.ofSeconds(30),
        () -> textedTo(number).stream().filter(b -> b.startsWith(start)).findFirst().orElse(null));
  }

  /** Texts in from {@code from}; the dedupe marker once the message is stored and announced. */
  private static Map<String, AttributeValue> textIn(String from, String body) {
    Http.Response response = Http.post(endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, response.status(), response.body());
    String carrierId = response.json().path("inboundMessageId").asText();
    return Eventually.await("inbound SMS " + carrierId + " to be handled", Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> marker = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return marker != null && marker.containsKey("eventSentAt") ? marker : null;
    });
  }

  private static Http.Response patchAttributes(String customerId, String token, String body) {
    return Http.send("PATCH", api("/customers/" + customerId + "/attributes"), Tokens.of(token), body);
  }

  @Test
  void anAttributeDefinedByAnAdminFillsAPlaceholderInTheTextTheCustomerGets() {
    Http.Response refused = Http.send("PUT", api("/settings/customer-attributes"), Tokens.of("user1"), DEFINITIONS);
    assertEquals(403, refused.status(), "only admins define attributes: " + refused.body());
    Http.Response defined = Http.send("PUT", api("/settings/customer-attributes"), Tokens.of("admin"), DEFINITIONS);
    assertEquals(200, defined.status(), defined.body());
    Http.Response read = Http.get(api("/settings/customer-attributes"), Tokens.of("user1"));
    assertEquals(200, read.status(), read.body());
    assertEquals(List.of("vehicle", "dueOn", "km"), read.json().path("definitions").findValuesAsText("key"));

    Http.Response set = patchAttributes("cust-marie", "user2", "{\"vehicle\": \"Civic\", \"km\": 12000}");
    assertEquals(200, set.status(), set.body());
    assertEquals("Civic", set.json().path("attributes").path("vehicle").asText());
    assertEquals(12000, Http.get(api("/customers/cust-marie"), Tokens.of("user1")).json().path("attributes").path("km").asInt(),
        "the customer's one shape shows its values");
    Http.Response wrongType = patchAttributes("cust-marie", "user2", "{\"dueOn\": \"next Tuesday\"}");
    assertEquals(400, wrongType.status(), wrongType.body());
    assertEquals("attributes.dueOn", wrongType.json().path("error").path("field").asText());

    Http.Response sent = Http.post(api("/customers/cust-marie/messages"), Tokens.of("user2"),
        Http.json(Map.of("body", "Hi {{firstName}}, your {{attributes.vehicle}} is ready")));
    assertEquals(202, sent.status(), sent.body());
    assertEquals("Hi Marie, your Civic is ready", sent.json().path("body").asText(), "stored as texted");
    awaitTexted(MARIE, "Chloé: Hi Marie, your Civic is ready");

    Http.Response missing = Http.post(api("/customers/cust-marie/messages"), Tokens.of("user2"),
        Http.json(Map.of("body", "{{firstName}}, your service is due on {{attributes.dueOn}}")));
    assertEquals(400, missing.status(), missing.body());
    JsonNode error = missing.json().path("error");
    assertEquals("missing_placeholders", error.path("code").asText());
    assertEquals("body", error.path("field").asText());
    assertTrue(error.path("message").asText().contains("{{attributes.dueOn}}"), error.toString());
    assertEquals(0, textedTo(MARIE).stream().filter(b -> b.contains("service is due")).count(), "never a text with a blank");
  }

  @Test
  void aNewCustomerWhoTextedArretGetsFrenchFromThenOn() {
    String number = "+15145550181";
    Map<String, AttributeValue> stop = textIn(number, "ARRÊT");
    String customerId = stop.get("customerId").s();
    awaitTexted(number, "Maple Motors : votre désabonnement est confirmé");
    assertEquals("fr", LocalAws.item("A#" + DEALERSHIP + "#C#" + customerId, "PROFILE").get("language").s(),
        "the keyword's language became the customer's");

    textIn(number, "START");
    awaitTexted(number, "Maple Motors : votre abonnement est réactivé. " + FRENCH_NOTICE);
    Http.Response sent = Http.post(api("/conversations/" + stop.get("conversationId").s() + "/messages"), Tokens.of("user2"),
        Http.json(Map.of("body", "Votre voiture est prête.")));
    assertEquals(202, sent.status(), sent.body());
    assertEquals("Chloé: Votre voiture est prête.\n" + FRENCH_NOTICE, awaitTexted(number, "Chloé: Votre voiture"),
        "the first message's STOP notice in French");
  }
}
