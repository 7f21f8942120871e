package com.textinbox.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.telegram.TelegramBinding;
import com.textinbox.shared.telegram.TelegramLinkCode;
import com.textinbox.shared.telegram.store.TelegramLinkStore;
import com.textinbox.shared.users.TelegramChat;
import com.textinbox.shared.telegram.TelegramBot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram notifications, the connecting part (N1: Telegram is a channel for users who connected an
 * account). Routes (template.yaml, function TelegramApi):
 * <ul>
 *   <li>{@code POST /me/telegram/link}: a one-time code and the {@code https://t.me/<bot>?start=<code>}
 *       link that opens the bot with it (valid 15 minutes);
 *   <li>{@code GET /me/telegram}: whether the caller has a chat connected;
 *   <li>{@code DELETE /me/telegram}: disconnects it;
 *   <li>{@code POST /telegram/webhook}: Telegram's updates. No bearer token: Telegram proves itself
 *       with the {@code X-Telegram-Bot-Api-Secret-Token} header set by setWebhook (401 otherwise).
 *       {@code /start <code>} binds the chat to the code's user and confirms by message.
 * </ul>
 * Free users may connect Telegram: it carries their notification center (N10).
 */
public final class TelegramApi extends ApiHandler {
  private static final Logger LOG = LoggerFactory.getLogger(TelegramApi.class);
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private final TelegramLinkStore links;
  private final TelegramBot bot;
  private final String botUsername;
  private final byte[] webhookSecret;

  public TelegramApi() {
    this(new TelegramLinkStore(DynamoTable.fromEnvironment(), Clock.systemUTC()), TelegramBot.fromEnvironment(),
        Env.optional("TELEGRAM_BOT_USERNAME").orElse(null), Env.optional("TELEGRAM_WEBHOOK_SECRET").orElse(null));
  }

  TelegramApi(TelegramLinkStore links, TelegramBot bot, String botUsername, String webhookSecret) {
    this.links = links;
    this.bot = bot;
    this.botUsername = botUsername;
    this.webhookSecret = webhookSecret == null ? null : webhookSecret.getBytes(StandardCharsets.UTF_8);
    routeForEveryone("POST", "/me/telegram/link", this::newLink);
    routeForEveryone("GET", "/me/telegram", this::status);
    routeForEveryone("DELETE", "/me/telegram", this::unlink);
    routeWithoutToken("POST", "/telegram/webhook", this::webhook);
  }

  private void requireConfigured() {
    if (!bot.configured() || botUsername == null) {
      throw new ApiError(503, "telegram_not_configured", "Telegram notifications are not set up on this installation.", null);
    }
  }

  private ApiResponse newLink(ApiRequest request) {
    requireConfigured();
    Caller caller = request.caller();
    TelegramLinkCode code = links.newCode(caller.accountId(), caller.userId());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code.code());
    body.put("link", "https://t.me/" + botUsername + "?start=" + code.code());
    body.put("expiresAt", Keys.time(code.expiresAt()));
    return ApiResponse.created(body);
  }

  private ApiResponse status(ApiRequest request) {
    TelegramChat link = links.linkOf(request.caller().accountId(), request.caller().userId());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("connected", link != null);
    if (link != null) {
      if (link.username() != null) {
        body.put("username", link.username());
      }
      body.put("linkedAt", link.linkedAt() == null ? null : Keys.time(link.linkedAt()));
    }
    return ApiResponse.ok(body);
  }

  private ApiResponse unlink(ApiRequest request) {
    if (!links.unlink(request.caller().accountId(), request.caller().userId())) {
      throw ApiError.notFound("Your user");
    }
    return ApiResponse.noContent();
  }

  /**
   * A Telegram update. Anything but a good secret is a 401; anything else is a 200, so that
   * Telegram does not redeliver what will never be handled differently.
   */
  private ApiResponse webhook(ApiRequest request) {
    String given = request.header(SECRET_HEADER);
    if (webhookSecret == null || given == null
        || !MessageDigest.isEqual(webhookSecret, given.getBytes(StandardCharsets.UTF_8))) {
      throw ApiError.unauthorized();
    }
    JsonNode update;
    try {
      update = Json.read(request.body() == null ? "" : request.body());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("The update is not JSON.");
    }
    JsonNode message = update.path("message");
    String text = Json.text(message, "text");
    JsonNode chat = message.path("chat");
    if (text == null || !chat.path("id").canConvertToLong() || !"private".equals(chat.path("type").asText())) {
      return ApiResponse.ok(Map.of());
    }
    long chatId = chat.path("id").asLong();
    String[] words = text.trim().split("\\s+", 2);
    if (!words[0].equals("/start")) {
      reply(chatId, "This bot only sends the notifications of your texting inbox. Connect it from your notification settings.");
      return ApiResponse.ok(Map.of());
    }
    String code = words.length > 1 ? words[1] : "";
    TelegramBinding binding = code.matches("[A-Za-z0-9_-]{1,64}")
        ? links.bind(code, chatId, Json.text(message.path("from"), "username"))
        : TelegramBinding.UNKNOWN_OR_EXPIRED;
    switch (binding.outcome()) {
      case LINKED -> reply(chatId, "Connected" + (binding.userName() == null ? "" : ", " + binding.userName())
          + ". Your inbox notifications will arrive here. To stop them, disconnect Telegram in your notification settings.");
      case ALREADY_LINKED -> { } // a redelivered update: confirmed already
      case UNKNOWN_OR_EXPIRED -> reply(chatId, "This link has expired or was already used. Open your notification"
          + " settings and connect Telegram again.");
    }
    return ApiResponse.ok(Map.of("outcome", binding.outcome().name()));
  }

  /** Answers in the chat; the binding stands even if Telegram refuses the message (it is logged). */
  private void reply(long chatId, String text) {
    try {
      bot.sendMessage(chatId, text);
    } catch (TelegramBot.TelegramException e) {
      LOG.warn("Telegram reply not sent ({}): {}", e.code(), e.getMessage());
    }
  }
}
