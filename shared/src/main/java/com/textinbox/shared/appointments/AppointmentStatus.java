package com.textinbox.shared.appointments;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an appointment stands (AP1). {@code replied}: the customer answered the reminder with
 * something that is neither a yes nor a no, for a person to read (AP2).
 */
public enum AppointmentStatus {
  SCHEDULED, CONFIRMED, CANCELLED, NOT_CONFIRMED, COMPLETED, REPLIED;

  /** The name in JSON and in the table: {@code scheduled}, {@code not_confirmed}... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AppointmentStatus> of(String key) {
    for (AppointmentStatus status : values()) {
      if (status.key().equals(key)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /** Still waiting for the customer's confirmation: its time passing makes it not confirmed. */
  public boolean awaitingConfirmation() {
    return this == SCHEDULED || this == REPLIED;
  }
}
