package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The customer's language drives every automatic text (P6, issue 10): a customer who texted ARRÊT,
 * and a profile staff made in French, get the STOP confirmation, the first message's STOP notice,
 * the help answer and the START confirmation in French, read back from the local carrier.
 * 514-555-0185 and 0186 are this class's own numbers. (A word of one language, STOP or HELP, is
 * answered in that word's language: the customer chose it in that very message.)
 */
class CustomerLanguageTest {
  private static final String FRENCH_NOTICE = "Répondez ARRET pour vous désabonner, AIDE pour de l'aide.";
  private static final String FRENCH_HELP_END = "Répondez ARRET pour vous désabonner.";

  private static JsonNode endpoints() {
    return LocalCloudProcess.endpoints();
  }

  private static String api(String path) {
    return endpoints().path("apiUrl").asText() + path;
  }

  @Test
  void aCustomerWhoTextedArretGetsEveryAutomaticTextInFrench() {
    String number = "+15145550185";
    Map<String, AttributeValue> stop = Carrier.textIn(number, "ARRÊT");
    assertTrue(Carrier.awaitTexted(number, "Maple Motors : ").contains("désabonnement est confirmé"), Carrier.textedTo(number).toString());
    Carrier.textIn(number, "START");
    assertTrue(Carrier.awaitTexted(number, "Maple Motors : votre abonnement est réactivé").endsWith(FRENCH_NOTICE));
    Carrier.textIn(number, "INFO");
    String help = Carrier.awaitTexted(number, "Maple Motors : Pour de l'aide");
    assertTrue(help.endsWith(FRENCH_HELP_END), help);
    Http.Response sent = Http.post(api("/conversations/" + stop.get("conversationId").s() + "/messages"), Tokens.of("user2"),
        Http.json(Map.of("body", "Votre voiture est prête.")));
    assertEquals(202, sent.status(), sent.body());
    assertEquals("Chloé: Votre voiture est prête.\n" + FRENCH_NOTICE, Carrier.awaitTexted(number, "Chloé: Votre voiture"));
  }

  @Test
  void aProfileMadeInFrenchGetsTheFirstMessagesNoticeAndTheRepliesInFrench() {
    String number = "+15145550186";
    Http.Response created = Http.post(api("/customers"), Tokens.of("user2"),
        Http.json(Map.of("firstName", "Gisèle", "mobile", number, "language", "fr")));
    assertEquals(201, created.status(), created.body());
    String customerId = created.json().path("id").asText();
    Http.Response sent = Http.post(api("/customers/" + customerId + "/messages"), Tokens.of("user2"),
        Http.json(Map.of("body", "Bonjour Gisèle, votre rendez-vous est confirmé.")));
    assertEquals(202, sent.status(), sent.body());
    assertEquals("Chloé: Bonjour Gisèle, votre rendez-vous est confirmé.\n" + FRENCH_NOTICE, Carrier.awaitTexted(number, "Chloé: Bonjour"),
        "the first message's STOP notice in the profile's language");
    Carrier.textIn(number, "info");
    assertTrue(Carrier.awaitTexted(number, "Maple Motors : Pour de l'aide").endsWith(FRENCH_HELP_END));
    Carrier.textIn(number, "arrêt");
    Carrier.awaitTexted(number, "Maple Motors : votre désabonnement est confirmé");
    Carrier.textIn(number, "Start");
    assertTrue(Carrier.awaitTexted(number, "Maple Motors : votre abonnement est réactivé").endsWith(FRENCH_NOTICE),
        "START, a word of both languages, in the profile's");
  }
}
