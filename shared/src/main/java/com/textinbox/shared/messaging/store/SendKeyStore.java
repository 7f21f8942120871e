package com.textinbox.shared.messaging.store;

import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.messaging.SendKey;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Write;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The messages sent with a staff client's {@code Idempotency-Key} (decision 74; docs/data-model.md,
 * the "send key" item): one item per user and key, {@code A#<account>#U#<user>#SENDKEY#<key>}, written in
 * the message's own transaction, so a key names a stored message or nothing. Kept
 * {@link SendKey#KEPT} (DynamoDB TTL on {@code expiresAt}); a key past that is free again even
 * before TTL deletes its item.
 */
public record SendKeyStore(DynamoTable table) {
  private static final String FINGERPRINT = "fingerprint", CONVERSATION_ID = "conversationId", TIMELINE_SK = "timelineSk";
  private static final String MESSAGE_ID = "messageId", CREATED_AT = "createdAt";

  /** What a key sent: the request's fingerprint and where its message is. */
  public record KeyedSend(String fingerprint, String conversationId, String timelineSk, String messageId) {}

  /** The message this user sent with this key (strongly consistent), unless the key is unknown or expired at {@code now}. */
  public Optional<KeyedSend> find(String accountId, String userId, String key, Instant now) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.sendKey(accountId, userId, key), Keys.SEND_KEY_SK);
    if (item == null) {
      return Optional.empty();
    }
    ItemReader read = ItemReader.of(item);
    if (read.num(Table.EXPIRES_AT, Long.MAX_VALUE) < now.getEpochSecond()) {
      return Optional.empty();
    }
    return Optional.of(new KeyedSend(read.str(FINGERPRINT), read.str(CONVERSATION_ID), read.str(TIMELINE_SK), read.str(MESSAGE_ID)));
  }

  /**
   * The key, for the message's transaction: written only if no live item holds it, so that of two
   * requests with one key racing, one transaction fails and its request answers with the other's message.
   */
  public Write claimWrite(String accountId, String userId, SendKey key, Message message, Instant now) {
    return ItemUpdate.of()
        .set(Table.TYPE, "SendKey")
        .set(FINGERPRINT, key.fingerprint())
        .set(CONVERSATION_ID, message.conversationId())
        .set(TIMELINE_SK, message.sk())
        .set(MESSAGE_ID, message.id())
        .set(CREATED_AT, Keys.time(now))
        .set(Table.EXPIRES_AT, now.plus(SendKey.KEPT).getEpochSecond())
        .condition("attribute_not_exists(#PK) OR #" + Table.EXPIRES_AT + " < :now", ":now", now.getEpochSecond())
        .write(table, Keys.sendKey(accountId, userId, key.value()), Keys.SEND_KEY_SK);
  }
}
