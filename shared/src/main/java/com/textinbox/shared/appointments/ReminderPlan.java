package com.textinbox.shared.appointments;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What to do with a reminder whose entry came due (AP2), decided on what is true now (the
 * settings, the customer, the clock), not on what was true when the appointment was written.
 */
public sealed interface ReminderPlan {
  /** Text it now. */
  record Send() implements ReminderPlan {}

  /** Not now: at {@code until} (quiet hours end, or a lead shortened since). */
  record Defer(Instant until) implements ReminderPlan {}

  /** Never: {@code reason} says why (the automation off, the customer unsubscribed, too late...). */
  record Skip(String reason) implements ReminderPlan {}

  static ReminderPlan decide(Appointment appointment, ReminderSettings settings, boolean textable, Instant now,
      ZoneId zone) {
    Instant start = appointment.start();
    if (appointment.status() != AppointmentStatus.SCHEDULED) {
      return new Skip("the appointment is " + appointment.status().key());
    }
    if (!settings.enabled()) {
      return new Skip("the automation is off");
    }
    if (!start.isAfter(now)) {
      return new Skip("its time has passed");
    }
    if (!textable) {
      return new Skip("the customer is unsubscribed or has no mobile");
    }
    Instant due = settings.remindAt(start);
    if (due.isAfter(now)) {
      return deferred(due, start, settings, zone);
    }
    if (settings.quietHours() != null && settings.quietHours().contains(now, zone)) {
      return deferred(settings.quietHours().endAfter(now, zone), start, settings, zone);
    }
    return new Send();
  }

  private static ReminderPlan deferred(Instant until, Instant start, ReminderSettings settings, ZoneId zone) {
    Instant at = until;
    if (settings.quietHours() != null && settings.quietHours().contains(at, zone)) {
      at = settings.quietHours().endAfter(at, zone);
    }
    return at.isBefore(start) ? new Defer(at) : new Skip("quiet hours last until the appointment");
  }
}
