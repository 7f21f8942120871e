package com.textinbox.shared.messaging;

import com.textinbox.shared.data.Items;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The rules an outbound message lives by while it is QUEUED (docs/data-model.md, "Outbound SMS"):
 * it sits on the sparse GSI4 list {@link Keys#QUEUED_SMS} until it leaves QUEUED; the sweep
 * re-enqueues it once {@link #GRACE} has passed without it being sent, every {@link #RETRY_EVERY}
 * after that, and gives it up as FAILED after {@link #MAX_AGE}, which the sender also refuses: a
 * customer is never texted a day late. While one delivery of its command is texting it, the
 * message holds a lease of {@link #LEASE}, so that two copies of the command never text it twice
 * at the same time.
 */
public final class QueuedSms {
  private QueuedSms() {}

  /** How long a QUEUED message may wait for its command before the sweep sends another. */
  public static final Duration GRACE = Duration.ofMinutes(5);
  /** How long the sweep waits after re-enqueueing a message before it looks at it again. */
  public static final Duration RETRY_EVERY = Duration.ofMinutes(5);
  /** Older than this, a message is never texted: FAILED {@link #EXPIRED}. */
  public static final Duration MAX_AGE = Duration.ofHours(24);
  /** How long one delivery of a command holds the message while it texts it (longer than a Lambda run). */
  public static final Duration LEASE = Duration.ofSeconds(60);

  public static final String EXPIRED = "expired";
  public static final String EXPIRED_DESCRIPTION =
      "It could not be texted within 24 hours, so it was not sent (the customer never gets a message a day late).";

  /** Puts a message created at {@code createdAt} on the sweep's list, due {@link #GRACE} later. */
  public static void list(Map<String, AttributeValue> message, Instant createdAt, String messageId) {
    message.put(Table.GSI4PK, AttributeValue.fromS(Keys.QUEUED_SMS));
    message.put(Table.GSI4SK, AttributeValue.fromS(Keys.queuedSmsDue(Keys.time(createdAt.plus(GRACE)), messageId)));
  }

  /** Whether a message created at {@code createdAt} (ISO-8601; none: not known, so not expired) is too old to text at {@code now}. */
  public static boolean expired(String createdAt, Instant now) {
    if (createdAt == null) {
      return false;
    }
    try {
      return Instant.parse(createdAt).plus(MAX_AGE).isBefore(now);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /**
   * The writes that give a QUEUED message up, never texted: FAILED with {@code reason} (and off the
   * sweep's list), on condition it is still QUEUED and, with {@code leaseFreeAt}, that no delivery
   * holds it at that time; for a keyword's reply, its compliance entry's {@code reply = FAILED} too.
   * {@code message} is the item as read (its keys included).
   */
  public static List<TransactWriteItem> failure(String table, Map<String, AttributeValue> message, String reason,
      String description, String at, String leaseFreeAt) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":failed", Items.s("FAILED"), ":queued", Items.s("QUEUED"),
        ":reason", Items.s(reason), ":description", Items.s(description), ":at", Items.s(at)));
    String condition = "#status = :queued";
    if (leaseFreeAt != null) {
      condition += " AND (attribute_not_exists(sendLeaseUntil) OR sendLeaseUntil < :free)";
      values.put(":free", Items.s(leaseFreeAt));
    }
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(keyOf(message))
        .updateExpression("SET #status = :failed, failureReason = :reason, failureDescription = :description, failedAt = :at"
            + " REMOVE sendLeaseUntil, " + Table.GSI4PK + ", " + Table.GSI4SK)
        .conditionExpression(condition)
        .expressionAttributeNames(Map.of("#status", "status"))
        .expressionAttributeValues(values)
        .build()).build());
    complianceReply(table, message, "FAILED", reason, at).ifPresent(items::add);
    return items;
  }

  /**
   * For a keyword's automatic reply (InboundSms): the update of its compliance entry
   * ({@code complianceEventSk}) to {@code reply = SENT} or {@code FAILED}; empty for any other message.
   */
  public static Optional<TransactWriteItem> complianceReply(String table, Map<String, AttributeValue> message,
      String outcome, String reason, String at) {
    String entrySk = Items.str(message, "complianceEventSk");
    if (entrySk == null) {
      return Optional.empty();
    }
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":reply", Items.s(outcome), ":at", Items.s(at)));
    String update = "SET reply = :reply, replyAt = :at";
    if (reason != null) {
      update += ", replyFailureReason = :reason";
      values.put(":reason", Items.s(reason));
    }
    return Optional.of(TransactWriteItem.builder().update(Update.builder().tableName(table)
        .key(Items.key(message.get(Table.PK).s(), entrySk))
        .updateExpression(update)
        .conditionExpression("attribute_exists(PK)")
        .expressionAttributeValues(values)
        .build()).build());
  }

  /** Writes {@code items}: one UpdateItem when there is one update (half the cost of a transaction), else a transaction. */
  public static void write(DynamoDbClient dynamoDb, List<TransactWriteItem> items) {
    if (items.size() == 1 && items.get(0).update() != null) {
      Update update = items.get(0).update();
      dynamoDb.updateItem(b -> b.tableName(update.tableName()).key(update.key())
          .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
          .expressionAttributeNames(update.expressionAttributeNames())
          .expressionAttributeValues(update.expressionAttributeValues()));
    } else {
      dynamoDb.transactWriteItems(b -> b.transactItems(items));
    }
  }

  private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
    return Map.of(Table.PK, item.get(Table.PK), Table.SK, item.get(Table.SK));
  }
}
