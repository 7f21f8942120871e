package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Customers end to end (P1, P2, P6 staff part) through the local cloud: CustomersApi for the
 * profiles, lists and staff unsubscribe; InboundSms for the customer's texts (the carrier's
 * {@code send}); MessagesApi for staff texts.
 */
class CustomersTest {
  private static final String DEALERSHIP = "acct-maple-motors";
  private static final String CHLOE = "user2";

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  private static Http.Response call(String method, String path, Object body) {
    return Http.send(method, api(path), Tokens.of(CHLOE), body == null ? null : body instanceof String s ? s : Http.json(body));
  }

  private static JsonNode ok(int status, String method, String path, Object body) {
    Http.Response response = call(method, path, body);
    assertEquals(status, response.status(), method + " " + path + ": " + response.body());
    return response.json();
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("customers").forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The customer texts the company (the local carrier delivers it to InboundSms); waits until it is stored. */
  private static Map<String, AttributeValue> textIn(String from, String body) {
    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, response.status(), response.body());
    String carrierId = response.json().path("inboundMessageId").asText();
    return Eventually.await("inbound SMS " + carrierId + " to be stored", Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> marker = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return marker != null && marker.containsKey("eventSentAt") ? marker : null;
    });
  }

  /** The newest ConversationEvent of this kind in a GET /conversations/{id} answer (an assignment may come between). */
  private static JsonNode entry(JsonNode conversation, String event) {
    for (JsonNode entry : conversation.path("timeline")) {
      if ("ConversationEvent".equals(entry.path("type").asText()) && event.equals(entry.path("event").asText())) {
        return entry;
      }
    }
    throw new AssertionError("no " + event + " event in " + conversation.path("timeline"));
  }

  @Test
  void createEditAndADuplicateMobileIsAConflictNamingTheOtherProfile() {
    JsonNode created = ok(201, "POST", "/customers", Map.of("firstName", "Élodie", "lastName", "Trémblay",
        "mobile", "514 555 0261", "language", "fr", "birthDate", "1984-03-21"));
    String id = created.path("id").asText();
    assertEquals("+15145550261", created.path("mobile").asText(), "read in the company's region (Montréal)");
    assertEquals("Élodie Trémblay", created.path("name").asText());

    JsonNode edited = ok(200, "PATCH", "/customers/" + id, Map.of("email", "elodie@example.com", "mobile", "+1 514 555 0262",
        "otherPhones", List.of(Map.of("type", "work", "number", "514-555-0299"))));
    assertEquals("+15145550262", edited.path("mobile").asText());
    assertEquals("+15145550299", edited.path("otherPhones").get(0).path("number").asText());
    assertEquals("fr", edited.path("language").asText(), "what the PATCH does not name stays");
    assertEquals(edited, ok(200, "GET", "/customers/" + id, null));

    // the old number is free again; the new one belongs to Élodie
    String other = ok(201, "POST", "/customers", Map.of("firstName", "Marc", "mobile", "5145550261")).path("id").asText();
    Http.Response duplicate = call("PATCH", "/customers/" + other, Map.of("mobile", "(514) 555-0262"));
    assertEquals(409, duplicate.status(), duplicate.body());
    assertEquals("mobile", duplicate.json().path("error").path("field").asText());
    assertTrue(duplicate.json().path("error").path("message").asText().contains(id), duplicate.body());
    assertEquals(409, call("POST", "/customers", Map.of("lastName", "Dup", "mobile", "+15145550262")).status());

    // bad input: a 400 naming the field, never a 500
    assertEquals("mobile", call("POST", "/customers", Map.of("firstName", "X", "mobile", "123")).json().path("error").path("field").asText());
    assertEquals("vip", call("PATCH", "/customers/" + id, Map.of("vip", true)).json().path("error").path("field").asText());
    assertEquals("email", call("PATCH", "/customers/" + id, Map.of("email", 5)).json().path("error").path("field").asText());
    assertEquals(400, call("POST", "/customers", "{not json").status());
    // ids are bounded before any store sees them (decision 55)
    assertEquals(400, call("GET", "/customers/" + "x".repeat(2100), null).status());
  }

  @Test
  void theListsByNamePrefixWithoutAMobileAndUnsubscribed() {
    String gaetan = ok(201, "POST", "/customers", Map.of("firstName", "Gaëtan", "lastName", "Zébulon")).path("id").asText();
    String zoe = ok(201, "POST", "/customers", Map.of("firstName", "Zoé", "lastName", "Zebulon", "mobile", "+15145550263"))
        .path("id").asText();
    assertEquals(List.of(gaetan, zoe), ids(ok(200, "GET", "/customers?q=" + q("ZEB"), null)));
    assertEquals(List.of(zoe), ids(ok(200, "GET", "/customers?q=" + q("zébulon zo"), null)));
    JsonNode first = ok(200, "GET", "/customers?q=zeb&limit=1", null);
    assertEquals(List.of(gaetan), ids(first));
    assertEquals(List.of(zoe), ids(ok(200, "GET", "/customers?q=zeb&cursor=" + first.path("nextCursor").asText(), null)));
    assertEquals(List.of(gaetan), ids(ok(200, "GET", "/customers?filter=no-mobile&q=zeb", null)));

    // from the list, by ids (one of the company's, read in one batch)
    JsonNode many = ok(200, "POST", "/customers/unsubscribe", Map.of("customerIds", List.of(gaetan, zoe)));
    assertEquals(2, many.path("unsubscribed").asInt());
    // by when they unsubscribed: one call did both, in no set order
    assertEquals(java.util.Set.of(gaetan, zoe),
        java.util.Set.copyOf(ids(ok(200, "GET", "/customers?filter=unsubscribed&q=zeb", null))));
    assertEquals(List.of(), ids(ok(200, "GET", "/customers?filter=unsubscribed&q=zeb&to=2020-01-01", null)));
    assertEquals(400, call("GET", "/customers?filter=vip", null).status());
  }

  @Test
  void staffUnsubscribeRefusesSendingUntilTheCustomerTextsStartAndStaffCannotResubscribe() {
    String mobile = "+15145550264";
    String id = ok(201, "POST", "/customers", Map.of("firstName", "Hugo", "lastName", "Staffstop", "mobile", mobile))
        .path("id").asText();
    String conversationId = textIn(mobile, "Bonjour, ma voiture est prête?").get("conversationId").s();
    assertEquals(id, LocalAws.item("A#" + DEALERSHIP + "#CONV#" + conversationId, "CONVERSATION").get("customerId").s(),
        "the text landed in the profile staff created");

    JsonNode unsubscribed = ok(200, "POST", "/conversations/" + conversationId + "/unsubscribe-customer", "{}");
    assertTrue(unsubscribed.path("changed").asBoolean());
    assertFalse(unsubscribed.path("customer").path("subscribed").asBoolean());
    assertEquals("user-chloe", unsubscribed.path("customer").path("unsubscribedBy").asText());
    assertFalse(ok(200, "POST", "/customers/" + id + "/unsubscribe", "{}").path("changed").asBoolean());
    JsonNode event = entry(ok(200, "GET", "/conversations/" + conversationId, null), "unsubscribed");
    assertEquals("user-chloe", event.path("by").asText(), event.toString());
    assertEquals("Chloé Roy", event.path("byName").asText(), event.toString());

    Http.Response refused = call("POST", "/customers/" + id + "/messages", Map.of("body", "Oui, elle est prête."));
    assertEquals(409, refused.status(), refused.body());
    assertEquals("unsubscribed", refused.json().path("error").path("code").asText());
    Http.Response resubscribe = call("POST", "/customers/" + id + "/resubscribe", "{}");
    assertEquals(403, resubscribe.status(), resubscribe.body());
    assertTrue(resubscribe.json().path("error").path("message").asText().contains("START"), resubscribe.body());
    assertEquals(403, call("PATCH", "/customers/" + id, Map.of("subscribed", true)).status());

    textIn(mobile, "START");
    Eventually.await("Hugo to be subscribed again", Duration.ofSeconds(20),
        () -> ok(200, "GET", "/customers/" + id, null).path("subscribed").asBoolean() ? true : null);
    assertEquals(202, call("POST", "/customers/" + id + "/messages", Map.of("body", "Oui, elle est prête.")).status());

    JsonNode conversations = ok(200, "GET", "/customers/" + id + "/conversations", null);
    assertEquals(conversationId, conversations.path("active").path("conversationId").asText());
    assertEquals(0, conversations.path("archived").size());
  }

  @Test
  void textingACustomerWhoseConversationIsClosedReopensIt() {
    String mobile = "+15145550265";
    String conversationId = textIn(mobile, "Merci pour tout!").get("conversationId").s();
    ok(200, "POST", "/conversations/" + conversationId + "/close", "{}");
    assertEquals("CLOSED", ok(200, "GET", "/conversations/" + conversationId, null).path("conversation").path("status").asText());

    Http.Response sent = call("POST", "/conversations/" + conversationId + "/messages", Map.of("body", "Au plaisir!"));
    assertEquals(202, sent.status(), sent.body());
    JsonNode read = ok(200, "GET", "/conversations/" + conversationId, null);
    assertEquals("OPEN", read.path("conversation").path("status").asText());
    assertEquals("user-chloe", entry(read, "reopened").path("by").asText(), read.path("timeline").toString());
  }
}
