package com.textinbox.shared.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.textinbox.shared.json.Json;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The Bot API client against a local HTTP server answering as Telegram does. */
class TelegramBotTest {
  private static HttpServer server;
  private static final AtomicReference<String> nextAnswer = new AtomicReference<>();
  private static final AtomicReference<Integer> nextStatus = new AtomicReference<>(200);
  private static final AtomicReference<String> lastPath = new AtomicReference<>();
  private static final AtomicReference<JsonNode> lastBody = new AtomicReference<>();
  private static TelegramBot bot;

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      lastPath.set(exchange.getRequestURI().getPath());
      lastBody.set(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
      byte[] bytes = nextAnswer.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(nextStatus.get(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    bot = new TelegramBot(UrlConnectionHttpClient.create(), "http://127.0.0.1:" + server.getAddress().getPort() + "/", "123:secret");
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void answer(int status, String json) {
    nextStatus.set(status);
    nextAnswer.set(json);
  }

  @Test
  void sendsAPlainTextMessageToTheChatWithTheTokenInThePath() {
    answer(200, "{\"ok\":true,\"result\":{\"message_id\":77,\"chat\":{\"id\":42}}}");
    assertEquals(77, bot.sendMessage(42, "Hello"));
    assertEquals("/bot123:secret/sendMessage", lastPath.get());
    assertEquals(42, lastBody.get().path("chat_id").asLong());
    assertEquals("Hello", lastBody.get().path("text").asText());
  }

  @Test
  void aBlockedBotIsAChatUnavailableTheDispatcherForgets() {
    answer(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
    TelegramBot.ChatUnavailable e = assertThrows(TelegramBot.ChatUnavailable.class, () -> bot.sendMessage(42, "x"));
    assertEquals(403, e.code());
    assertTrue(e.getMessage().contains("blocked"));
    assertFalse(e.getMessage().contains("secret"), "the token never appears in a message");

    answer(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
    assertThrows(TelegramBot.ChatUnavailable.class, () -> bot.sendMessage(42, "x"));
  }

  @Test
  void tooManyRequestsCarriesRetryAfter() {
    answer(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}");
    TelegramBot.RateLimited e = assertThrows(TelegramBot.RateLimited.class, () -> bot.sendMessage(42, "x"));
    assertEquals(7, e.retryAfterSeconds());
  }

  @Test
  void otherFailuresAreTelegramExceptionsWithTheirCode() {
    answer(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message text is empty\"}");
    TelegramBot.TelegramException e = assertThrows(TelegramBot.TelegramException.class, () -> bot.sendMessage(42, ""));
    assertFalse(e instanceof TelegramBot.ChatUnavailable);
    assertEquals(400, e.code());

    answer(502, "<html>bad gateway</html>");
    assertEquals(502, assertThrows(TelegramBot.TelegramException.class, () -> bot.sendMessage(42, "x")).code());
  }

  @Test
  void withoutATokenNothingIsSent() {
    TelegramBot off = new TelegramBot(UrlConnectionHttpClient.create(), "http://127.0.0.1:1", " ");
    assertFalse(off.configured());
    assertThrows(TelegramBot.TelegramException.class, () -> off.sendMessage(1, "x"));
  }
}
