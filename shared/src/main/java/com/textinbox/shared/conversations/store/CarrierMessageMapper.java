package com.textinbox.shared.conversations.store;

import com.textinbox.shared.conversations.CarrierMessage;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The carrier id look-up item ({@code CARRIERMSG#<carrierMessageId>} / {@code CARRIERMSG}). */
public final class CarrierMessageMapper {
  static final String TYPE = "CarrierMessage", ACCOUNT_ID = "accountId";
  static final String CONVERSATION_ID = "conversationId", TIMELINE_SK = "timelineSk", MESSAGE_ID = "messageId";

  private CarrierMessageMapper() {}

  public static Map<String, AttributeValue> toItem(CarrierMessage m) {
    return ItemBuilder.item(Keys.outboundCarrierMessage(m.carrierMessageId()), Keys.OUTBOUND_CARRIER_SK, TYPE)
        .str(ACCOUNT_ID, m.accountId()).str(CONVERSATION_ID, m.conversationId())
        .str(TIMELINE_SK, m.timelineSk()).str(MESSAGE_ID, m.messageId())
        .build();
  }

  public static CarrierMessage fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new CarrierMessage(r.pk().substring(Keys.outboundCarrierMessage("").length()), r.str(ACCOUNT_ID),
        r.str(CONVERSATION_ID), r.str(TIMELINE_SK), r.str(MESSAGE_ID));
  }
}
