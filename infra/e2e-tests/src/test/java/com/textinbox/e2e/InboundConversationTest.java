package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The carrier texts in and the message lands in the customer's conversation: SNS topic -> SQS ->
 * InboundSms -> DynamoDB (profile, conversation, timeline) -> one event on ConversationEventsQueue
 * (docs/events.md), which the Assignment function turns into a {@code message.received}
 * notification event (read off NotificationEventsQueue by {@link NotificationEvents}).
 */
class InboundConversationTest {
  private static final String DEALERSHIP = "acct-maple-motors";
  private static String textIn(String from, String body) {
    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, response.status(), response.body());
    return response.json().path("inboundMessageId").asText();
  }

  /** The dedupe marker once the event of the message was sent (the last step). */
  private static Map<String, AttributeValue> handled(String carrierId) {
    return Eventually.await("inbound SMS " + carrierId + " to be stored and announced", Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> marker = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return marker != null && marker.containsKey("eventSentAt") ? marker : null;
    });
  }

  /**
   * The conversation event of an inbound message, as InboundSms sent it (the marker keeps its
   * exact JSON), once the Assignment function consumed it: its {@code message.received}
   * notification event (same eventId) is on NotificationEventsQueue.
   */
  private static JsonNode eventOf(Map<String, AttributeValue> marker) {
    NotificationEvents.withId(marker.get("messageId").s());
    return new Http.Response(200, marker.get("event").s()).json();
  }

  private static List<Map<String, AttributeValue>> timeline(String conversationId) {
    return LocalAws.dynamoDb().query(b -> b.tableName(LocalAws.table()).consistentRead(true)
        .keyConditionExpression("PK = :pk AND begins_with(SK, :t)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("A#" + DEALERSHIP + "#CONV#" + conversationId),
            ":t", AttributeValue.fromS("T#")))).items();
  }

  private static Map<String, AttributeValue> profile(String customerId) {
    return LocalAws.item("A#" + DEALERSHIP + "#C#" + customerId, "PROFILE");
  }

  @Test
  void aTextFromADemoCustomerLandsInTheirConversationAndAnnouncesIt() {
    String carrierId = textIn("+15145550112", "Hi, it's John: is the car ready? 🚗");
    Map<String, AttributeValue> marker = handled(carrierId);
    assertEquals("cust-john", marker.get("customerId").s(), "John's profile, found by his number");
    String conversationId = marker.get("conversationId").s();
    String messageId = marker.get("messageId").s();

    assertEquals(conversationId, profile("cust-john").get("activeConversationId").s());
    Map<String, AttributeValue> conversation = LocalAws.item("A#" + DEALERSHIP + "#CONV#" + conversationId, "CONVERSATION");
    assertEquals("OPEN", conversation.get("status").s());
    assertEquals("A#" + DEALERSHIP + "#CONVS#OPEN", conversation.get("GSI3PK").s());
    assertEquals("A#" + DEALERSHIP + "#UNANSWERED", conversation.get("GSI4PK").s());

    Map<String, AttributeValue> message = timeline(conversationId).stream()
        .filter(item -> messageId.equals(item.get("messageId") == null ? null : item.get("messageId").s())
            && "Message".equals(item.get("type").s()))
        .findFirst().orElseThrow();
    assertEquals("Hi, it's John: is the car ready? 🚗", message.get("body").s());
    assertEquals("+15145550112", message.get("from").s());
    assertEquals("INBOUND", message.get("direction").s());
    assertEquals(carrierId, message.get("carrierMessageId").s());

    JsonNode event = eventOf(marker);
    JsonNode notification = NotificationEvents.withId(messageId);
    assertEquals("message.received", notification.path("type").asText());
    assertEquals(conversationId, notification.path("conversationId").asText());
    assertTrue(List.of("conversation.created", "message.received", "conversation.reopened").contains(event.path("type").asText()),
        event.toString());
    assertEquals(DEALERSHIP, event.path("accountId").asText());
    assertEquals(conversationId, event.path("conversationId").asText());
    assertEquals("cust-john", event.path("customerId").asText());
  }

  @Test
  void aNewNumberGetsAProfileAndStopThenStartChangeItsSubscription() {
    String from = "+15145550171";
    Map<String, AttributeValue> first = handled(textIn(from, "Hello, do you sell tires?"));
    String customerId = first.get("customerId").s();
    assertEquals(customerId, LocalAws.item("A#" + DEALERSHIP + "#PHONE#" + from, "PHONE").get("customerId").s());
    assertEquals(from, profile(customerId).get("mobile").s());
    assertEquals("conversation.created", eventOf(first).path("type").asText());
    assertEquals("created", NotificationEvents.withId(first.get("messageId").s()).path("conversationEvent").asText());

    Map<String, AttributeValue> stop = handled(textIn(from, "STOP"));
    Map<String, AttributeValue> unsubscribed = profile(customerId);
    assertFalse(unsubscribed.get("subscribed").bool());
    assertTrue(unsubscribed.containsKey("unsubscribedAt"));
    assertEquals("A#" + DEALERSHIP + "#UNSUBSCRIBED", unsubscribed.get("GSI3PK").s());
    assertEquals("unsubscribed", eventOf(stop).path("compliance").path("action").asText());

    handled(textIn(from, "START"));
    Map<String, AttributeValue> subscribed = profile(customerId);
    assertTrue(subscribed.get("subscribed").bool());
    assertNull(subscribed.get("unsubscribedAt"));
    assertNull(subscribed.get("GSI3PK"));

    List<String> types = timeline(first.get("conversationId").s()).stream().map(item -> item.get("type").s()).toList();
    assertEquals(List.of("Message", "Message", "ComplianceEvent", "Message", "Message", "ComplianceEvent", "Message"), types,
        "the keyword messages stay in the timeline, each with its compliance event and its automatic reply");
  }

  @Test
  void theSameInboundThreeTimesIsOneMessageAndOneEvent() throws Exception {
    String id = UUID.randomUUID().toString();
    String payload = Http.json(Map.of("originationNumber", "+15145550172", "destinationNumber", "+15145550100",
        "messageBody", "only once please", "inboundMessageId", id, "messageKeyword", "KEYWORD_000000000000"));
    String raw = LocalCloudProcess.endpoints().path("carrier").path("raw").asText();
    Http.post(raw, null, payload);
    Map<String, AttributeValue> marker = handled(id);
    Http.post(raw, null, payload);
    Http.post(raw, null, payload);
    Thread.sleep(3000);
    Eventually.await("the redeliveries to be consumed", Duration.ofSeconds(20), () -> LocalAws.visibleMessages("InboundSmsQueue") == 0);

    List<Map<String, AttributeValue>> messages = timeline(marker.get("conversationId").s()).stream()
        .filter(item -> "Message".equals(item.get("type").s())).toList();
    assertEquals(1, messages.size());
    assertEquals("only once please", messages.get(0).get("body").s());
    eventOf(marker);
    Thread.sleep(2000);
    assertEquals(1, NotificationEvents.copies(marker.get("messageId").s()), "one event for the three deliveries");
  }
}
