package com.textinbox.shared.conversations;

/**
 * Something that happened to an appointment of the conversation's customer (AP2, C9): its
 * reminder texted ({@code reminded}), or the customer's answer ({@code confirmed},
 * {@code cancelled}, {@code replied}); it links the appointment, so the conversation shows which
 * appointment a reply answered.
 *
 * @param messageId the reminder (reminded) or the customer's text that answered it
 * @param startsAt the appointment's time when it happened
 * @param recordedAt when it was written
 */
public record AppointmentEvent(String id, String at, String event, String appointmentId, String startsAt,
    String messageId, String recordedAt) implements TimelineEntry {
  public static final String REMINDED = "reminded", CONFIRMED = "confirmed", CANCELLED = "cancelled", REPLIED = "replied";
}
