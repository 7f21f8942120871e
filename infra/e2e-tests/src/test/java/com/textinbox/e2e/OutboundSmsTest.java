package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Outbound SMS end to end: a reply through the API (MessagesApi) -> SendSmsQueue -> SmsSender ->
 * SNS Publish -> the local carrier's outbox -> its receipt on CarrierEventsTopic ->
 * CarrierEventsQueue -> DeliveryReceipts -> the message DELIVERED or FAILED in DynamoDB.
 */
class OutboundSmsTest {
  private static final String DEALERSHIP = "acct-maple-motors";

  private static String textIn(String from, String body) {
    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, response.status(), response.body());
    return response.json().path("inboundMessageId").asText();
  }

  /** Texts in and waits until it is stored; returns the marker (conversation, customer). */
  private static Map<String, AttributeValue> textInAndWait(String from, String body) {
    String carrierId = textIn(from, body);
    return Eventually.await("inbound SMS " + carrierId + " to be stored", Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> marker = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return marker != null && marker.containsKey("eventSentAt") ? marker : null;
    });
  }

  private static Http.Response reply(String conversationId, String body) {
    return Http.post(LocalCloudProcess.endpoints().path("apiUrl").asText() + "/conversations/" + conversationId + "/messages",
        Tokens.of("user2"), Http.json(Map.of("body", body)));
  }

  private static List<JsonNode> outboxTo(String number) {
    List<JsonNode> entries = new ArrayList<>();
    for (JsonNode entry : Http.get(LocalCloudProcess.endpoints().path("carrier").path("outbox").asText(), null).json()) {
      if (number.equals(entry.path("to").asText())) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** The stored message once its status is final (DELIVERED or FAILED). */
  private static Map<String, AttributeValue> finalMessage(String conversationId, JsonNode sent) {
    String sk = "T#" + sent.path("createdAt").asText() + "#" + sent.path("messageId").asText();
    return Eventually.await("message " + sent.path("messageId").asText() + " to be delivered or failed", Duration.ofSeconds(40), () -> {
      Map<String, AttributeValue> message = LocalAws.item("A#" + DEALERSHIP + "#CONV#" + conversationId, sk);
      String status = message == null ? null : message.get("status").s();
      return "DELIVERED".equals(status) || "FAILED".equals(status) ? message : null;
    });
  }

  private static Map<String, AttributeValue> profile(String customerId) {
    return LocalAws.item("A#" + DEALERSHIP + "#C#" + customerId, "PROFILE");
  }

  @Test
  void aReplyIsTextedWithTheSendersNameTheStopNoticeOnceAndComesBackDelivered() {
    String karim = "+15145550113";
    Map<String, AttributeValue> marker = textInAndWait(karim, "Hello, when is my car ready?");
    String conversationId = marker.get("conversationId").s();
    String customerId = marker.get("customerId").s();
    assertEquals("cust-karim", customerId);

    Http.Response first = reply(conversationId, "Tomorrow at 9.");
    assertEquals(202, first.status(), first.body());
    JsonNode sent = first.json();
    assertEquals("QUEUED", sent.path("status").asText());
    Map<String, AttributeValue> delivered = finalMessage(conversationId, sent);
    assertEquals("DELIVERED", delivered.get("status").s(), delivered.toString());
    assertEquals("user-chloe", delivered.get("senderUserId").s());
    JsonNode texted = outboxTo(karim).stream()
        .filter(e -> e.path("messageId").asText().equals(delivered.get("carrierMessageId").s())).findFirst().orElseThrow();
    assertEquals("Chloé: Tomorrow at 9.\nReply STOP to unsubscribe, HELP for help.", texted.path("body").asText());
    assertEquals(LocalCloudProcess.endpoints().path("companyNumber").asText(), texted.path("from").asText());
    Map<String, AttributeValue> conversation = LocalAws.item("A#" + DEALERSHIP + "#CONV#" + conversationId, "CONVERSATION");
    assertFalse(conversation.containsKey("GSI4PK"), "answered: out of the unanswered list");

    Http.Response second = reply(conversationId, "See you then.");
    assertEquals(202, second.status(), second.body());
    Map<String, AttributeValue> secondMessage = finalMessage(conversationId, second.json());
    assertEquals("DELIVERED", secondMessage.get("status").s());
    assertEquals("Chloé: See you then.", outboxTo(karim).stream()
        .filter(e -> e.path("messageId").asText().equals(secondMessage.get("carrierMessageId").s()))
        .findFirst().orElseThrow().path("body").asText(), "the STOP notice only the first time");

    // STOP: confirmed once; then the next reply is refused and nothing more is texted
    textInAndWait(karim, "STOP");
    Eventually.await("Karim to be unsubscribed", Duration.ofSeconds(20), () -> profile(customerId).get("subscribed").bool() ? null : true);
    Eventually.await("the STOP confirmation in the carrier's outbox", Duration.ofSeconds(30), () -> outboxTo(karim).stream()
        .anyMatch(e -> e.path("body").asText().startsWith("Maple Motors: You are unsubscribed")));
    int textedBefore = outboxTo(karim).size();
    Http.Response refused = reply(conversationId, "Are you still there?");
    assertEquals(409, refused.status(), refused.body());
    assertEquals("unsubscribed", refused.json().path("error").path("code").asText());
    try {
      Thread.sleep(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertEquals(textedBefore, outboxTo(karim).size(), "nothing texted");

    // START: sending works again
    textInAndWait(karim, "START");
    Eventually.await("Karim to be subscribed again", Duration.ofSeconds(20), () -> profile(customerId).get("subscribed").bool() ? true : null);
    Http.Response again = reply(conversationId, "Welcome back.");
    assertEquals(202, again.status(), again.body());
    assertEquals("DELIVERED", finalMessage(conversationId, again.json()).get("status").s());
  }

  @Test
  void aCustomerWhoNeverTextedIsTextedInAConversationOpenedForThem() {
    // a customer as an import would leave them: a profile, its phone guard, no conversation
    String customerId = "cust-e2e-imported-" + java.util.UUID.randomUUID();
    String mobile = "+15145550145";
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(Map.of(
        "PK", AttributeValue.fromS("A#" + DEALERSHIP + "#C#" + customerId), "SK", AttributeValue.fromS("PROFILE"),
        "type", AttributeValue.fromS("Customer"), "customerId", AttributeValue.fromS(customerId),
        "firstName", AttributeValue.fromS("Imported"), "mobile", AttributeValue.fromS(mobile), "language", AttributeValue.fromS("fr"))));
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(Map.of(
        "PK", AttributeValue.fromS("A#" + DEALERSHIP + "#PHONE#" + mobile), "SK", AttributeValue.fromS("PHONE"),
        "type", AttributeValue.fromS("CustomerPhone"), "customerId", AttributeValue.fromS(customerId))));

    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("apiUrl").asText() + "/customers/" + customerId + "/messages",
        Tokens.of("user2"), Http.json(Map.of("body", "Vos pneus sont arrivés.")));
    assertEquals(202, response.status(), response.body());
    String conversationId = response.json().path("conversationId").asText();
    assertEquals(conversationId, profile(customerId).get("activeConversationId").s());
    assertEquals("DELIVERED", finalMessage(conversationId, response.json()).get("status").s());
    assertEquals(List.of("Chloé: Vos pneus sont arrivés.\nRépondez ARRET pour vous désabonner, AIDE pour de l'aide."),
        outboxTo(mobile).stream().map(e -> e.path("body").asText()).toList());

    // the customer's answer lands in that conversation
    assertEquals(conversationId, textInAndWait(mobile, "Merci!").get("conversationId").s());
  }

  /**
   * A client that lost the answer posts the same reply again with its Idempotency-Key (decision
   * 74): one text, the same message answered (as it is now); the key with another text is a 422.
   */
  @Test
  void aReplyPostedAgainWithItsIdempotencyKeyIsTextedOnce() {
    String mobile = "+15145550146";
    String conversationId = textInAndWait(mobile, "Is my car ready?").get("conversationId").s();
    String url = LocalCloudProcess.endpoints().path("apiUrl").asText() + "/conversations/" + conversationId + "/messages";
    Map<String, String> key = Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString());
    String body = Http.json(Map.of("body", "Tomorrow at 10."));
    Http.Response first = Http.post(url, Tokens.of("user2"), body, key);
    Http.Response again = Http.post(url, Tokens.of("user2"), body, key);
    assertEquals(202, first.status(), first.body());
    assertEquals(202, again.status(), again.body());
    assertEquals(first.json().path("messageId").asText(), again.json().path("messageId").asText());
    assertEquals("DELIVERED", finalMessage(conversationId, first.json()).get("status").s());

    Http.Response late = Http.post(url, Tokens.of("user2"), body, key);
    assertEquals(202, late.status(), late.body());
    assertEquals("DELIVERED", late.json().path("status").asText(), "the message as it is now");
    Http.Response other = Http.post(url, Tokens.of("user2"), Http.json(Map.of("body", "Tomorrow at 11.")), key);
    assertEquals(422, other.status(), other.body());
    assertEquals("idempotency_key_reused", other.json().path("error").path("code").asText());
    assertEquals(List.of("Chloé: Tomorrow at 10.\nReply STOP to unsubscribe, HELP for help."),
        outboxTo(mobile).stream().map(e -> e.path("body").asText()).filter(b -> b.startsWith("Chloé")).toList(),
        "texted once");
  }

  @Test
  void aReplyToALandlineFailsWithAReason() {
    Map<String, AttributeValue> marker = textInAndWait("+15145550190", "Hi from the office phone");
    Http.Response response = reply(marker.get("conversationId").s(), "We got your message.");
    assertEquals(202, response.status(), response.body());
    Map<String, AttributeValue> failed = finalMessage(marker.get("conversationId").s(), response.json());
    assertEquals("FAILED", failed.get("status").s());
    assertEquals("landline", failed.get("failureReason").s());
    assertTrue(failed.get("failureDescription").s().contains("landline"), failed.toString());
  }
}
