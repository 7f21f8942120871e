package com.textinbox.shared.reports;

/**
 * What the monthly counters count (N4; docs/data-model.md, "Monthly counters"): each is one number
 * attribute of the item {@code A#<acct>} / {@code STATS#<yyyy-mm>}, added to in the same
 * transaction as the change it counts, so a redelivered event never counts twice.
 */
public enum MonthlyCounter {
  /** A staff or automation text the carrier accepted (counted by SmsSender, decision 52). */
  MESSAGES_SENT("messagesSent"),
  /** A customer text stored (counted by InboundSms with the message, once per carrier id). */
  MESSAGES_RECEIVED("messagesReceived"),
  APPOINTMENTS_CONFIRMED("appointmentsConfirmed"),
  APPOINTMENTS_CANCELLED("appointmentsCancelled"),
  APPOINTMENTS_NOT_CONFIRMED("appointmentsNotConfirmed");

  private final String attribute;

  MonthlyCounter(String attribute) {
    this.attribute = attribute;
  }

  /** Its attribute on the counters item, also its name in JSON ({@code messagesSent}). */
  public String attribute() {
    return attribute;
  }
}
