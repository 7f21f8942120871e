package com.textinbox.notify;

import static com.textinbox.shared.data.Items.key;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.telegram.TelegramBot;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Telegram, for users who connected a chat (TelegramApi binds it: the user item's
 * {@code telegram.chatId}). One sendMessage with the title, the preview and the link into the web
 * app. A chat that blocked the bot or is gone ({@link TelegramBot.ChatUnavailable}) is forgotten
 * (the user's link removed, if it is still that chat); a rate limit or an outage throws, so the
 * channel stays pending and is retried with the event.
 */
final class TelegramChannel implements NotificationChannel {
  private static final Logger LOG = LoggerFactory.getLogger(TelegramChannel.class);

  private final TelegramBot bot;
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final String webAppBaseUrl;

  TelegramChannel(TelegramBot bot, DynamoDbClient dynamoDb, String table, String webAppBaseUrl) {
    this.bot = bot;
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.webAppBaseUrl = webAppBaseUrl;
  }

  @Override
  public Channel channel() {
    return Channel.TELEGRAM;
  }

  /** Only for a connected chat, with a bot configured, and the category on for Telegram. */
  @Override
  public boolean wanted(Recipient recipient, Notification notification) {
    return bot.configured() && recipient.telegramChatId() != null && NotificationChannel.super.wanted(recipient, notification);
  }

  @Override
  public void deliver(Recipient recipient, Notification notification) {
    long chatId = recipient.telegramChatId();
    try {
      bot.sendMessage(chatId, text(notification, webAppBaseUrl));
    } catch (TelegramBot.ChatUnavailable e) {
      LOG.info("the Telegram chat of user {} is unavailable ({}): forgetting it", recipient.userId(), e.code());
      forget(recipient, chatId);
    }
  }

  static String text(Notification n, String webAppBaseUrl) {
    StringBuilder text = new StringBuilder(n.content().title());
    if (n.content().body() != null) {
      text.append("\n\n").append(n.content().body());
    }
    text.append("\n\n").append(n.content().linkLabel()).append(": ").append(n.content().link(webAppBaseUrl));
    return text.toString();
  }

  private void forget(Recipient recipient, long chatId) {
    try {
      dynamoDb.updateItem(b -> b.tableName(table)
          .key(key(Keys.account(recipient.accountId()), Keys.userSk(recipient.userId())))
          .updateExpression("REMOVE telegram")
          .conditionExpression("telegram.chatId = :chat")
          .expressionAttributeValues(Map.of(":chat", AttributeValue.fromN(Long.toString(chatId)))));
    } catch (ConditionalCheckFailedException relinked) {
      // the user linked another chat meanwhile: keep it
    }
  }
}
