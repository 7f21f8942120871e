package com.textinbox.localcloud.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Telegram Bot API, standing in for {@code https://api.telegram.org} under the control server's
 * {@code /telegram}: what the functions call ({@code POST /telegram/bot<token>/sendMessage},
 * {@code setWebhook}, {@code getWebhookInfo}, with Telegram's answers: 401 for another token, 403
 * "bot was blocked by the user" for a chat that blocked the bot), and, for people and tests:
 * <ul>
 *   <li>{@code GET /telegram/sent}: every message the bot sent;
 *   <li>{@code POST /telegram/send {"chatId", "text", "username"}}: someone writes to the bot; the
 *       update is delivered to the webhook as Telegram delivers it (JSON Update, the
 *       {@code X-Telegram-Bot-Api-Secret-Token} header), answering the webhook's status;
 *   <li>{@code POST /telegram/block {"chatId"}}: that chat blocks the bot.
 * </ul>
 */
public final class TelegramStandIn {
  /** An answer for the control server: HTTP status and a JSON value. */
  public record Answer(int status, Object body) {}

  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Map<String, Object>> sent = new ArrayList<>();
  private final Set<Long> blocked = ConcurrentHashMap.newKeySet();
  private final AtomicLong messageIds = new AtomicLong(1);
  private final AtomicLong updateIds = new AtomicLong(100_000);
  private volatile String webhookUrl;
  private volatile String webhookSecret;

  public TelegramStandIn(String token) {
    this.token = token;
  }

  /** What a deployment does once with setWebhook (README): where updates go, and the secret they carry. */
  public void setWebhook(String url, String secret) {
    this.webhookUrl = url;
    this.webhookSecret = secret;
  }

  /** Serves {@code method path} under /telegram/ (the prefix included in {@code path}). */
  public Answer handle(String method, String path, byte[] body) {
    String rest = path.substring("/telegram/".length());
    if (rest.startsWith("bot")) {
      int slash = rest.indexOf('/');
      if (slash < 0 || !rest.substring(3, slash).equals(token)) {
        return new Answer(401, Map.of("ok", false, "error_code", 401, "description", "Unauthorized"));
      }
      return botMethod(rest.substring(slash + 1), json(body));
    }
    return switch (method + " " + rest) {
      case "GET sent" -> new Answer(200, sent());
      case "POST send" -> userWrites(json(body));
      case "POST block" -> {
        blocked.add(chatId(json(body)));
        yield new Answer(200, Map.of("blocked", true));
      }
      default -> new Answer(404, Map.of("error", Map.of("message", "no such Telegram stand-in endpoint: " + method + " " + path)));
    };
  }

  private Answer botMethod(String name, JsonNode body) {
    switch (name) {
      case "sendMessage" -> {
        JsonNode chat = body.path("chat_id");
        if (!chat.canConvertToLong() || !body.path("text").isTextual() || body.path("text").asText().isEmpty()) {
          return new Answer(400, Map.of("ok", false, "error_code", 400, "description", "Bad Request: chat_id and text are required"));
        }
        long chatId = chat.asLong();
        if (blocked.contains(chatId)) {
          return new Answer(403, Map.of("ok", false, "error_code", 403, "description", "Forbidden: bot was blocked by the user"));
        }
        long messageId = messageIds.getAndIncrement();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("messageId", messageId);
        message.put("chatId", chatId);
        message.put("text", body.path("text").asText());
        message.put("sentAt", Instant.now().toString());
        synchronized (sent) {
          sent.add(message);
        }
        return new Answer(200, Map.of("ok", true, "result", Map.of("message_id", messageId,
            "date", Instant.now().getEpochSecond(), "chat", Map.of("id", chatId, "type", "private"), "text", body.path("text").asText())));
      }
      case "setWebhook" -> {
        setWebhook(body.path("url").asText(null), body.path("secret_token").asText(null));
        return new Answer(200, Map.of("ok", true, "result", true, "description", "Webhook was set"));
      }
      case "getWebhookInfo" -> {
        return new Answer(200, Map.of("ok", true, "result", Map.of("url", webhookUrl == null ? "" : webhookUrl, "pending_update_count", 0)));
      }
      default -> {
        return new Answer(404, Map.of("ok", false, "error_code", 404, "description", "Not Found: method " + name + " is not in the stand-in"));
      }
    }
  }

  private List<Map<String, Object>> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** A person writes to the bot: the update goes to the webhook now, as Telegram would send it. */
  private Answer userWrites(JsonNode body) {
    long chatId = chatId(body);
    if (!body.path("text").isTextual()) {
      throw new IllegalArgumentException("'text' is required (text)");
    }
    if (webhookUrl == null) {
      return new Answer(409, Map.of("error", Map.of("message", "no webhook is set (setWebhook)")));
    }
    long updateId = updateIds.getAndIncrement();
    ObjectNode update = Json.object();
    update.put("update_id", updateId);
    ObjectNode message = update.putObject("message");
    message.put("message_id", messageIds.getAndIncrement());
    ObjectNode from = message.putObject("from");
    from.put("id", chatId);
    from.put("is_bot", false);
    from.put("first_name", body.path("firstName").asText("Local"));
    if (body.path("username").isTextual()) {
      from.put("username", body.path("username").asText());
    }
    ObjectNode chat = message.putObject("chat");
    chat.put("id", chatId);
    chat.put("type", "private");
    message.put("date", Instant.now().getEpochSecond());
    message.put("text", body.path("text").asText());
    String secret = body.has("secretToken") ? body.path("secretToken").asText() : webhookSecret;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhookUrl)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(update)));
    if (secret != null && !secret.isEmpty()) {
      request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("updateId", updateId);
      answer.put("webhookStatus", response.statusCode());
      answer.put("webhookResponse", response.body());
      return new Answer(200, answer);
    } catch (IOException e) {
      return new Answer(502, Map.of("error", Map.of("message", "the webhook could not be reached: " + e)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(503, Map.of("error", Map.of("message", "interrupted")));
    }
  }

  private static long chatId(JsonNode body) {
    JsonNode chat = body.path("chatId");
    if (!chat.canConvertToLong()) {
      throw new IllegalArgumentException("'chatId' is required (a number)");
    }
    return chat.asLong();
  }

  private static JsonNode json(byte[] body) {
    if (body == null || body.length == 0) {
      return Json.object();
    }
    try {
      JsonNode node = Json.mapper().readTree(body);
      return node == null ? Json.object() : node;
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not valid JSON: " + e.getMessage());
    }
  }
}
