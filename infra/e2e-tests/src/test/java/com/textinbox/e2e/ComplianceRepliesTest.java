package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Compliance keywords answered end to end (P6): the carrier texts STOP / START / HELP in ->
 * InboundSms stores the keyword and its reply QUEUED -> SendSmsQueue -> SmsSender -> the local
 * carrier's outbox; and the sweep of messages left QUEUED (QueuedSmsSweep, run on demand).
 * Numbers 514-555-0140 to 0149 are this class's own.
 */
class ComplianceRepliesTest {
  private static final String DEALERSHIP = "acct-maple-motors";
  private static final String STOP_CONFIRMATION = "Maple Motors: You are unsubscribed and will receive no more messages."
      + " Reply START to resubscribe.";
  private static final String START_CONFIRMATION = "Maple Motors: You are subscribed again. Reply STOP to unsubscribe,"
      + " HELP for help.";

  private static JsonNode endpoints() {
    return LocalCloudProcess.endpoints();
  }

  private static Map<String, AttributeValue> textInAndWait(String from, String body) {
    Http.Response response = Http.post(endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, response.status(), response.body());
    return handled(response.json().path("inboundMessageId").asText());
  }

  /** The dedupe marker once the message is stored and its event (and a keyword's reply command) sent. */
  private static Map<String, AttributeValue> handled(String carrierId) {
    return Eventually.await("inbound SMS " + carrierId + " to be handled", Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> marker = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return marker != null && marker.containsKey("eventSentAt") ? marker : null;
    });
  }

  private static List<String> textedTo(String number) {
    List<String> bodies = new ArrayList<>();
    for (JsonNode entry : Http.get(endpoints().path("carrier").path("outbox").asText(), null).json()) {
      if (number.equals(entry.path("to").asText())) {
        bodies.add(entry.path("body").asText());
      }
    }
    return bodies;
  }

  /** Waits until {@code number} has been texted {@code body} {@code times} times (no more). */
  private static void awaitTexted(String number, String body, int times) {
    Eventually.await(number + " to be texted '" + body + "' " + times + " time(s)", Duration.ofSeconds(30),
        () -> textedTo(number).stream().filter(body::equals).count() >= times);
    assertEquals(times, textedTo(number).stream().filter(body::equals).count(), textedTo(number).toString());
  }

  private static Http.Response reply(String conversationId, String body) {
    return Http.post(endpoints().path("apiUrl").asText() + "/conversations/" + conversationId + "/messages",
        Tokens.of("user2"), Http.json(Map.of("body", body)));
  }

  /** The conversation's timeline as the API returns it (newest first). */
  private static JsonNode timeline(String conversationId) {
    Http.Response response = Http.get(endpoints().path("apiUrl").asText() + "/conversations/" + conversationId + "?limit=50",
        Tokens.of("user2"));
    assertEquals(200, response.status(), response.body());
    return response.json().path("timeline");
  }

  private static JsonNode entryWithId(String conversationId, String id) {
    for (JsonNode entry : timeline(conversationId)) {
      if (entry.path("id").asText().equals(id)) {
        return entry;
      }
    }
    return null;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void stopIsConfirmedThenNothingMoreIsTextedUntilStartWhichIsConfirmedToo() {
    String number = "+15145550140";
    Map<String, AttributeValue> first = textInAndWait(number, "Hi, is the oil change done?");
    String conversationId = first.get("conversationId").s();

    Map<String, AttributeValue> stop = textInAndWait(number, "Stop");
    awaitTexted(number, STOP_CONFIRMATION, 1);
    // the timeline shows the keyword, its compliance entry with reply SENT, and the reply itself
    String messageId = stop.get("messageId").s();
    JsonNode entry = Eventually.await("the compliance entry to say SENT", Duration.ofSeconds(20), () -> {
      JsonNode e = entryWithId(conversationId, messageId + "-compliance");
      return e != null && "SENT".equals(e.path("reply").asText()) ? e : null;
    });
    assertEquals("unsubscribed", entry.path("event").asText());
    JsonNode replyMessage = entryWithId(conversationId, entry.path("replyMessageId").asText());
    assertEquals(STOP_CONFIRMATION, replyMessage.path("body").asText());
    assertEquals("automation", replyMessage.path("source").path("type").asText());
    assertEquals("keyword-reply:stop", replyMessage.path("source").path("id").asText());
    assertTrue(List.of("SENT", "DELIVERED").contains(replyMessage.path("status").asText()), replyMessage.toString());

    // a user's message is refused, and nothing else reaches the customer
    int texted = textedTo(number).size();
    Http.Response refused = reply(conversationId, "Your car is ready.");
    assertEquals(409, refused.status(), refused.body());
    assertEquals("unsubscribed", refused.json().path("error").path("code").asText());
    pause(2000);
    assertEquals(texted, textedTo(number).size(), "nothing texted after the confirmation");

    textInAndWait(number, "START");
    awaitTexted(number, START_CONFIRMATION, 1);
    Http.Response again = reply(conversationId, "Your car is ready.");
    assertEquals(202, again.status(), again.body());
    awaitTexted(number, "Chloé: Your car is ready.\nReply STOP to unsubscribe, HELP for help.", 1);
  }

  @Test
  void helpAndAideAreAnsweredWithTheHelpTextInTheirLanguage() {
    textInAndWait("+15145550141", "HELP");
    awaitTexted("+15145550141", "Maple Motors: For help, reply to this message and the Maple Motors team will answer."
        + " Reply STOP to unsubscribe.", 1);
    textInAndWait("+15145550142", " aide ");
    awaitTexted("+15145550142", "Maple Motors : Pour de l'aide, répondez à ce message et l'équipe de Maple Motors vous"
        + " répondra. Répondez ARRET pour vous désabonner.", 1);
  }

  @Test
  void theSameStopDeliveredThreeTimesIsConfirmedOnce() {
    String number = "+15145550143";
    String id = UUID.randomUUID().toString();
    String payload = Http.json(Map.of("originationNumber", number, "destinationNumber", endpoints().path("companyNumber").asText(),
        "messageBody", "STOP", "inboundMessageId", id, "messageKeyword", "KEYWORD_000000000000"));
    String raw = endpoints().path("carrier").path("raw").asText();
    for (int i = 0; i < 3; i++) {
      Http.post(raw, null, payload);
    }
    handled(id);
    awaitTexted(number, STOP_CONFIRMATION, 1);
    Eventually.await("the copies to be consumed", Duration.ofSeconds(20), () -> LocalAws.visibleMessages("InboundSmsQueue") == 0
        && LocalAws.visibleMessages("SendSmsQueue") == 0);
    pause(3000);
    assertEquals(List.of(STOP_CONFIRMATION), textedTo(number), "one confirmation for the three deliveries");
  }

  @Test
  void aMessageLeftQueuedIsTextedExactlyOnceWhenTheSweepRuns() {
    String number = "+15145550144";
    String conversationId = textInAndWait(number, "Any news about my car?").get("conversationId").s();
    String customerId = LocalAws.item("A#" + DEALERSHIP + "#PHONE#" + number, "PHONE").get("customerId").s();

    // as MessagesApi leaves it when its SQS send fails after the transaction: QUEUED, on the sweep's list, no command
    Instant created = Instant.now().minus(Duration.ofMinutes(10));
    java.time.format.DateTimeFormatter millis = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(java.time.ZoneOffset.UTC);
    String createdAt = millis.format(created);
    String dueAt = millis.format(created.plus(Duration.ofMinutes(5)));
    String messageId = "msg-e2e-stuck-" + UUID.randomUUID();
    String sk = "T#" + createdAt + "#" + messageId;
    String text = "Your car is ready (this message lost its command).";
    Map<String, AttributeValue> message = new HashMap<>();
    message.put("PK", AttributeValue.fromS("A#" + DEALERSHIP + "#CONV#" + conversationId));
    message.put("SK", AttributeValue.fromS(sk));
    message.put("type", AttributeValue.fromS("Message"));
    message.put("messageId", AttributeValue.fromS(messageId));
    message.put("conversationId", AttributeValue.fromS(conversationId));
    message.put("customerId", AttributeValue.fromS(customerId));
    message.put("direction", AttributeValue.fromS("OUTBOUND"));
    message.put("status", AttributeValue.fromS("QUEUED"));
    message.put("body", AttributeValue.fromS(text));
    message.put("smsText", AttributeValue.fromS(text));
    message.put("sourceType", AttributeValue.fromS("api"));
    message.put("createdAt", AttributeValue.fromS(createdAt));
    message.put("GSI4PK", AttributeValue.fromS("DUE#QUEUED_SMS"));
    message.put("GSI4SK", AttributeValue.fromS(dueAt + "#" + messageId));
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(message));

    Http.Response run = Http.post(endpoints().path("schedules").asText() + "/QueuedSmsSweep", null, null);
    assertEquals(200, run.status(), run.body());
    JsonNode summary = new Http.Response(200, run.json().path("output").asText()).json();
    assertTrue(summary.path("requeued").asInt() >= 1, run.body());
    awaitTexted(number, text, 1);

    // a second run, straight away: the message is SENT (or not due again): nothing texted twice
    assertEquals(200, Http.post(endpoints().path("schedules").asText() + "/QueuedSmsSweep", null, null).status());
    Eventually.await("the send queue to be empty", Duration.ofSeconds(20), () -> LocalAws.visibleMessages("SendSmsQueue") == 0);
    pause(2000);
    assertEquals(1, textedTo(number).stream().filter(text::equals).count());
    Map<String, AttributeValue> stored = LocalAws.item("A#" + DEALERSHIP + "#CONV#" + conversationId, sk);
    assertTrue(List.of("SENT", "DELIVERED").contains(stored.get("status").s()), stored.toString());
    assertTrue(!stored.containsKey("GSI4PK"), "off the sweep's list once sent");
  }
}
