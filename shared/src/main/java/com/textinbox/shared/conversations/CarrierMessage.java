package com.textinbox.shared.conversations;

/**
 * The look-up from a carrier's id of an outbound SMS to its message ({@code CARRIERMSG#<id>},
 * global: a receipt names only the carrier's id), written when the message is SENT.
 */
public record CarrierMessage(String carrierMessageId, String accountId, String conversationId, String timelineSk,
    String messageId) {}
