package com.textinbox.shared.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.AwsHttp;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * The Telegram Bot API, as far as the notifications need it: {@code sendMessage} over HTTPS
 * ({@code <base>/bot<token>/sendMessage}), on the container's one HTTP client.
 *
 * <p>Configuration: {@code TELEGRAM_API_BASE_URL} ({@code https://api.telegram.org}; the local
 * cloud stands in for it) and {@code TELEGRAM_BOT_TOKEN} (the NoEcho template parameter
 * TelegramBotToken; blank means Telegram is not set up: {@link #configured()} is false).
 *
 * <p>Telegram's answers that the caller must act on are exceptions of their own:
 * {@link ChatUnavailable} (403 "bot was blocked by the user", a deactivated user, a chat that is no
 * more: forget the chat) and {@link RateLimited} (429, with Telegram's {@code retry_after}). The
 * token is part of the URL, so no URL is ever put in a message or a log.
 */
public final class TelegramBot {
  private final SdkHttpClient http;
  private final String baseUrl;
  private final String token;

  public TelegramBot(SdkHttpClient http, String baseUrl, String token) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token == null || token.isBlank() ? null : token;
  }

  /** Production wiring: the shared HTTP client, base URL and token from the environment. */
  public static TelegramBot fromEnvironment() {
    return new TelegramBot(AwsHttp.client(), Env.require("TELEGRAM_API_BASE_URL"), Env.optional("TELEGRAM_BOT_TOKEN").orElse(null));
  }

  /** Whether a bot token is configured at all. */
  public boolean configured() {
    return token != null;
  }

  /** Sends a plain-text message; answers Telegram's message id. */
  public long sendMessage(long chatId, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("chat_id", chatId);
    body.put("text", text);
    body.put("disable_web_page_preview", true);
    JsonNode result = call("sendMessage", body);
    return result.path("message_id").asLong();
  }

  private JsonNode call(String method, Map<String, Object> body) {
    if (token == null) {
      throw new TelegramException(0, "Telegram is not configured (TELEGRAM_BOT_TOKEN is blank)");
    }
    byte[] bytes = Json.bytes(body);
    SdkHttpFullRequest request = SdkHttpFullRequest.builder()
        .uri(URI.create(baseUrl + "/bot" + token + "/" + method))
        .method(SdkHttpMethod.POST)
        .putHeader("Content-Type", "application/json")
        .putHeader("Content-Length", Integer.toString(bytes.length))
        .contentStreamProvider(() -> new ByteArrayInputStream(bytes))
        .build();
    HttpExecuteResponse response;
    JsonNode answer;
    try {
      response = http.prepareRequest(HttpExecuteRequest.builder().request(request)
          .contentStreamProvider(request.contentStreamProvider().orElseThrow()).build()).call();
      Optional<? extends InputStream> stream = response.responseBody();
      answer = stream.isPresent() ? readJson(stream.get()) : null;
    } catch (IOException e) {
      throw new TelegramException(0, "Telegram could not be reached: " + e.getClass().getSimpleName());
    }
    int status = response.httpResponse().statusCode();
    if (answer != null && answer.path("ok").asBoolean(false)) {
      return answer.path("result");
    }
    int code = answer == null ? status : answer.path("error_code").asInt(status);
    String description = answer == null ? "HTTP " + status : answer.path("description").asText("HTTP " + status);
    if (code == 429) {
      int retryAfter = answer == null ? 1 : answer.path("parameters").path("retry_after").asInt(1);
      throw new RateLimited(retryAfter, description);
    }
    if (code == 403 || code == 400 && description.toLowerCase(java.util.Locale.ROOT).contains("chat not found")) {
      throw new ChatUnavailable(code, description);
    }
    throw new TelegramException(code, description);
  }

  private static JsonNode readJson(InputStream stream) throws IOException {
    byte[] bytes;
    try (stream) {
      bytes = stream.readAllBytes();
    }
    try {
      return bytes.length == 0 ? null : Json.read(bytes);
    } catch (IllegalArgumentException e) {
      return null; // not JSON (a proxy's error page): judged by the HTTP status
    }
  }

  /** Telegram refused the call; {@link #code()} is its error_code (0 when it was not reached). */
  public static class TelegramException extends RuntimeException {
    private final int code;

    public TelegramException(int code, String description) {
      super(description);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** The chat cannot be written to any more (the user blocked the bot, left, was deactivated): forget it. */
  public static final class ChatUnavailable extends TelegramException {
    public ChatUnavailable(int code, String description) {
      super(code, description);
    }
  }

  /** Too many messages: Telegram asks to wait {@link #retryAfterSeconds()} before the next one. */
  public static final class RateLimited extends TelegramException {
    private final int retryAfterSeconds;

    public RateLimited(int retryAfterSeconds, String description) {
      super(429, description);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }
}
