package com.textinbox.shared.telegram.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.telegram.TelegramBinding;
import com.textinbox.shared.telegram.TelegramLinkCode;
import com.textinbox.shared.users.TelegramChat;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.UserStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Connecting a user's Telegram chat (docs/data-model.md, "Telegram"): a one-time link code, kept
 * {@link #CODE_LIFETIME} under {@code TGLINK#<code>}, bound to the chat that sends it; the chat is
 * then stored on the user item ({@link UserStore#linkTelegramWrite}), where the dispatcher reads it
 * with the user's email address.
 */
public final class TelegramLinkStore {
  public static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DynamoTable table;
  private final UserStore users;
  private final Clock clock;

  public TelegramLinkStore(DynamoTable table, Clock clock) {
    this.table = table;
    this.users = new UserStore(table);
    this.clock = clock;
  }

  public TelegramLinkStore(DynamoDbClient dynamoDb, String table, Clock clock) {
    this(new DynamoTable(dynamoDb, table), clock);
  }

  /** A new one-time code for the user (one PutItem): 128 random bits, URL-safe, as Telegram's start parameter allows. */
  public TelegramLinkCode newCode(String accountId, String userId) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    TelegramLinkCode link = new TelegramLinkCode(code, accountId, userId, clock.instant().plus(CODE_LIFETIME), null, null);
    if (!table.putIfAbsent(TelegramLinkMapper.toItem(link))) {
      throw new IllegalStateException("a random link code was taken");
    }
    return link;
  }

  /**
   * Binds the chat to the code's user: one GetItem of the code, then one transaction marking the
   * code used and setting the user's chat, then one GetItem of the user for the confirmation. A
   * redelivered update (same code, same chat) changes nothing and is answered ALREADY_LINKED.
   */
  public TelegramBinding bind(String code, long chatId, String username) {
    TelegramLinkCode link = TelegramLinkMapper.fromItem(table.getConsistent(Keys.telegramLinkCode(code), Keys.TELEGRAM_LINK_SK));
    Instant now = clock.instant();
    if (link == null) {
      return TelegramBinding.UNKNOWN_OR_EXPIRED;
    }
    if (link.used()) {
      return link.chatId() == chatId ? new TelegramBinding(TelegramBinding.Outcome.ALREADY_LINKED, null) : TelegramBinding.UNKNOWN_OR_EXPIRED;
    }
    if (link.expiredAt(now)) {
      return TelegramBinding.UNKNOWN_OR_EXPIRED;
    }
    try {
      table.transact(
          table.updateWrite(u -> u.key(DynamoTable.key(Keys.telegramLinkCode(code), Keys.TELEGRAM_LINK_SK))
              .updateExpression("SET " + TelegramLinkMapper.CHAT_ID + " = :chat, " + TelegramLinkMapper.USED_AT + " = :at")
              .conditionExpression("attribute_exists(PK) AND attribute_not_exists(" + TelegramLinkMapper.CHAT_ID + ") AND " + Table.EXPIRES_AT + " > :now")
              .expressionAttributeValues(DynamoTable.values(":chat", chatId, ":at", Keys.time(now), ":now", now.getEpochSecond()))),
          users.linkTelegramWrite(link.accountId(), link.userId(), new TelegramChat(chatId, username, now)));
    } catch (TransactionCancelled e) {
      // used meanwhile by another delivery, or the user was deleted
      return TelegramBinding.UNKNOWN_OR_EXPIRED;
    }
    User user = users.get(link.accountId(), link.userId());
    return new TelegramBinding(TelegramBinding.Outcome.LINKED, user == null ? null : user.name());
  }

  /** The user's connected chat, or null (one GetItem). */
  public TelegramChat linkOf(String accountId, String userId) {
    return users.telegramOf(accountId, userId);
  }

  /** Forgets the user's chat (one UpdateItem); false when the user item does not exist. */
  public boolean unlink(String accountId, String userId) {
    return users.unlinkTelegram(accountId, userId);
  }
}
