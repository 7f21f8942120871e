package com.textinbox.shared.appointments;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

/**
 * The company's before-an-appointment automation (AP2): on or off, how long before the
 * appointment, the quiet hours (null: none) and the message; a null template is the default one in
 * the customer's language ({@link ReminderText}).
 */
public record ReminderSettings(boolean enabled, int leadHours, QuietHours quietHours, String template, String updatedAt,
    String updatedBy) {
  public static final int MIN_LEAD_HOURS = 1;
  public static final int MAX_LEAD_HOURS = 168;
  public static final int MAX_TEMPLATE_LENGTH = 640;
  /** The automation's id: the source id of the reminders it texts (C7). */
  public static final String AUTOMATION_ID = "appointment-reminders";

  /** Until the company sets it: off, 24 hours before, quiet from 21:00 to 08:00, the default message. */
  public static final ReminderSettings DEFAULT =
      new ReminderSettings(false, 24, new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)), null, null, null);

  /** When the reminder of an appointment at {@code startsAt} is due. */
  public Instant remindAt(Instant startsAt) {
    return startsAt.minus(Duration.ofHours(leadHours));
  }
}
