package com.textinbox.shared.users.store;

import com.textinbox.shared.auth.Role;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.users.Away;
import com.textinbox.shared.users.TelegramChat;
import com.textinbox.shared.users.User;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The user item ({@code A#<acct>} / {@code USER#<userId>}): the one place its attribute names are
 * spelled. While away with a return date it sits in GSI4 {@code DUE#AWAY_RETURNS} /
 * {@code <returnAt>#<acct>#<userId>}, the list AwayReturns reads.
 */
public final class UserMapper {
  static final String TYPE = "User";
  static final String NAME = "name";
  /** Where the notification emails go (the dispatcher, the daily digest). */
  static final String EMAIL = "email";
  static final String ROLE = "role";
  // away mode (A1-A3); AwayRules reads the delegate and since when
  static final String AWAY = "away", AWAY_DELEGATE_ID = "awayDelegateId";
  /** Written as {@code Instant.toString()} (as the due list's sort key; AwayReturns compares it as text). */
  static final String AWAY_RETURN_AT = "awayReturnAt";
  static final String AWAY_SINCE = "awaySince";
  /** A map {@code {chatId, username, linkedAt}} once the user connected Telegram (N1). */
  static final String TELEGRAM = "telegram";
  static final String CHAT_ID = "chatId", USERNAME = "username", LINKED_AT = "linkedAt";

  private UserMapper() {}

  /** The key of a user's item, for a read of several kinds of item at once. */
  public static Map<String, AttributeValue> key(String accountId, String userId) {
    return DynamoTable.key(Keys.account(accountId), Keys.userSk(userId));
  }

  public static Map<String, AttributeValue> toItem(User user) {
    Away away = user.away();
    boolean due = away.on() && away.returnAt() != null;
    return ItemBuilder.item(Keys.account(user.accountId()), Keys.userSk(user.userId()), TYPE)
        .str(NAME, user.name())
        .str(EMAIL, user.email())
        .str(ROLE, user.role().claim())
        .bool(AWAY, away.on() ? Boolean.TRUE : null)
        .str(AWAY_DELEGATE_ID, away.on() ? away.delegateId() : null)
        .str(AWAY_RETURN_AT, due ? away.returnAt().toString() : null)
        .time(AWAY_SINCE, away.on() ? away.since() : null)
        .index(Table.GSI4PK, due ? Keys.AWAY_RETURNS : null,
            Table.GSI4SK, due ? awayReturnSk(user.accountId(), user.userId(), away.returnAt()) : null)
        .map(TELEGRAM, telegram(user.telegram()))
        .build();
  }

  /** The user of an item, or null for no item. */
  public static User fromItem(Map<String, AttributeValue> item) {
    return item == null ? null : read(ItemReader.of(item));
  }

  private static User read(ItemReader r) {
    Away away = r.bool(AWAY)
        ? Away.on(r.str(AWAY_DELEGATE_ID), r.time(AWAY_RETURN_AT), r.time(AWAY_SINCE))
        : Away.OFF;
    return new User(AccountPartition.accountIdOf(r), r.skAfter(Keys.USER_PREFIX), r.str(NAME), r.str(EMAIL),
        Role.of(r.str(ROLE)), away, telegram(r.map(TELEGRAM)));
  }

  /** Sort key in the away returns list: the return time, then whose. */
  static String awayReturnSk(String accountId, String userId, Instant returnAt) {
    return returnAt + "#" + accountId + "#" + userId;
  }

  /** The {@code telegram} map attribute of a chat. */
  static ItemBuilder telegram(TelegramChat chat) {
    return chat == null ? null : ItemBuilder.map()
        .num(CHAT_ID, chat.chatId())
        .str(USERNAME, chat.username() == null || chat.username().isBlank() ? null : chat.username())
        .time(LINKED_AT, chat.linkedAt());
  }

  private static TelegramChat telegram(ItemReader map) {
    if (map == null || map.num(CHAT_ID) == null) {
      return null;
    }
    return new TelegramChat(map.num(CHAT_ID), map.str(USERNAME), map.time(LINKED_AT));
  }

  /** Whether an item read from the account partition is a user. */
  public static boolean isUser(Map<String, AttributeValue> item) {
    return AccountPartition.skStartsWith(item, Keys.USER_PREFIX);
  }
}
