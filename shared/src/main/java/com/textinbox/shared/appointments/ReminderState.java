package com.textinbox.shared.appointments;

import com.textinbox.shared.json.LowerCaseKeys;
import java.util.Locale;

/** The before-an-appointment reminder of one appointment (AP2): still to send, sent once, or skipped for good. */
public enum ReminderState {
  PENDING, SENT, SKIPPED;

  public String key() {
    return LowerCaseKeys.key(this);
  }

  public static ReminderState of(String key) {
    return key == null ? PENDING : valueOf(key.toUpperCase(Locale.ROOT));
  }
}
