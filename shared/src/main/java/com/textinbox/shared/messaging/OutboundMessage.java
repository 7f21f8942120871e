package com.textinbox.shared.messaging;

import java.time.Instant;

/**
 * A new outbound message, stored QUEUED in its conversation's timeline before its command goes to
 * SendSmsQueue (docs/data-model.md, "Outbound SMS"). {@code sourceType} is C7's ({@code user},
 * {@code automation}...); a keyword's automatic reply also names its keyword family
 * ({@code complianceReply}), its compliance entry and the message it answers.
 */
public record OutboundMessage(MessageRef ref, String customerId, Instant createdAt, String body, OutgoingSms sms,
    String sourceType, String sourceId, String senderUserId, String senderName,
    String complianceReply, String complianceEventSk, String inReplyTo) {

  /** A message typed or sent through the API. */
  public static OutboundMessage of(MessageRef ref, String customerId, Instant createdAt, String body, OutgoingSms sms,
      String sourceType, String sourceId, String senderUserId, String senderName) {
    return new OutboundMessage(ref, customerId, createdAt, body, sms, sourceType, sourceId, senderUserId, senderName,
        null, null, null);
  }
}
