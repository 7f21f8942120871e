package com.textinbox.shared.conversations.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.messaging.MessageRef;
import com.textinbox.shared.messaging.OutboundMessage;
import com.textinbox.shared.messaging.QueuedMessage;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.store.ConditionFailed;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * An outbound message's life after it is stored (docs/data-model.md, "Outbound SMS"): QUEUED on
 * the sweep's list, claimed by one delivery of its command at a time (a lease), SENT with its
 * carrier id (and the id's look-up for the receipts), DELIVERED or FAILED from a receipt, or given
 * up FAILED; a keyword's reply marks its compliance entry SENT or FAILED with it. Status only moves
 * forward: every change is conditional on the status it leaves.
 */
public final class OutboundMessageStore {
  private static final Map<String, String> STATUS = Map.of("#status", "status");

  private final DynamoTable table;

  public OutboundMessageStore(DynamoTable table) {
    this.table = table;
  }

  /** The new message QUEUED (put only if absent), for the transaction that stores it. */
  public Write queueWrite(OutboundMessage message) {
    return table.putIfAbsentWrite(OutboundMessageMapper.queued(message));
  }

  // ------------------------------------------------------------------ sending

  /** The outcome of a claim: the message to text, or why there is none (its status, and the lease of another delivery). */
  public record Claim(QueuedMessage message, String status, String leaseUntil) {
    public boolean claimed() {
      return message != null;
    }
  }

  /**
   * Claims the message for this delivery of its command: one UpdateItem that succeeds only while
   * it is QUEUED and no other delivery holds it, setting a lease of {@link QueuedSms#LEASE} and
   * counting the attempt, and returns it. A message that is not there (or another one at that
   * key) is an {@link IllegalStateException}: the command can never succeed.
   */
  public Claim claim(MessageRef ref, Instant now) {
    try {
      Map<String, AttributeValue> item = table.update(b -> b.key(key(ref))
          .updateExpression("SET sendLeaseUntil = :until, sendAttempts = if_not_exists(sendAttempts, :zero) + :one")
          .conditionExpression("messageId = :id AND #status = :queued"
              + " AND (attribute_not_exists(sendLeaseUntil) OR sendLeaseUntil < :now)")
          .expressionAttributeNames(STATUS)
          .expressionAttributeValues(DynamoTable.values(":id", ref.messageId(), ":queued", OutboundMessageMapper.QUEUED,
              ":now", Keys.time(now), ":until", Keys.time(now.plus(QueuedSms.LEASE)), ":zero", 0, ":one", 1))
          .returnValues(ReturnValue.ALL_NEW)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return new Claim(OutboundMessageMapper.queuedMessage(ref, item), OutboundMessageMapper.QUEUED, null);
    } catch (ConditionFailed notClaimed) {
      Map<String, AttributeValue> current = notClaimed.getCause() instanceof ConditionalCheckFailedException failed
          ? failed.item() : null;
      ItemReader found = ItemReader.of(current == null ? Map.of() : current);
      if (!ref.messageId().equals(found.str("messageId"))) {
        throw new IllegalStateException("message " + ref.messageId() + " is not in conversation " + ref.conversationId());
      }
      return new Claim(null, found.str("status"), found.str("sendLeaseUntil"));
    }
  }

  /**
   * Texted: one transaction sets SENT with the carrier's id, {@code from} and {@code to} (and takes
   * it off the sweep's list and its lease) on condition it is still QUEUED, puts the carrier id's
   * look-up, and for a keyword's reply sets its compliance entry's {@code reply = SENT}. False when
   * another delivery had marked it already.
   */
  public boolean markSent(QueuedMessage message, String carrierMessageId, String from, String to, Instant sentAt) {
    String at = Keys.time(sentAt);
    List<Write> writes = new ArrayList<>();
    writes.add(table.updateWrite(b -> b.key(key(message.ref()))
        .updateExpression("SET #status = :sent, sentAt = :at, carrierMessageId = :carrier, #from = :from, #to = :to"
            + " REMOVE sendLeaseUntil, " + Table.GSI4PK + ", " + Table.GSI4SK)
        .conditionExpression("#status = :queued")
        .expressionAttributeNames(Map.of("#status", "status", "#from", "from", "#to", "to"))
        .expressionAttributeValues(DynamoTable.values(":sent", "SENT", ":queued", OutboundMessageMapper.QUEUED,
            ":at", at, ":carrier", carrierMessageId, ":from", from, ":to", to))));
    writes.add(table.putWrite(OutboundMessageMapper.carrierMessage(carrierMessageId, message.ref())));
    complianceReply(message, "SENT", null, at).ifPresent(writes::add);
    try {
      table.transact(writes);
      return true;
    } catch (TransactionCancelled raced) {
      return false;
    }
  }

  /**
   * Gives a QUEUED message up, never texted: FAILED with {@code reason} (and off the sweep's list),
   * on condition it is still QUEUED and, with {@code leaseFreeAt}, that no delivery holds it at
   * that time; a keyword's reply's compliance entry says FAILED too. One UpdateItem, or a
   * transaction with the entry. False when it moved on meanwhile (sent, failed, being texted).
   */
  public boolean fail(QueuedMessage message, String reason, String description, Instant at, Instant leaseFreeAt) {
    String when = Keys.time(at);
    String condition = "#status = :queued"
        + (leaseFreeAt == null ? "" : " AND (attribute_not_exists(sendLeaseUntil) OR sendLeaseUntil < :free)");
    Map<String, AttributeValue> values = DynamoTable.values(":failed", "FAILED", ":queued", OutboundMessageMapper.QUEUED,
        ":reason", reason, ":description", description, ":at", when);
    if (leaseFreeAt != null) {
      values.put(":free", AttributeValue.fromS(Keys.time(leaseFreeAt)));
    }
    String update = "SET #status = :failed, failureReason = :reason, failureDescription = :description, failedAt = :at"
        + " REMOVE sendLeaseUntil, " + Table.GSI4PK + ", " + Table.GSI4SK;
    Optional<Write> entry = complianceReply(message, "FAILED", reason, when);
    if (entry.isEmpty()) {
      // one UpdateItem: half the cost of a transaction
      return table.updateIf(b -> b.key(key(message.ref())).updateExpression(update).conditionExpression(condition)
          .expressionAttributeNames(STATUS).expressionAttributeValues(values));
    }
    try {
      table.transact(table.updateWrite(b -> b.key(key(message.ref())).updateExpression(update)
          .conditionExpression(condition).expressionAttributeNames(STATUS).expressionAttributeValues(values)), entry.get());
      return true;
    } catch (TransactionCancelled moved) {
      return false;
    }
  }

  /** For a keyword's automatic reply: its compliance entry's {@code reply = SENT / FAILED}; empty for any other message. */
  private Optional<Write> complianceReply(QueuedMessage message, String outcome, String reason, String at) {
    if (message.complianceEventSk() == null) {
      return Optional.empty();
    }
    Map<String, AttributeValue> values = DynamoTable.values(":reply", outcome, ":at", at);
    if (reason != null) {
      values.put(":reason", AttributeValue.fromS(reason));
    }
    String update = "SET reply = :reply, replyAt = :at" + (reason == null ? "" : ", replyFailureReason = :reason");
    MessageRef ref = message.ref();
    return Optional.of(table.updateWrite(b -> b
        .key(DynamoTable.key(Keys.conversation(ref.accountId(), ref.conversationId()), message.complianceEventSk()))
        .updateExpression(update)
        .conditionExpression("attribute_exists(PK)")
        .expressionAttributeValues(values)));
  }

  // ------------------------------------------------------------------ the sweep's list

  /** The messages still QUEUED whose due time has come (GSI4 {@code DUE#QUEUED_SMS}, {@code SK <= now}): 1 Query per page. */
  public List<QueuedMessage> due(Instant now) {
    return table.queryAll(Query.gsi(4, Keys.QUEUED_SMS).atMost(Keys.time(now))).stream()
        .map(OutboundMessageMapper::queuedMessage).toList();
  }

  /**
   * Due again {@link QueuedSms#RETRY_EVERY} later ({@code requeuedAt}, {@code requeueCount + 1}), on
   * condition it is still QUEUED, unleased and at the place on the list that was read (two runs at
   * once re-enqueue it once). False when it was not.
   */
  public boolean requeue(QueuedMessage message, Instant now) {
    return table.updateIf(b -> b.key(key(message.ref()))
        .updateExpression("SET " + Table.GSI4SK + " = :next, requeuedAt = :now,"
            + " requeueCount = if_not_exists(requeueCount, :zero) + :one")
        .conditionExpression("#status = :queued AND " + Table.GSI4SK + " = :seen"
            + " AND (attribute_not_exists(sendLeaseUntil) OR sendLeaseUntil < :now)")
        .expressionAttributeNames(STATUS)
        .expressionAttributeValues(DynamoTable.values(":queued", OutboundMessageMapper.QUEUED, ":seen", message.dueSk(),
            ":next", Keys.queuedSmsDue(Keys.time(now.plus(QueuedSms.RETRY_EVERY)), message.messageId()),
            ":now", Keys.time(now), ":zero", 0, ":one", 1)));
  }

  // ------------------------------------------------------------------ receipts

  /** A carrier's receipt as it is recorded: the final status, and for a failure the reason. */
  public record Receipt(String status, String reason, String description, Instant at, String eventType,
      String carrierStatus, String carrierStatusDescription) {}

  /** The message a carrier id belongs to (GetItem {@code CARRIERMSG#<id>}); empty when not recorded (yet). */
  public Optional<MessageRef> byCarrierId(String carrierMessageId) {
    return Optional.ofNullable(table.get(Keys.outboundCarrierMessage(carrierMessageId), Keys.OUTBOUND_CARRIER_SK))
        .map(OutboundMessageMapper::carrierMessage);
  }

  /**
   * DELIVERED ({@code deliveredAt}) or FAILED ({@code failedAt}, the reason), with what the carrier
   * said, on condition the message is still QUEUED or SENT. False when it is final already.
   */
  public boolean recordReceipt(MessageRef ref, Receipt receipt) {
    Map<String, AttributeValue> values = DynamoTable.values(":status", receipt.status(), ":queued", OutboundMessageMapper.QUEUED,
        ":sent", "SENT", ":at", Keys.time(receipt.at()), ":eventType", receipt.eventType());
    StringBuilder set = new StringBuilder("SET #status = :status, receiptAt = :at, carrierEventType = :eventType");
    if (receipt.carrierStatus() != null) {
      set.append(", carrierStatus = :carrierStatus");
      values.put(":carrierStatus", AttributeValue.fromS(receipt.carrierStatus()));
    }
    if (receipt.carrierStatusDescription() != null) {
      set.append(", carrierStatusDescription = :carrierDescription");
      values.put(":carrierDescription", AttributeValue.fromS(receipt.carrierStatusDescription()));
    }
    if ("DELIVERED".equals(receipt.status())) {
      set.append(", deliveredAt = :at");
    } else {
      set.append(", failedAt = :at, failureReason = :reason, failureDescription = :description");
      values.put(":reason", AttributeValue.fromS(receipt.reason()));
      values.put(":description", AttributeValue.fromS(receipt.description()));
    }
    return table.updateIf(b -> b.key(key(ref))
        .updateExpression(set.toString())
        .conditionExpression("attribute_exists(PK) AND #status IN (:queued, :sent)")
        .expressionAttributeNames(STATUS)
        .expressionAttributeValues(values));
  }

  private static Map<String, AttributeValue> key(MessageRef ref) {
    return DynamoTable.key(Keys.conversation(ref.accountId(), ref.conversationId()), ref.timelineSk());
  }
}
