package com.textinbox.telegram;

import com.textinbox.shared.data.Items;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Connecting a user's Telegram chat (docs/data-model.md, "Telegram"): a one-time link code, kept
 * {@link #CODE_LIFETIME} under {@code TGLINK#<code>} (global: Telegram's {@code /start <code>}
 * names nothing else), bound to the chat that sends it; the chat is then stored on the user item
 * ({@code telegram: {chatId, username, linkedAt}}), where the dispatcher reads it with the user's
 * email address.
 */
final class TelegramLinks {
  static final Duration CODE_LIFETIME = Duration.ofMinutes(15);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A code just made. */
  record Code(String code, Instant expiresAt) {}

  /** The chat a user has connected, or none. */
  record Link(long chatId, String username, String linkedAt) {}

  /** What {@code /start <code>} did. */
  enum Outcome { LINKED, ALREADY_LINKED, UNKNOWN_OR_EXPIRED }

  /** The outcome, and for LINKED the user's display name (for the confirmation). */
  record Binding(Outcome outcome, String userName) {}

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  TelegramLinks(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  /** A new one-time code for the user (one PutItem): 128 random bits, URL-safe, as Telegram's start parameter allows. */
  Code newCode(String accountId, String userId) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = clock.instant().plus(CODE_LIFETIME);
    Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.telegramLinkCode(code), Keys.TELEGRAM_LINK_SK));
    item.put(Table.TYPE, Items.s("TelegramLinkCode"));
    item.put("accountId", Items.s(accountId));
    item.put("userId", Items.s(userId));
    item.put(Table.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
    dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
    return new Code(code, expiresAt);
  }

  /**
   * Binds the chat to the code's user: one GetItem of the code, then one transaction marking the
   * code used and setting the user's chat, then one GetItem of the user for the confirmation. A
   * redelivered update (same code, same chat) changes nothing and is answered ALREADY_LINKED.
   */
  Binding bind(String code, long chatId, String username) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Items.key(Keys.telegramLinkCode(code), Keys.TELEGRAM_LINK_SK))).item();
    long now = clock.instant().getEpochSecond();
    if (item == null || item.isEmpty()) {
      return new Binding(Outcome.UNKNOWN_OR_EXPIRED, null);
    }
    AttributeValue usedBy = item.get("chatId");
    if (usedBy != null) {
      return new Binding(Long.toString(chatId).equals(usedBy.n()) ? Outcome.ALREADY_LINKED : Outcome.UNKNOWN_OR_EXPIRED, null);
    }
    if (Long.parseLong(item.get(Table.EXPIRES_AT).n()) <= now) {
      return new Binding(Outcome.UNKNOWN_OR_EXPIRED, null);
    }
    String accountId = Items.str(item, "accountId");
    String userId = Items.str(item, "userId");
    String linkedAt = Keys.time(clock.instant());
    Map<String, AttributeValue> link = new HashMap<>();
    link.put("chatId", AttributeValue.fromN(Long.toString(chatId)));
    link.put("linkedAt", Items.s(linkedAt));
    if (username != null && !username.isBlank()) {
      link.put("username", Items.s(username));
    }
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().update(u -> u.tableName(table)
              .key(Items.key(Keys.telegramLinkCode(code), Keys.TELEGRAM_LINK_SK))
              .updateExpression("SET chatId = :chat, usedAt = :at")
              .conditionExpression("attribute_exists(PK) AND attribute_not_exists(chatId) AND expiresAt > :now")
              .expressionAttributeValues(Map.of(":chat", AttributeValue.fromN(Long.toString(chatId)),
                  ":at", Items.s(linkedAt), ":now", AttributeValue.fromN(Long.toString(now))))).build(),
          TransactWriteItem.builder().update(u -> u.tableName(table)
              .key(Items.key(Keys.account(accountId), Keys.userSk(userId)))
              .updateExpression("SET telegram = :link")
              .conditionExpression("attribute_exists(PK)")
              .expressionAttributeValues(Map.of(":link", AttributeValue.fromM(link)))).build()));
    } catch (TransactionCanceledException e) {
      // used meanwhile by another delivery, or the user was deleted
      return new Binding(Outcome.UNKNOWN_OR_EXPIRED, null);
    }
    Map<String, AttributeValue> user = dynamoDb.getItem(b -> b.tableName(table)
        .key(Items.key(Keys.account(accountId), Keys.userSk(userId))).projectionExpression("#n")
        .expressionAttributeNames(Map.of("#n", "name"))).item();
    return new Binding(Outcome.LINKED, user == null ? null : Items.str(user, "name"));
  }

  /** The user's connected chat, or null (one GetItem). */
  Link linkOf(String accountId, String userId) {
    Map<String, AttributeValue> user = dynamoDb.getItem(b -> b.tableName(table)
        .key(Items.key(Keys.account(accountId), Keys.userSk(userId))).projectionExpression("telegram")).item();
    AttributeValue telegram = user == null ? null : user.get("telegram");
    if (telegram == null || telegram.m() == null || !telegram.m().containsKey("chatId")) {
      return null;
    }
    Map<String, AttributeValue> m = telegram.m();
    return new Link(Long.parseLong(m.get("chatId").n()), Items.str(m, "username"), Items.str(m, "linkedAt"));
  }

  /** Forgets the user's chat (one UpdateItem); false when the user item does not exist. */
  boolean unlink(String accountId, String userId) {
    try {
      dynamoDb.updateItem(b -> b.tableName(table).key(Items.key(Keys.account(accountId), Keys.userSk(userId)))
          .updateExpression("REMOVE telegram").conditionExpression("attribute_exists(PK)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }
}
