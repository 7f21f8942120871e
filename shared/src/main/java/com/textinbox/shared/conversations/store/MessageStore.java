package com.textinbox.shared.conversations.store;

import static com.textinbox.shared.conversations.store.TimelineMapper.*;

import com.textinbox.shared.conversations.CarrierMessage;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.ConditionFailed;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The life of an outbound message after it is stored (docs/data-model.md, "Outbound SMS"): the
 * sender's lease, SENT, FAILED, the carrier's receipts, and the QueuedSmsSweep's list of messages
 * left QUEUED. Every status change is conditional on the status it moves from, so a late or
 * repeated delivery never moves a final status.
 */
public record MessageStore(DynamoTable table) {
  /**
   * SnapStart priming (docs/decisions.md 46): {@code message} mapped to its item and read back, in
   * memory, as {@link #claim} reads the message it leases (a priming claim would be a write).
   */
  public Message primeRead(String accountId, Message message) {
    return messageOf(toItem(accountId, message.conversationId(), message));
  }

  /** A timeline message by its sort key (as the send command names it), strongly consistent. */
  public Optional<Message> find(String accountId, String conversationId, String timelineSk) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.conversation(accountId, conversationId), timelineSk);
    return Optional.ofNullable(item == null ? null : messageOf(item));
  }

  /**
   * What a claim found: the message leased to this delivery ({@code leased}), or as it is when it
   * could not be ({@code current}: being texted by another delivery, or not QUEUED any more;
   * null when there is no such message).
   */
  public record Claim(Message leased, Message current) {}

  /**
   * Leases the message to one delivery of its command until {@code leaseUntil}: only while it is
   * QUEUED and nobody holds it at {@code now} (two copies of a command never text it twice).
   */
  public Claim claim(String accountId, String conversationId, String timelineSk, String messageId, String now,
      String leaseUntil) {
    ItemUpdate update = ItemUpdate.of()
        .set(SEND_LEASE_UNTIL, leaseUntil)
        .setExpression("#" + SEND_ATTEMPTS + " = if_not_exists(#" + SEND_ATTEMPTS + ", :zero) + :one", ":zero", 0, ":one", 1)
        .condition("#" + MESSAGE_ID + " = :id AND #" + STATUS + " = :queued", ":id", messageId, ":queued", Message.QUEUED)
        .condition(leaseFree(), ":now", now);
    try {
      Map<String, AttributeValue> leased = table.update(b -> update.applyTo(b, Keys.conversation(accountId, conversationId), timelineSk)
          .returnValues(ReturnValue.ALL_NEW).returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return new Claim(messageOf(leased), null);
    } catch (ConditionFailed notClaimed) {
      Map<String, AttributeValue> current = notClaimed.getCause() instanceof ConditionalCheckFailedException failed
          && failed.hasItem() ? failed.item() : null;
      return new Claim(null, current == null || current.isEmpty() ? null : messageOf(current));
    }
  }

  /**
   * Texted: SENT with the carrier's id, off the sweep's list and unleased, conditional on QUEUED;
   * with it, the look-up from the carrier's id (for receipts) and, for a keyword's reply, its
   * compliance entry's {@code reply = SENT}.
   */
  public List<Write> sentWrites(String accountId, Message message, String sentAt, String carrierMessageId, String from,
      String to) {
    String pk = Keys.conversation(accountId, message.conversationId());
    Write sent = ItemUpdate.of()
        .set(STATUS, Message.SENT).set(SENT_AT, sentAt).set(CARRIER_MESSAGE_ID, carrierMessageId).set(FROM, from).set(TO, to)
        .remove(SEND_LEASE_UNTIL, Table.GSI4PK, Table.GSI4SK)
        .condition("#" + STATUS + " = :queued", ":queued", Message.QUEUED)
        .write(table, pk, message.sk());
    Write lookUp = table.putWrite(CarrierMessageMapper.toItem(new CarrierMessage(carrierMessageId, accountId,
        message.conversationId(), message.sk(), message.id())));
    return complianceReplyWrite(accountId, message, Message.SENT, null, sentAt)
        .map(reply -> List.of(sent, lookUp, reply)).orElse(List.of(sent, lookUp));
  }

  /**
   * Never texted: FAILED with {@code reason} (and off the sweep's list), conditional on QUEUED and,
   * with {@code leaseFreeAt}, on no delivery holding it then; for a keyword's reply, its compliance
   * entry's {@code reply = FAILED} too.
   */
  public List<Write> failureWrites(String accountId, Message message, String reason, String description, String at,
      String leaseFreeAt) {
    ItemUpdate update = ItemUpdate.of()
        .set(STATUS, Message.FAILED).set(FAILURE_REASON, reason).set(FAILURE_DESCRIPTION, description).set(FAILED_AT, at)
        .remove(SEND_LEASE_UNTIL, Table.GSI4PK, Table.GSI4SK)
        .condition("#" + STATUS + " = :queued", ":queued", Message.QUEUED);
    if (leaseFreeAt != null) {
      update.condition(leaseFree(), ":now", leaseFreeAt);
    }
    Write failed = update.write(table, Keys.conversation(accountId, message.conversationId()), message.sk());
    return complianceReplyWrite(accountId, message, Message.FAILED, reason, at)
        .map(reply -> List.of(failed, reply)).orElse(List.of(failed));
  }

  /**
   * Writes status changes made of {@link Write}s: one UpdateItem when there is a single one (half
   * the cost of a transaction), else one transaction. False when a condition failed.
   */
  public boolean apply(List<Write> writes) {
    try {
      table.write(writes);
      return true;
    } catch (ConditionFailed | TransactionCancelled moved) {
      return false;
    }
  }

  /** Tries of {@link #applyThroughConflicts}. */
  static final int CONFLICT_ATTEMPTS = 6;

  /**
   * {@link #apply}, writing again when DynamoDB cancelled the transaction only for a conflict
   * (another transaction on one of its items at that moment: the month's counters item, N4, is in
   * every SENT transaction of the company). False only when a condition failed; still conflicting
   * after a few short waits: {@link com.textinbox.shared.store.StoreBusyException} (the command is
   * delivered again).
   */
  public boolean applyThroughConflicts(List<Write> writes) {
    for (int attempt = 1; ; attempt++) {
      try {
        table.write(writes);
        return true;
      } catch (ConditionFailed failed) {
        return false;
      } catch (TransactionCancelled cancelled) {
        if (cancelled.reasons().contains(TransactionCancelled.CONDITION_FAILED)
            || !cancelled.reasons().contains(TransactionCancelled.CONFLICT)) {
          return false;
        }
        if (attempt == CONFLICT_ATTEMPTS) {
          throw new com.textinbox.shared.store.StoreBusyException("transaction still conflicting after " + attempt + " tries");
        }
        try {
          Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L << attempt));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new com.textinbox.shared.store.StoreBusyException("interrupted while waiting to write again");
        }
      }
    }
  }

  /** For a keyword's automatic reply: its compliance entry's {@code reply} (SENT or FAILED); empty for any other message. */
  private Optional<Write> complianceReplyWrite(String accountId, Message message, String outcome, String reason, String at) {
    if (message.complianceEventSk() == null) {
      return Optional.empty();
    }
    ItemUpdate update = ItemUpdate.of().set(REPLY, outcome).set(REPLY_AT, at).condition("attribute_exists(PK)");
    if (reason != null) {
      update.set(REPLY_FAILURE_REASON, reason);
    }
    return Optional.of(update.write(table, Keys.conversation(accountId, message.conversationId()), message.complianceEventSk()));
  }

  /** A carrier's receipt (C11): the outcome and the carrier's words; false when the message is final already. */
  public record Receipt(String status, String at, String carrierEventType, String carrierStatus,
      String carrierStatusDescription, String failureReason, String failureDescription) {}

  /** Records a receipt, conditional on the message being QUEUED or SENT (a final status never moves). */
  public boolean receipt(String accountId, String conversationId, String timelineSk, Receipt receipt) {
    ItemUpdate update = ItemUpdate.of()
        .set(STATUS, receipt.status()).set(RECEIPT_AT, receipt.at()).set(CARRIER_EVENT_TYPE, receipt.carrierEventType())
        .condition("attribute_exists(PK) AND #" + STATUS + " IN (:queued, :sent)", ":queued", Message.QUEUED, ":sent", Message.SENT);
    if (receipt.carrierStatus() != null) {
      update.set(CARRIER_STATUS, receipt.carrierStatus());
    }
    if (receipt.carrierStatusDescription() != null) {
      update.set(CARRIER_STATUS_DESCRIPTION, receipt.carrierStatusDescription());
    }
    if (Message.DELIVERED.equals(receipt.status())) {
      update.set(DELIVERED_AT, receipt.at());
    } else {
      update.set(FAILED_AT, receipt.at()).set(FAILURE_REASON, receipt.failureReason())
          .set(FAILURE_DESCRIPTION, receipt.failureDescription());
    }
    try {
      update.apply(table, Keys.conversation(accountId, conversationId), timelineSk);
      return true;
    } catch (ConditionFailed finalAlready) {
      return false;
    }
  }

  /** The message an outbound carrier id belongs to (receipts); null when not recorded (yet). */
  public CarrierMessage byCarrierId(String carrierMessageId) {
    Map<String, AttributeValue> item = table.get(Keys.outboundCarrierMessage(carrierMessageId), Keys.OUTBOUND_CARRIER_SK);
    return item == null ? null : CarrierMessageMapper.fromItem(item);
  }

  /** A message on the sweep's list, with its account (the list holds every account's). */
  public record Due(String accountId, Message message) {}

  /** The messages still QUEUED whose due time is at most {@code now} (every page). */
  public List<Due> queuedDue(String now) {
    return table.queryAll(Query.gsi(4, Keys.QUEUED_SMS).atMost(now)).stream()
        .map(item -> new Due(accountOf(item), messageOf(item))).toList();
  }

  /**
   * Puts a QUEUED message back on the sweep's list at {@code nextDue} ({@code requeuedAt},
   * {@code requeueCount + 1}), conditional on it being still QUEUED, unleased at {@code now} and
   * due as read (two runs at once re-enqueue it once). False when it moved on.
   */
  public boolean requeue(String accountId, Message message, String now, String nextDue) {
    ItemUpdate update = ItemUpdate.of()
        .set(Table.GSI4SK, nextDue).set(REQUEUED_AT, now)
        .setExpression("#" + REQUEUE_COUNT + " = if_not_exists(#" + REQUEUE_COUNT + ", :zero) + :one", ":zero", 0, ":one", 1)
        .condition("#" + STATUS + " = :queued AND #" + Table.GSI4SK + " = :seen", ":queued", Message.QUEUED,
            ":seen", message.sweepDue())
        .condition(leaseFree(), ":now", now);
    try {
      update.apply(table, Keys.conversation(accountId, message.conversationId()), message.sk());
      return true;
    } catch (ConditionFailed handled) {
      return false;
    }
  }

  /**
   * A text put back on the queue to wait for its place in its number's line (decision 61): the
   * message's look by the sweep moved to {@code nextDue} (after its place), so that the sweep does
   * not send a copy of a command that is only waiting; conditional on it being this message and
   * still QUEUED. False when it is not QUEUED any more (nothing to send).
   */
  public boolean postpone(String accountId, String conversationId, String timelineSk, String messageId, String nextDue) {
    ItemUpdate update = ItemUpdate.of()
        .set(Table.GSI4SK, nextDue)
        .condition("#" + MESSAGE_ID + " = :id AND #" + STATUS + " = :queued", ":id", messageId, ":queued", Message.QUEUED);
    try {
      update.apply(table, Keys.conversation(accountId, conversationId), timelineSk);
      return true;
    } catch (ConditionFailed handled) {
      return false;
    }
  }

  /**
   * The carrier refused the text for now (throttled, nothing sent): the lease this delivery holds
   * ({@code leaseUntil}, as the claim set it) is given back so that the command put back on the
   * queue can claim it again, and the sweep's look moves to {@code nextDue}. Conditional on QUEUED
   * and on the lease being this delivery's; false when not (then another delivery has it).
   */
  public boolean release(String accountId, Message message, String leaseUntil, String nextDue) {
    ItemUpdate update = ItemUpdate.of()
        .set(Table.GSI4SK, nextDue).remove(SEND_LEASE_UNTIL)
        .condition("#" + STATUS + " = :queued AND #" + SEND_LEASE_UNTIL + " = :mine", ":queued", Message.QUEUED,
            ":mine", leaseUntil);
    try {
      update.apply(table, Keys.conversation(accountId, message.conversationId()), message.sk());
      return true;
    } catch (ConditionFailed moved) {
      return false;
    }
  }

  private static String leaseFree() {
    return "attribute_not_exists(#" + SEND_LEASE_UNTIL + ") OR #" + SEND_LEASE_UNTIL + " < :now";
  }

  /** The account of a timeline item, from its key {@code A#<accountId>#CONV#<conversationId>}. */
  static String accountOf(Map<String, AttributeValue> item) {
    String pk = item.get(Table.PK).s();
    String suffix = Keys.conversation("", item.get(CONVERSATION_ID).s()).substring(Keys.account("").length());
    if (!pk.startsWith(Keys.account("")) || !pk.endsWith(suffix)) {
      throw new IllegalStateException("a QUEUED message whose key is not its conversation's: " + pk);
    }
    return pk.substring(Keys.account("").length(), pk.length() - suffix.length());
  }
}
