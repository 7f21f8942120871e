package com.textinbox.shared.messaging;

/**
 * The dedupe marker of an inbound SMS ({@code A#<acct>#INBOUND#<carrierMessageId>}, docs/data-model.md
 * "Dedupe marker"): written once with the message, it says the message is stored, keeps the event
 * (and a keyword reply's command) until they are confirmed sent ({@code eventSentAt}), and is the
 * searchable copy of the text (SearchDocuments indexes it).
 *
 * @param event the event's JSON as sent to the conversation events queue (docs/events.md)
 * @param replyCommand a keyword's reply: its {@link SendSmsCommand} JSON; else null
 * @param notificationEvent a reply to an appointment reminder (AP2): its {@code appointment.*}
 *     notification event's JSON (docs/events.md), sent with the event; else null
 */
public record InboundSmsMarker(String carrierMessageId, String from, String to, String body, String receivedAt,
    String conversationId, String customerId, String messageId, String eventType, String event, String replyCommand,
    String eventSentAt, String notificationEvent) {

  /** Whether its event (and reply command) were confirmed sent. */
  public boolean announced() {
    return eventSentAt != null;
  }
}
