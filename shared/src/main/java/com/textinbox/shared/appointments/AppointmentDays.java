package com.textinbox.shared.appointments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A day of appointments in the company's zone (AP1): {@code GET /appointments?date=2026-12-07}
 * means from that day's first instant to the next day's, as the company's clocks tell them (a DST
 * day has 23 or 25 hours).
 */
public record AppointmentDays(Instant start, Instant end) {
  public static AppointmentDays of(LocalDate date, ZoneId zone) {
    return new AppointmentDays(date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
  }

  public boolean contains(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }
}
