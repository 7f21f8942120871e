package com.textinbox.shared.appointments;

import com.textinbox.shared.json.LowerCaseKeys;
import java.util.Optional;

/**
 * Where an appointment stands (AP1). {@code replied}: the customer answered the reminder with
 * something that is neither a yes nor a no, for a person to read (AP2).
 */
public enum AppointmentStatus {
  SCHEDULED, CONFIRMED, CANCELLED, NOT_CONFIRMED, COMPLETED, REPLIED;

  /** The name in JSON and in the table: {@code scheduled}, {@code not_confirmed}... */
  public String key() {
    return LowerCaseKeys.key(this);
  }

  public static Optional<AppointmentStatus> of(String key) {
    return LowerCaseKeys.byKey(values(), key);
  }

  /** Still waiting for the customer's confirmation: its time passing makes it not confirmed. */
  public boolean awaitingConfirmation() {
    return this == SCHEDULED || this == REPLIED;
  }
}
