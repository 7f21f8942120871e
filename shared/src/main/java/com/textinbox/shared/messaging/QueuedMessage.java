package com.textinbox.shared.messaging;

/**
 * An outbound message as the sender and the sweep see it while it waits to be texted: what to send,
 * to which customer, and what a keyword's reply must mark ({@code complianceEventSk}).
 * {@code createdAt} is the ISO-8601 instant it was stored; {@code dueSk} its place on the sweep's
 * list as read (null off the list).
 */
public record QueuedMessage(MessageRef ref, String customerId, String createdAt, String smsText,
    String complianceReply, String complianceEventSk, String dueSk) {

  public String messageId() {
    return ref.messageId();
  }

  /** The command that asks SmsSender to text it. */
  public SendSmsCommand command() {
    return new SendSmsCommand(ref.accountId(), ref.conversationId(), ref.timelineSk(), ref.messageId());
  }
}
