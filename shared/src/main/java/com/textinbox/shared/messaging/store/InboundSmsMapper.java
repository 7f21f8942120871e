package com.textinbox.shared.messaging.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.messaging.InboundSmsMarker;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The inbound SMS dedupe marker's item, {@code A#<acct>#INBOUND#<carrierMessageId>} / {@code INBOUND}, type {@code InboundSms}. */
final class InboundSmsMapper {
  static final String EVENT_SENT_AT = "eventSentAt";

  private InboundSmsMapper() {}

  static Map<String, AttributeValue> toItem(String accountId, InboundSmsMarker marker) {
    return ItemBuilder.item(Keys.inboundCarrierMessage(accountId, marker.carrierMessageId()), Keys.INBOUND_SK, "InboundSms")
        .str("from", marker.from())
        .str("to", marker.to())
        .str("body", marker.body())
        .str("receivedAt", marker.receivedAt())
        .str("conversationId", marker.conversationId())
        .str("customerId", marker.customerId())
        .str("messageId", marker.messageId())
        .str("eventType", marker.eventType())
        .str("event", marker.event())
        .str("replyCommand", marker.replyCommand())
        .str(EVENT_SENT_AT, marker.eventSentAt())
        .str("notificationEvent", marker.notificationEvent())
        .build();
  }

  static InboundSmsMarker fromItem(String carrierMessageId, Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new InboundSmsMarker(carrierMessageId, r.str("from"), r.str("to"), r.str("body"), r.str("receivedAt"),
        r.str("conversationId"), r.str("customerId"), r.str("messageId"), r.str("eventType"), r.str("event"),
        r.str("replyCommand"), r.str(EVENT_SENT_AT), r.str("notificationEvent"));
  }
}
