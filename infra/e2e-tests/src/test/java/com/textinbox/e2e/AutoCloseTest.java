package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Auto-close (C6) end to end, in the clinic (so the dealership's conversations of other tests are
 * never closed): the setting through the API, the AutoClose schedule run through the local cloud
 * at a time the test chooses (its event's {@code time}: two and four days later), a closed
 * conversation with its event, an unanswered one left open, and the customer's next text
 * reopening it.
 */
class AutoCloseTest {
  private static final String CLINIC = "acct-harbor-clinic";
  private static final String CLINIC_NUMBER = "+14385550100";

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  /** A customer's text to the clinic, stored; answers the conversation's id. */
  static String textIn(String from, String body) {
    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", CLINIC_NUMBER, "body", body)));
    assertEquals(202, response.status(), response.body());
    String carrierId = response.json().path("inboundMessageId").asText();
    return Eventually.await("inbound SMS " + carrierId + " stored", Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> marker = LocalAws.item("A#" + CLINIC + "#INBOUND#" + carrierId, "INBOUND");
      return marker != null && marker.containsKey("eventSentAt") ? marker.get("conversationId").s() : null;
    });
  }

  private static JsonNode conversation(String conversationId) {
    Http.Response response = Http.get(api("/conversations/" + conversationId), Tokens.of("otherAdmin"));
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  private static String status(String conversationId) {
    return LocalAws.item("A#" + CLINIC + "#CONV#" + conversationId, "CONVERSATION").get("status").s();
  }

  /** Runs the AutoClose schedule as if fired at {@code at}; answers its summary. */
  static JsonNode runAt(String function, Instant at) {
    Http.Response response = Http.post(LocalCloudProcess.endpoints().path("schedules").asText() + "/" + function + "?time=" + at,
        null, null);
    assertEquals(200, response.status(), response.body());
    return new Http.Response(200, response.json().path("output").asText()).json();
  }

  @Test
  void idleLongerThanTheDaysClosesWithItsEventUnansweredStaysOpenAndATextReopens() {
    Http.Response on = Http.send("PUT", api("/settings/auto-close"), Tokens.of("otherAdmin"), "{\"enabled\":true,\"days\":3}");
    assertEquals(200, on.status(), on.body());
    try {
      String suffix = String.format("%02d", Math.abs(UUID.randomUUID().hashCode()) % 90 + 10);
      // answered: the customer wrote, the clinic replied
      String answered = textIn(ClinicNumbers.AUTO_CLOSE_ANSWERED + suffix, "Can I move my appointment?");
      Http.Response reply = Http.post(api("/conversations/" + answered + "/messages"), Tokens.of("otherAdmin"),
          Http.json(Map.of("body", "Done, see you Thursday.")));
      assertEquals(202, reply.status(), reply.body());
      // unanswered: the customer's message is the last
      String waiting = textIn(ClinicNumbers.AUTO_CLOSE_WAITING + suffix, "Is the clinic open Saturday?");
      Instant now = Instant.now();

      JsonNode twoDays = runAt("AutoClose", now.plus(Duration.ofDays(2)));
      assertEquals("OPEN", status(answered), "idle 2 days of 3: open " + twoDays);
      assertEquals("OPEN", status(waiting));

      JsonNode fourDays = runAt("AutoClose", now.plus(Duration.ofDays(4)));
      assertTrue(fourDays.path("closed").asInt() >= 1, fourDays.toString());
      assertEquals("CLOSED", status(answered), "idle 4 days of 3: closed");
      assertEquals("OPEN", status(waiting), "unanswered: a customer is waiting");
      JsonNode closedEvent = null;
      for (JsonNode entry : conversation(answered).path("timeline")) {
        if ("closed".equals(entry.path("event").asText())) {
          closedEvent = entry;
        }
      }
      assertTrue(closedEvent != null, conversation(answered).toString());
      assertEquals("auto-close", closedEvent.path("by").asText());
      assertEquals(3, closedEvent.path("autoCloseDays").asInt());
      assertEquals("inactive", closedEvent.path("reason").asText());

      // a rerun closes nothing more
      assertEquals(0, runAt("AutoClose", now.plus(Duration.ofDays(4))).path("closed").asInt());

      // the customer's next text reopens it
      textIn(ClinicNumbers.AUTO_CLOSE_ANSWERED + suffix, "One more question");
      assertEquals("OPEN", status(answered));
      assertTrue(conversation(answered).path("timeline").toString().contains("\"reopened\""));
    } finally {
      Http.send("PUT", api("/settings/auto-close"), Tokens.of("otherAdmin"), "{\"enabled\":false}");
    }
  }

  @Test
  void badInputIsAClear4xx() {
    for (String body : new String[] {"{\"enabled\":true,\"days\":0}", "{\"enabled\":true,\"days\":16}", "{\"enabled\":true}"}) {
      Http.Response refused = Http.send("PUT", api("/settings/auto-close"), Tokens.of("otherAdmin"), body);
      assertEquals(400, refused.status(), body);
      assertEquals("days", refused.json().path("error").path("field").asText(), refused.body());
    }
    assertEquals(403, Http.send("PUT", api("/settings/auto-close"), Tokens.of("user1"), "{\"enabled\":false}").status());
    assertEquals(403, Http.get(api("/settings/auto-close"), Tokens.of("user1")).status());
    Http.Response off = Http.get(api("/settings/auto-close"), Tokens.of("admin"));
    assertEquals(200, off.status(), off.body());
    assertEquals(false, off.json().path("enabled").asBoolean());
  }
}
