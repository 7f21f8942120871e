package com.textinbox.shared.appointments;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Hours of the company's day when no automation texts (AP2), in the company's zone: {@code from}
 * inclusive, {@code to} exclusive; {@code 21:00}-{@code 08:00} wraps past midnight.
 */
public record QuietHours(LocalTime from, LocalTime to) {

  /** "HH:mm" on both ends; empty when either is malformed (the caller says which field). */
  public static Optional<LocalTime> time(String text) {
    if (text == null || !text.matches("\\d{2}:\\d{2}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalTime.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public boolean contains(LocalTime t) {
    if (from.equals(to)) {
      return false;
    }
    return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
  }

  public boolean contains(Instant at, ZoneId zone) {
    return contains(at.atZone(zone).toLocalTime());
  }

  /** The first instant after {@code at} when quiet hours end (the next {@code to} in the zone; DST-safe). */
  public Instant endAfter(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    ZonedDateTime end = local.toLocalDate().atTime(to).atZone(zone);
    if (!end.isAfter(local)) {
      end = local.toLocalDate().plusDays(1).atTime(to).atZone(zone);
    }
    return end.toInstant();
  }

  public String fromText() {
    return from.toString();
  }

  public String toText() {
    return to.toString();
  }
}
