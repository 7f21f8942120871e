package com.textinbox.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.telegram.store.TelegramLinkStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.telegram.TelegramBot;
import com.textinbox.shared.testing.RepositoryFiles;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * TelegramApi against DynamoDB Local and a local Bot API: the sample webhook event
 * (events/telegram-api/webhook-start.json), link codes, expiry, the secret header, unlink.
 */
class TelegramApiTest {
  private static final String TABLE = "textinbox-telegram";
  private static final String SECRET = "sample-webhook-secret";
  private static DynamoDbLocalServer local;
  private static HttpServer telegram;
  private static final List<JsonNode> sent = new CopyOnWriteArrayList<>();
  private static TelegramBot bot;

  @BeforeAll
  static void start() throws Exception {
    local = DynamoDbLocalServer.start();
    local.createInboxTable(TABLE);
    for (String[] user : new String[][] {{"user-bruno", "Bruno Tremblay"}, {"user-felix", "Félix Gagnon"}}) {
      Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(Keys.account("acct-maple-motors"), Keys.userSk(user[0])));
      item.put("name", AttributeValue.fromS(user[1]));
      local.client().putItem(b -> b.tableName(TABLE).item(item));
    }
    telegram = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    telegram.createContext("/", exchange -> {
      sent.add(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
      byte[] ok = "{\"ok\":true,\"result\":{\"message_id\":1}}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    telegram.start();
    bot = new TelegramBot(UrlConnectionHttpClient.create(), "http://127.0.0.1:" + telegram.getAddress().getPort(), "1:t");
  }

  @AfterAll
  static void stop() throws Exception {
    telegram.stop(0);
    local.close();
  }

  private static TelegramApi api(Clock clock) {
    return new TelegramApi(new TelegramLinkStore(local.client(), TABLE, clock), bot, "SampleBot", SECRET);
  }

  private static JsonNode sample() throws Exception {
    return Json.mapper().readTree(RepositoryFiles.bytes("events/telegram-api/webhook-start.json"));
  }

  private static JsonNode webhook(String text, long chatId, String secret) throws Exception {
    ObjectNode event = (ObjectNode) sample();
    JsonNode body = Json.read(event.path("body").asText());
    ((ObjectNode) body.path("message")).put("text", text);
    ((ObjectNode) body.path("message").path("chat")).put("id", chatId);
    event.put("body", Json.write(body));
    ObjectNode headers = (ObjectNode) event.path("headers");
    if (secret == null) {
      headers.remove("X-Telegram-Bot-Api-Secret-Token");
    } else {
      headers.put("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    return event;
  }

  private static JsonNode call(TelegramApi api, String method, String resource, String user, String role) {
    ObjectNode event = Json.object();
    event.put("httpMethod", method);
    event.put("resource", resource);
    event.put("path", resource);
    event.putObject("requestContext").putObject("authorizer")
        .put("accountId", "acct-maple-motors").put("userId", user).put("role", role);
    ApiResponse response = api.handle(event);
    ObjectNode answer = Json.object();
    answer.put("status", response.status());
    answer.set("body", Json.mapper().valueToTree(response.body()));
    return answer;
  }

  private static void putCode(String code, String userId, Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(Keys.telegramLinkCode(code), Keys.TELEGRAM_LINK_SK));
    item.put("accountId", AttributeValue.fromS("acct-maple-motors"));
    item.put("userId", AttributeValue.fromS(userId));
    item.put(Table.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
    local.client().putItem(b -> b.tableName(TABLE).item(item));
  }

  @Test
  void theSampleStartBindsTheChatInThreeRequestsAndConfirms() throws Exception {
    putCode("q0B5o2kXfX9v0cWJrYwH1g", "user-bruno", Instant.now().plusSeconds(600));
    sent.clear();
    JsonNode event = sample();
    ApiResponse[] response = new ApiResponse[1];
    Map<String, Integer> requests = RequestCounter.during(() -> response[0] = api(Clock.systemUTC()).handle(event));
    assertEquals(200, response[0].status(), String.valueOf(response[0].body()));
    assertEquals(Map.of("outcome", "LINKED"), response[0].body());
    assertEquals(2, requests.get("DynamoDb.GetItem"), requests.toString());
    assertEquals(1, requests.get("DynamoDb.TransactWriteItems"), requests.toString());
    assertEquals(424242, sent.getFirst().path("chat_id").asLong());
    assertTrue(sent.getFirst().path("text").asText().startsWith("Connected, Bruno Tremblay."));
    JsonNode status = call(api(Clock.systemUTC()), "GET", "/me/telegram", "user-bruno", "user");
    assertTrue(status.path("body").path("connected").asBoolean());
    assertEquals("brunotremblay", status.path("body").path("username").asText());

    // redelivered: nothing more
    sent.clear();
    assertEquals(Map.of("outcome", "ALREADY_LINKED"), api(Clock.systemUTC()).handle(sample()).body());
    assertTrue(sent.isEmpty());
  }

  @Test
  void aLinkIsValidFifteenMinutesAndOnce() throws Exception {
    Instant then = Instant.parse("2026-11-21T10:00:00Z");
    JsonNode link = call(api(Clock.fixed(then, ZoneOffset.UTC)), "POST", "/me/telegram/link", "user-felix", "free");
    assertEquals(201, link.path("status").asInt(), link.toString());
    String code = link.path("body").path("code").asText();
    assertEquals("https://t.me/SampleBot?start=" + code, link.path("body").path("link").asText());
    assertEquals("2026-11-21T10:15:00.000Z", link.path("body").path("expiresAt").asText());

    Clock late = Clock.fixed(then.plus(Duration.ofMinutes(16)), ZoneOffset.UTC);
    sent.clear();
    assertEquals(Map.of("outcome", "UNKNOWN_OR_EXPIRED"), api(late).handle(webhook("/start " + code, 99, SECRET)).body());
    assertTrue(sent.getFirst().path("text").asText().contains("expired"));
    assertFalse(call(api(late), "GET", "/me/telegram", "user-felix", "free").path("body").path("connected").asBoolean());
  }

  @Test
  void theWebhookRefusesAMissingOrWrongSecret() throws Exception {
    putCode("secretTestCode", "user-felix", Instant.now().plusSeconds(600));
    for (String secret : new String[] {null, "", "sample-webhook-secreT", "x"}) {
      assertEquals(401, api(Clock.systemUTC()).handle(webhook("/start secretTestCode", 5, secret)).status(), "secret " + secret);
    }
    TelegramApi unconfigured = new TelegramApi(new TelegramLinkStore(local.client(), TABLE, Clock.systemUTC()), bot, "SampleBot", null);
    assertEquals(401, unconfigured.handle(webhook("/start secretTestCode", 5, SECRET)).status());
    assertFalse(call(api(Clock.systemUTC()), "GET", "/me/telegram", "user-felix", "free").path("body").path("connected").asBoolean());
  }

  @Test
  void unlinkForgetsTheChatAndWithoutABotTheLinkRouteIs503() {
    local.client().updateItem(b -> b.tableName(TABLE).key(DynamoTable.key(Keys.account("acct-maple-motors"), Keys.userSk("user-felix")))
        .updateExpression("SET telegram = :t").expressionAttributeValues(Map.of(":t",
            AttributeValue.fromM(Map.of("chatId", AttributeValue.fromN("7"), "linkedAt", AttributeValue.fromS("2026-11-21T10:00:00.000Z"))))));
    assertEquals(204, call(api(Clock.systemUTC()), "DELETE", "/me/telegram", "user-felix", "free").path("status").asInt());
    assertFalse(call(api(Clock.systemUTC()), "GET", "/me/telegram", "user-felix", "free").path("body").path("connected").asBoolean());
    assertEquals(404, call(api(Clock.systemUTC()), "DELETE", "/me/telegram", "user-nobody", "user").path("status").asInt());

    TelegramApi noBot = new TelegramApi(new TelegramLinkStore(local.client(), TABLE, Clock.systemUTC()),
        new TelegramBot(UrlConnectionHttpClient.create(), "http://127.0.0.1:1", ""), null, SECRET);
    JsonNode refused = call(noBot, "POST", "/me/telegram/link", "user-felix", "free");
    assertEquals(503, refused.path("status").asInt());
    assertEquals("telegram_not_configured", refused.path("body").path("error").path("code").asText());
  }
}
