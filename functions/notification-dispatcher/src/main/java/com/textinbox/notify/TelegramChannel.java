package com.textinbox.notify;

import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.telegram.TelegramBot;
import com.textinbox.shared.users.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram, for users who connected a chat (TelegramApi binds it: the user item's
 * {@code telegram.chatId}). One sendMessage with the title, the preview and the link into the web
 * app. A chat that blocked the bot or is gone ({@link TelegramBot.ChatUnavailable}) is forgotten
 * (the user's link removed, if it is still that chat); a rate limit or an outage throws, so the
 * channel stays pending and is retried with the event.
 */
record TelegramChannel(TelegramBot bot, UserStore users, String webAppBaseUrl) implements NotificationChannel {
  private static final Logger LOG = LoggerFactory.getLogger(TelegramChannel.class);

  @Override
  public Channel channel() {
    return Channel.TELEGRAM;
  }

  /** Only for a connected chat, with a bot configured, and the category on for Telegram. */
  @Override
  public boolean wanted(Recipient recipient, Notification notification) {
    return bot.configured() && recipient.telegramChatId() != null && NotificationChannel.super.wanted(recipient, notification);
  }

  /** The message's text, built (never sent). */
  @Override
  public void prime(Notification notification) {
    text(notification, webAppBaseUrl);
  }

  @Override
  public void deliver(Recipient recipient, Notification notification) {
    long chatId = recipient.telegramChatId();
    try {
      bot.sendMessage(chatId, text(notification, webAppBaseUrl));
    } catch (TelegramBot.ChatUnavailable e) {
      LOG.info("the Telegram chat of user {} is unavailable ({}): forgetting it", recipient.userId(), e.code());
      // if it is still that chat: a chat linked meanwhile stays
      users.forgetTelegramChat(recipient.accountId(), recipient.userId(), chatId);
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
}
