package com.textinbox.shared.users.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.Write;
import com.textinbox.shared.users.Away;
import com.textinbox.shared.users.TelegramChat;
import com.textinbox.shared.users.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every DynamoDB request about user items: reads, away mode (A1-A3), the Telegram chat (N1). */
public record UserStore(DynamoTable table) {
  /** The user, or null (one eventually consistent GetItem). */
  public User get(String accountId, String userId) {
    return UserMapper.fromItem(table.get(Keys.account(accountId), Keys.userSk(userId)));
  }

  /** The user read in a batch with other items (null when missing). */
  public BatchRead.Slot<User> find(BatchRead batch, String accountId, String userId) {
    return batch.add(Keys.account(accountId), Keys.userSk(userId), UserMapper::fromItem);
  }

  /** The users of these ids that exist, by id (BatchGetItem by 100; nothing read for no ids). */
  public Map<String, User> getAll(String accountId, Collection<String> userIds) {
    Map<String, User> users = new LinkedHashMap<>();
    if (userIds.isEmpty()) {
      return users;
    }
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    userIds.forEach(id -> keys.add(UserMapper.key(accountId, id)));
    for (Map<String, AttributeValue> item : table.batchGet(keys)) {
      User user = UserMapper.fromItem(item);
      users.put(user.userId(), user);
    }
    return users;
  }

  /** Every user of the account, in id order (one Query of the account partition, all pages). */
  public List<User> ofAccount(String accountId) {
    return table.queryAll(Query.table(Keys.account(accountId)).beginsWith(Keys.USER_PREFIX)).stream()
        .map(UserMapper::fromItem).toList();
  }

  /** Writes the whole user item (seeding, tests). */
  public void put(User user) {
    table.put(UserMapper.toItem(user));
  }

  // ---- away mode

  /**
   * Sets the user's away mode (one conditional UpdateItem): on writes the delegate and return date
   * given (removing those not given) and keeps {@code awaySince} if the user was away already
   * ({@code away.since()} is used otherwise); off removes all of it. A return date puts the user in
   * the away returns list. False when there is no such user.
   */
  public boolean setAway(String accountId, String userId, Away away) {
    ItemBuilder values = ItemBuilder.map().bool(":on", away.on());
    List<String> set = new ArrayList<>(List.of(UserMapper.AWAY + " = :on"));
    List<String> remove = new ArrayList<>();
    if (away.on()) {
      set.add(UserMapper.AWAY_SINCE + " = if_not_exists(" + UserMapper.AWAY_SINCE + ", :now)");
      values.time(":now", away.since());
    } else {
      remove.add(UserMapper.AWAY_SINCE);
    }
    if (away.on() && away.delegateId() != null) {
      set.add(UserMapper.AWAY_DELEGATE_ID + " = :delegate");
      values.str(":delegate", away.delegateId());
    } else {
      remove.add(UserMapper.AWAY_DELEGATE_ID);
    }
    if (away.on() && away.returnAt() != null) {
      set.addAll(List.of(UserMapper.AWAY_RETURN_AT + " = :returnAt", Table.GSI4PK + " = :due", Table.GSI4SK + " = :dueSk"));
      values.str(":returnAt", away.returnAt().toString()).str(":due", Keys.AWAY_RETURNS)
          .str(":dueSk", UserMapper.awayReturnSk(accountId, userId, away.returnAt()));
    } else {
      remove.addAll(List.of(UserMapper.AWAY_RETURN_AT, Table.GSI4PK, Table.GSI4SK));
    }
    String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
    return table.updateIf(b -> b.key(UserMapper.key(accountId, userId)).updateExpression(update)
        .conditionExpression("attribute_exists(PK)").expressionAttributeValues(values.build()));
  }

  /** Users away whose return date is {@code now} or before, every account (one Query of GSI4, all pages). */
  public List<User> awayReturnsDue(Instant now) {
    return table.queryAll(Query.gsi(4, Keys.AWAY_RETURNS).atMost(now.toString())).stream()
        .map(UserMapper::fromItem).toList();
  }

  /**
   * Turns away mode off for a user read from the due list (one UpdateItem), unless their return
   * date changed since: false then, their new state stands.
   */
  public boolean endAway(User seen) {
    String remove = String.join(", ", UserMapper.AWAY_DELEGATE_ID, UserMapper.AWAY_RETURN_AT, UserMapper.AWAY_SINCE,
        Table.GSI4PK, Table.GSI4SK);
    Instant returnAt = seen.away().returnAt();
    return table.updateIf(b -> b.key(UserMapper.key(seen.accountId(), seen.userId()))
        .updateExpression("SET " + UserMapper.AWAY + " = :off REMOVE " + remove)
        .conditionExpression(UserMapper.AWAY_RETURN_AT + " = :seen")
        .expressionAttributeValues(DynamoTable.values(":off", false, ":seen", returnAt == null ? "" : returnAt.toString())));
  }

  // ---- Telegram chat (N1)

  /** The user's connected chat, or null (one GetItem). */
  public TelegramChat telegramOf(String accountId, String userId) {
    User user = get(accountId, userId);
    return user == null ? null : user.telegram();
  }

  /** Sets the user's chat, in a transaction: the user must exist. */
  public Write linkTelegramWrite(String accountId, String userId, TelegramChat chat) {
    return table.updateWrite(u -> u.key(UserMapper.key(accountId, userId))
        .updateExpression("SET " + UserMapper.TELEGRAM + " = :link")
        .conditionExpression("attribute_exists(PK)")
        .expressionAttributeValues(DynamoTable.values(":link", AttributeValue.fromM(UserMapper.telegram(chat).build()))));
  }

  /** Forgets the user's chat (one UpdateItem); false when the user item does not exist. */
  public boolean unlinkTelegram(String accountId, String userId) {
    return table.updateIf(b -> b.key(UserMapper.key(accountId, userId))
        .updateExpression("REMOVE " + UserMapper.TELEGRAM).conditionExpression("attribute_exists(PK)"));
  }

  /**
   * Forgets the chat if it is still this one (one UpdateItem): Telegram said the bot is blocked, but
   * a chat linked meanwhile stays. False when it was another chat, or none.
   */
  public boolean forgetTelegramChat(String accountId, String userId, long chatId) {
    return table.updateIf(b -> b.key(UserMapper.key(accountId, userId))
        .updateExpression("REMOVE " + UserMapper.TELEGRAM)
        .conditionExpression(UserMapper.TELEGRAM + "." + UserMapper.CHAT_ID + " = :chat")
        .expressionAttributeValues(DynamoTable.values(":chat", chatId)));
  }
}
