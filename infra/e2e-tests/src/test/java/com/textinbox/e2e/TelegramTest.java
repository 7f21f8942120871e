package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Telegram notifications, the connecting part, end to end: POST /me/telegram/link -> a person
 * writes /start <code> to the bot (the local Telegram stand-in delivers the update to the webhook
 * with the secret header, as Telegram does) -> the chat is bound to the user -> the bot's
 * confirmation is in the stand-in's sent messages; a wrong secret is refused; unlink.
 */
class TelegramTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String api() {
    return LocalCloudProcess.endpoints().path("apiUrl").asText();
  }

  private static JsonNode telegram() {
    return LocalCloudProcess.endpoints().path("telegram");
  }

  private static JsonNode writeToBot(long chatId, String text) {
    Map<String, Object> body = new HashMap<>(Map.of("chatId", chatId, "text", text, "username", "chat" + chatId));
    Http.Response response = Http.post(telegram().path("send").asText(), null, Http.json(body));
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  private static List<JsonNode> sentTo(long chatId) {
    List<JsonNode> messages = new ArrayList<>();
    for (JsonNode message : Http.get(telegram().path("sent").asText(), null).json()) {
      if (message.path("chatId").asLong() == chatId) {
        messages.add(message);
      }
    }
    return messages;
  }

  private static JsonNode newLink(String user) {
    Http.Response response = Http.post(api() + "/me/telegram/link", Tokens.of(user), null);
    assertEquals(201, response.status(), response.body());
    return response.json();
  }

  @Test
  void aUserConnectsTelegramThroughTheBotAndDisconnects() {
    long chatId = 7_000_000_001L;
    JsonNode link = newLink("user1");
    String code = link.path("code").asText();
    assertEquals("https://t.me/" + telegram().path("botUsername").asText() + "?start=" + code, link.path("link").asText());
    assertFalse(link.path("expiresAt").asText().isEmpty());
    assertFalse(Http.get(api() + "/me/telegram", Tokens.of("user1")).json().path("connected").asBoolean());

    JsonNode delivered = writeToBot(chatId, "/start " + code);
    assertEquals(200, delivered.path("webhookStatus").asInt(), delivered.toString());
    assertTrue(delivered.path("webhookResponse").asText().contains("LINKED"), delivered.toString());

    JsonNode status = Http.get(api() + "/me/telegram", Tokens.of("user1")).json();
    assertTrue(status.path("connected").asBoolean(), status.toString());
    assertEquals("chat" + chatId, status.path("username").asText());
    List<JsonNode> confirmations = sentTo(chatId);
    assertEquals(1, confirmations.size(), confirmations.toString());
    assertTrue(confirmations.getFirst().path("text").asText().startsWith("Connected, Bruno Tremblay."), confirmations.toString());

    // Telegram redelivers the same update: nothing changes, nothing is sent twice
    JsonNode again = writeToBot(chatId, "/start " + code);
    assertTrue(again.path("webhookResponse").asText().contains("ALREADY_LINKED"), again.toString());
    assertEquals(1, sentTo(chatId).size());

    // another chat cannot reuse the code
    long intruder = 7_000_000_002L;
    assertTrue(writeToBot(intruder, "/start " + code).path("webhookResponse").asText().contains("UNKNOWN_OR_EXPIRED"));
    assertTrue(sentTo(intruder).getFirst().path("text").asText().contains("expired or was already used"));

    Http.Response unlink = Http.send("DELETE", api() + "/me/telegram", Tokens.of("user1"), null);
    assertEquals(204, unlink.status(), unlink.body());
    assertFalse(Http.get(api() + "/me/telegram", Tokens.of("user1")).json().path("connected").asBoolean());
  }

  @Test
  void anUpdateWithoutTheRightSecretIsRefusedAndBindsNothing() throws Exception {
    String code = newLink("user2").path("code").asText();
    String update = "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":0,\"text\":\"/start " + code
        + "\",\"chat\":{\"id\":7000000003,\"type\":\"private\"},\"from\":{\"id\":7000000003,\"is_bot\":false,\"first_name\":\"X\"}}}";
    for (String secret : new String[] {null, "", "wrong-secret"}) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api() + "/telegram/webhook"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(update));
      if (secret != null && !secret.isEmpty()) {
        request.header("X-Telegram-Bot-Api-Secret-Token", secret);
      }
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, response.statusCode(), "secret " + secret + ": " + response.body());
    }
    // the stand-in sends the same update with a wrong secret: refused too
    Map<String, Object> forged = Map.of("chatId", 7_000_000_003L, "text", "/start " + code, "secretToken", "guessed");
    assertEquals(401, Http.post(telegram().path("send").asText(), null, Http.json(forged)).json().path("webhookStatus").asInt());
    assertFalse(Http.get(api() + "/me/telegram", Tokens.of("user2")).json().path("connected").asBoolean());
    assertTrue(sentTo(7_000_000_003L).isEmpty());
  }

  @Test
  void aFreeUserMayConnectTelegramAndAnUnknownCodeIsAnsweredInTheChat() {
    JsonNode link = newLink("free");
    assertTrue(link.path("link").asText().startsWith("https://t.me/"));
    long chatId = 7_000_000_004L;
    assertTrue(writeToBot(chatId, "/start not-a-code").path("webhookResponse").asText().contains("UNKNOWN_OR_EXPIRED"));
    writeToBot(chatId, "hello");
    List<JsonNode> answers = sentTo(chatId);
    assertEquals(2, answers.size(), answers.toString());
    assertTrue(answers.get(1).path("text").asText().contains("only sends the notifications"));
  }
}
