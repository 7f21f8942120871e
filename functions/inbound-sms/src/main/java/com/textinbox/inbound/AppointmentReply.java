package com.textinbox.inbound;

import com.textinbox.shared.appointments.Appointment;
import com.textinbox.shared.appointments.AppointmentStatus;
import com.textinbox.shared.appointments.ReplyClassifier;
import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.conversations.AppointmentEvent;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.NotificationEvent;
import com.textinbox.shared.reports.MonthlyCounter;
import com.textinbox.shared.store.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's text answering their reminded appointment (AP2): YES / OUI... confirms it, NO /
 * NON cancels it, anything else marks it replied, for a person ({@link ReplyClassifier}). With two
 * pending, the nearest. Written in the inbound message's own transaction: the appointment
 * (conditional on what was read: a redelivery changes nothing twice, and is counted once), its
 * monthly counter, an {@code AppointmentEvent} that links it (the conversation shows which
 * appointment the text answered); its notification event ({@code appointment.*}, to the advisor,
 * else the conversation's assignee) is kept on the dedupe marker and sent with the message's event.
 *
 * <p>Only a customer whose mobile guard says a reminded appointment is pending (its reply window)
 * costs this: 1 Query of their appointments + 1 SQS SendMessage (the outcome's counter joins the
 * message's own counter write). Every other text costs what it did.
 */
record AppointmentReply(Appointment before, Appointment after, String eventType) {

  /** The nearest appointment of the customer awaiting their reply, if any; {@code body} decides the outcome. */
  static Optional<AppointmentReply> find(InboundStores stores, String accountId, String customerId, String conversationId,
      String messageId, String body, Instant now) {
    Optional<Appointment> pending = stores.appointments().ofCustomer(accountId, customerId, now).stream()
        .filter(a -> a.awaitingReply(now)).findFirst();
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    AppointmentStatus status = ReplyClassifier.statusFor(ReplyClassifier.classify(body));
    Appointment before = pending.get();
    return Optional.of(new AppointmentReply(before, before.answered(status, conversationId, messageId, Keys.time(now)),
        switch (status) {
          case CONFIRMED -> NotificationEvent.APPOINTMENT_CONFIRMED;
          case CANCELLED -> NotificationEvent.APPOINTMENT_CANCELLED;
          default -> NotificationEvent.APPOINTMENT_REPLIED;
        }));
  }

  /**
   * The appointment's change, then the timeline event just after the text at {@code at}. Its
   * counter is not here: {@link ReceivedSms} writes the month's counters item once, with
   * {@link #counted} among them (one transaction writes an item once).
   */
  List<Write> writes(InboundStores stores, String accountId, String conversationId, String messageId, Instant at,
      Instant now) {
    List<Write> writes = new ArrayList<>(List.of(stores.appointments().replaceWrite(accountId, before, after)));
    writes.add(stores.conversations().appendWrite(accountId, conversationId, new AppointmentEvent(messageId + "-appointment",
        Keys.time(at.plusMillis(1)), after.status().key(), after.appointmentId(), after.startsAt(), messageId,
        Keys.time(now))));
    return writes;
  }

  /** The monthly counter the outcome moves (confirmed, cancelled; a reply for a person moves none). */
  Optional<MonthlyCounter> counted() {
    return AppointmentStore.counted(before, after);
  }

  /** The notification event (docs/events.md): its id derived from the text's, so a resend is deduped. */
  String notificationJson(String accountId, String conversationId, String messageId, Instant now) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", "appointment-reply:" + messageId);
    event.put("type", eventType);
    event.put("accountId", accountId);
    event.put("at", Keys.time(now));
    event.put("appointmentId", after.appointmentId());
    event.put("customerId", after.customerId());
    event.put("conversationId", conversationId);
    if (after.advisorId() != null) {
      event.put("recipientUserIds", List.of(after.advisorId()));
    }
    return Json.write(event);
  }
}
