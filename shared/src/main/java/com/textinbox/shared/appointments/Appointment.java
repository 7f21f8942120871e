package com.textinbox.shared.appointments;

import java.time.Instant;
import java.util.Optional;

/**
 * An appointment of a customer (AP1), created by staff or pushed by the company's DMS (then with
 * its {@code reference}). Times are ISO-8601 UTC instants with milliseconds ({@code Keys.time}).
 *
 * @param advisorId the user of the company in charge; null when none
 * @param remindAt when the reminder is due (its lead before {@code startsAt}, moved to the end of
 *     quiet hours when it fell in them); meaningful while {@code reminder} is pending
 * @param remindedAt when the reminder was texted; {@code reminderMessageId} the message
 * @param conversationId the customer's conversation the reminder, a text about it (C9) or the
 *     reply went to; null until then (the view falls back to the customer's active conversation)
 * @param replyMessageId the customer's text that answered the reminder
 * @param updatedAt every change is conditional on it (optimistic: read, change, put if unchanged)
 */
public record Appointment(String appointmentId, String customerId, String startsAt, String type, String advisorId,
    AppointmentStatus status, String reference, ReminderState reminder, String remindAt, String remindedAt,
    String reminderMessageId, String conversationId, String replyMessageId, String statusChangedAt, String createdAt,
    String updatedAt) {

  /** The one due entry of an appointment (the sparse list {@code DUE#APPOINTMENTS}): what is to be done when. */
  public record Due(Kind kind, String at) {
    public enum Kind { REMINDER, EXPIRY }
  }

  /**
   * What the scheduled run has to do next: text the reminder at {@code remindAt} while it is pending
   * and the appointment scheduled; else, while it awaits a confirmation, mark it not confirmed at
   * its time; else nothing (confirmed, cancelled, completed, not confirmed: off the list).
   */
  public Optional<Due> due() {
    if (status == AppointmentStatus.SCHEDULED && reminder == ReminderState.PENDING && remindAt != null) {
      return Optional.of(new Due(Due.Kind.REMINDER, remindAt));
    }
    if (status.awaitingConfirmation()) {
      return Optional.of(new Due(Due.Kind.EXPIRY, startsAt));
    }
    return Optional.empty();
  }

  /** Reminded, still awaiting the customer's answer, and still to come: a reply of theirs answers it. */
  public boolean awaitingReply(Instant now) {
    return reminder == ReminderState.SENT && status.awaitingConfirmation() && Instant.parse(startsAt).isAfter(now);
  }

  public Instant start() {
    return Instant.parse(startsAt);
  }

  public Appointment withStatus(AppointmentStatus newStatus, String at) {
    return new Appointment(appointmentId, customerId, startsAt, type, advisorId, newStatus, reference, reminder, remindAt,
        remindedAt, reminderMessageId, conversationId, replyMessageId, newStatus == status ? statusChangedAt : at, createdAt,
        at);
  }

  /** The customer's answer to the reminder ({@code status} confirmed, cancelled or replied). */
  public Appointment answered(AppointmentStatus newStatus, String conversation, String messageId, String at) {
    return new Appointment(appointmentId, customerId, startsAt, type, advisorId, newStatus, reference, reminder, remindAt,
        remindedAt, reminderMessageId, conversation, messageId, at, createdAt, at);
  }

  public Appointment reminded(String conversation, String messageId, String at) {
    return new Appointment(appointmentId, customerId, startsAt, type, advisorId, status, reference, ReminderState.SENT,
        remindAt, at, messageId, conversation, replyMessageId, statusChangedAt, createdAt, at);
  }

  /** The reminder deferred to {@code until} (quiet hours, a shorter lead), or skipped for good ({@code until} null). */
  public Appointment reminderMoved(String until, String at) {
    return new Appointment(appointmentId, customerId, startsAt, type, advisorId, status, reference,
        until == null ? ReminderState.SKIPPED : ReminderState.PENDING, until == null ? remindAt : until, remindedAt,
        reminderMessageId, conversationId, replyMessageId, statusChangedAt, createdAt, at);
  }

  public Appointment inConversation(String conversation, String at) {
    return new Appointment(appointmentId, customerId, startsAt, type, advisorId, status, reference, reminder, remindAt,
        remindedAt, reminderMessageId, conversation, replyMessageId, statusChangedAt, createdAt, at);
  }

  /**
   * Staff's or the DMS's edit: the fields given, the rest as it was. A new time re-keys a pending
   * reminder ({@code remindAt} recomputed by the caller), so a moved appointment is reminded once,
   * at its new time, and one already reminded is not reminded again (AP2).
   */
  public Appointment edited(String newCustomerId, String newStartsAt, String newType, String newAdvisorId,
      AppointmentStatus newStatus, String newRemindAt, String at) {
    boolean moved = !newStartsAt.equals(startsAt);
    ReminderState state = moved && reminder == ReminderState.SKIPPED ? ReminderState.PENDING : reminder;
    return new Appointment(appointmentId, newCustomerId, newStartsAt, newType, newAdvisorId, newStatus, reference, state,
        state == ReminderState.PENDING ? newRemindAt : remindAt, remindedAt, reminderMessageId,
        newCustomerId.equals(customerId) ? conversationId : null, replyMessageId,
        newStatus == status ? statusChangedAt : at, createdAt, at);
  }
}
