package com.textinbox.shared.conversations;

/**
 * A text in a conversation's timeline: from the customer ({@code INBOUND}, {@code RECEIVED}) or to
 * them ({@code OUTBOUND}: {@code QUEUED} -> {@code SENT} -> {@code DELIVERED} or {@code FAILED}).
 * docs/data-model.md, "Timeline message" and "Outbound SMS".
 *
 * @param id the message id (also {@code messageId})
 * @param at its place in the timeline: the carrier's time of an inbound text, the creation of an outbound one
 * @param smsText what the customer receives (the sender's name, the STOP notice)
 * @param source who or what sent an outbound message (C7); null for an inbound one
 * @param keyword an inbound compliance keyword (STOP, ARRET...)
 * @param complianceReply STOP / START / HELP on a keyword's automatic reply
 * @param complianceEventSk the compliance entry the sender marks SENT or FAILED
 * @param sweepDue the sort key on the QueuedSmsSweep's list while QUEUED (GSI4SK), null once off it
 */
public record Message(
    String id, String at,
    String conversationId, String customerId, String direction, String status,
    String body, String smsText,
    String from, String to, String carrierMessageId, Source source,
    String senderUserId, String senderName, boolean stopNotice,
    Integer segments, String encoding, String keyword, String complianceReply,
    String complianceEventSk, String inReplyTo,
    String createdAt, String receivedAt, String sentAt,
    String deliveredAt, String failedAt,
    String failureReason, String failureDescription, String receiptAt, String carrierStatus,
    String carrierStatusDescription, String carrierEventType, String sendLeaseUntil,
    Integer sendAttempts, String requeuedAt,
    Integer requeueCount,
    String sweepDue) implements TimelineEntry {

  public static final String INBOUND = "INBOUND", OUTBOUND = "OUTBOUND";
  public static final String RECEIVED = "RECEIVED", QUEUED = "QUEUED", SENT = "SENT", DELIVERED = "DELIVERED";
  public static final String FAILED = "FAILED";

  /** Who or what sent a message (C7): {@code user}, {@code automation}, {@code campaign}, {@code appointment}, {@code api}; its id. */
  public record Source(String type, String id) {
    public static final String USER = "user";
    public static final String AUTOMATION = "automation";
  }

  /** A customer's text as stored on receipt ({@code RECEIVED}). */
  public static Message inbound(String id, String at, String conversationId, String customerId, String body,
      String from, String to, String carrierMessageId, String keyword, String receivedAt) {
    return new Message(id, at, conversationId, customerId, INBOUND, RECEIVED, body, null, from, to, carrierMessageId,
        null, null, null, false, null, null, keyword, null, null, null, null, receivedAt, at, null, null, null, null,
        null, null, null, null, null, null, null, null, null);
  }

  /**
   * An outbound message as stored before it is texted ({@code QUEUED}, on the sweep's list at
   * {@code sweepDue}); {@code complianceReply}, {@code complianceEventSk} and {@code inReplyTo}
   * only for a keyword's automatic reply.
   */
  public static Message queued(String id, String createdAt, String conversationId, String customerId, String body,
      String smsText, int segments, String encoding, Source source, String senderUserId, String senderName,
      boolean stopNotice, String complianceReply, String complianceEventSk, String inReplyTo, String sweepDue) {
    return new Message(id, createdAt, conversationId, customerId, OUTBOUND, QUEUED, body, smsText, null, null, null,
        source, senderUserId, senderName, stopNotice, segments, encoding, null, complianceReply, complianceEventSk,
        inReplyTo, createdAt, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        sweepDue);
  }

  /**
   * The same message at another place in the timeline (its sort key's time), its creation time
   * unchanged: a keyword's automatic reply sorts just after the keyword it answers.
   */
  public Message placedAt(String timelineAt) {
    return new Message(id, timelineAt, conversationId, customerId, direction, status, body, smsText, from, to,
        carrierMessageId, source, senderUserId, senderName, stopNotice, segments, encoding, keyword, complianceReply,
        complianceEventSk, inReplyTo, createdAt, receivedAt, sentAt, deliveredAt, failedAt, failureReason,
        failureDescription, receiptAt, carrierStatus, carrierStatusDescription, carrierEventType, sendLeaseUntil,
        sendAttempts, requeuedAt, requeueCount, sweepDue);
  }

  public boolean inbound() {
    return INBOUND.equals(direction);
  }

  public boolean queued() {
    return QUEUED.equals(status);
  }
}
