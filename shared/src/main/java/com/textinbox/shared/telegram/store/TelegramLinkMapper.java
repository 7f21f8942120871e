package com.textinbox.shared.telegram.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.telegram.TelegramLinkCode;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A Telegram link code item ({@code TGLINK#<code>} / {@code TGLINK}, TTL): the one place its attribute names are spelled. */
public final class TelegramLinkMapper {
  static final String TYPE = "TelegramLinkCode", ACCOUNT_ID = "accountId", USER_ID = "userId";
  /** The chat that used the code, and when: set once, so a second chat with the same code is refused. */
  static final String CHAT_ID = "chatId", USED_AT = "usedAt";

  private TelegramLinkMapper() {}

  public static Map<String, AttributeValue> toItem(TelegramLinkCode code) {
    return ItemBuilder.item(Keys.telegramLinkCode(code.code()), Keys.TELEGRAM_LINK_SK, TYPE)
        .str(ACCOUNT_ID, code.accountId())
        .str(USER_ID, code.userId())
        .expiresAt(code.expiresAt())
        .num(CHAT_ID, code.chatId())
        .time(USED_AT, code.usedAt())
        .build();
  }

  /** The code of an item, or null for no item. */
  public static TelegramLinkCode fromItem(Map<String, AttributeValue> item) {
    return item == null ? null : read(ItemReader.of(item));
  }

  private static TelegramLinkCode read(ItemReader r) {
    String pk = r.pk();
    return new TelegramLinkCode(pk.substring(Keys.telegramLinkCode("").length()), r.str(ACCOUNT_ID), r.str(USER_ID),
        Instant.ofEpochSecond(r.num(Table.EXPIRES_AT, 0)), r.num(CHAT_ID), r.time(USED_AT));
  }
}
