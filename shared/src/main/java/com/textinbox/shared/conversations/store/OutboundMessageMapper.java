package com.textinbox.shared.conversations.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.messaging.MessageRef;
import com.textinbox.shared.messaging.OutboundMessage;
import com.textinbox.shared.messaging.QueuedMessage;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An outbound timeline message's item (docs/data-model.md, "Outbound SMS") as it is queued, and
 * what the sender and the sweep read back of it; the carrier id's look-up item of a message sent.
 * The attributes its lifecycle changes (status, lease, receipts) are spelled in
 * {@link OutboundMessageStore}.
 */
public final class OutboundMessageMapper {
  static final String QUEUED = "QUEUED";

  private OutboundMessageMapper() {}

  /** The message QUEUED, on the sweep's list (GSI4) due {@link QueuedSms#GRACE} after it was stored. */
  public static Map<String, AttributeValue> queued(OutboundMessage m) {
    MessageRef ref = m.ref();
    return ItemBuilder.item(Keys.conversation(ref.accountId(), ref.conversationId()), ref.timelineSk(), "Message")
        .str("messageId", ref.messageId())
        .str("conversationId", ref.conversationId())
        .str("customerId", m.customerId())
        .str("direction", "OUTBOUND")
        .str("status", QUEUED)
        .str("body", m.body())
        .str("smsText", m.sms().text())
        .num("segments", m.sms().segments().segments())
        .str("encoding", m.sms().segments().encoding().name())
        .str("sourceType", m.sourceType())
        .str("sourceId", m.sourceId())
        .str("senderUserId", m.senderUserId())
        .str("senderName", m.senderName())
        .bool("stopNotice", m.sms().stopNotice() ? Boolean.TRUE : null)
        .str("complianceReply", m.complianceReply())
        .str("complianceEventSk", m.complianceEventSk())
        .str("inReplyTo", m.inReplyTo())
        .time("createdAt", m.createdAt())
        .index(Table.GSI4PK, Keys.QUEUED_SMS,
            Table.GSI4SK, Keys.queuedSmsDue(Keys.time(m.createdAt().plus(QueuedSms.GRACE)), ref.messageId()))
        .build();
  }

  /** A message item as the sender and the sweep read it (the account from its key). */
  public static QueuedMessage queuedMessage(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    String conversationId = r.str("conversationId");
    return queuedMessage(new MessageRef(accountOf(r.pk(), conversationId), conversationId, r.sk(), r.str("messageId")), item);
  }

  /** The message read back by the sender, whose command says where it is. */
  static QueuedMessage queuedMessage(MessageRef ref, Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new QueuedMessage(ref, r.str("customerId"), r.str("createdAt"), r.str("smsText"),
        r.str("complianceReply"), r.str("complianceEventSk"), r.str(Table.GSI4SK));
  }

  /**
   * The account of a timeline item, from its key {@code A#<accountId>#CONV#<conversationId>} (the
   * sweep's global list holds every account's messages).
   */
  public static String accountOf(String pk, String conversationId) {
    String prefix = Keys.account("");
    String suffix = Keys.conversation("", conversationId).substring(prefix.length());
    if (pk == null || !pk.startsWith(prefix) || !pk.endsWith(suffix)) {
      throw new IllegalStateException("a QUEUED message whose key is not its conversation's: " + pk);
    }
    return pk.substring(prefix.length(), pk.length() - suffix.length());
  }

  /** {@code CARRIERMSG#<carrierMessageId>}: which message a carrier id belongs to (for the receipts). */
  static Map<String, AttributeValue> carrierMessage(String carrierMessageId, MessageRef ref) {
    return ItemBuilder.item(Keys.outboundCarrierMessage(carrierMessageId), Keys.OUTBOUND_CARRIER_SK, "CarrierMessage")
        .str("accountId", ref.accountId())
        .str("conversationId", ref.conversationId())
        .str("timelineSk", ref.timelineSk())
        .str("messageId", ref.messageId())
        .build();
  }

  static MessageRef carrierMessage(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new MessageRef(r.str("accountId"), r.str("conversationId"), r.str("timelineSk"), r.str("messageId"));
  }
}
