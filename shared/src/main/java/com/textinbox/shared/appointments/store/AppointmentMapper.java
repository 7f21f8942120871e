package com.textinbox.shared.appointments.store;

import com.textinbox.shared.appointments.Appointment;
import com.textinbox.shared.appointments.AppointmentStatus;
import com.textinbox.shared.appointments.QuietHours;
import com.textinbox.shared.appointments.ReminderSettings;
import com.textinbox.shared.appointments.ReminderState;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.time.LocalTime;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Appointment items ({@code A#<acct>#APPT#<id>} / {@code APPOINTMENT}) and the company's reminder
 * settings, the one place their attribute names are spelled (docs/data-model.md, "Appointments").
 * Index keys are derived from the record on every write: GSI1 the company's appointments by time,
 * GSI2 the customer's, GSI4 the one due entry ({@link Appointment#due()}), absent when nothing is due.
 */
public final class AppointmentMapper {
  static final String TYPE_VALUE = "Appointment", SETTINGS_TYPE = "AppointmentReminderSettings";
  static final String APPOINTMENT_ID = "appointmentId", CUSTOMER_ID = "customerId", STARTS_AT = "startsAt";
  static final String APPOINTMENT_TYPE = "appointmentType", ADVISOR_ID = "advisorId", STATUS = "status";
  static final String REFERENCE = "reference", REMINDER = "reminder", REMIND_AT = "remindAt", REMINDED_AT = "remindedAt";
  static final String REMINDER_MESSAGE_ID = "reminderMessageId", CONVERSATION_ID = "conversationId";
  static final String REPLY_MESSAGE_ID = "replyMessageId", STATUS_CHANGED_AT = "statusChangedAt";
  static final String CREATED_AT = "createdAt", UPDATED_AT = "updatedAt", DUE_KIND = "dueKind";
  /** On the customer's mobile guard item ({@code PHONE}): the latest time of an appointment awaiting the customer's reply (AP2). */
  static final String REPLY_WINDOW = "appointmentReplyUntil";
  static final String ENABLED = "enabled", LEAD_HOURS = "leadHours", QUIET_FROM = "quietFrom", QUIET_TO = "quietTo";
  static final String TEMPLATE = "template", UPDATED_BY = "updatedBy";

  private AppointmentMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, Appointment a) {
    String sortKey = Keys.activitySk(a.startsAt(), a.appointmentId());
    ItemBuilder item = ItemBuilder.item(Keys.appointment(accountId, a.appointmentId()), Keys.APPOINTMENT_SK, TYPE_VALUE)
        .str(APPOINTMENT_ID, a.appointmentId()).str(CUSTOMER_ID, a.customerId()).str(STARTS_AT, a.startsAt())
        .str(APPOINTMENT_TYPE, a.type()).str(ADVISOR_ID, a.advisorId()).str(STATUS, a.status().key())
        .str(REFERENCE, a.reference()).str(REMINDER, a.reminder().key()).str(REMIND_AT, a.remindAt())
        .str(REMINDED_AT, a.remindedAt()).str(REMINDER_MESSAGE_ID, a.reminderMessageId())
        .str(CONVERSATION_ID, a.conversationId()).str(REPLY_MESSAGE_ID, a.replyMessageId())
        .str(STATUS_CHANGED_AT, a.statusChangedAt()).str(CREATED_AT, a.createdAt()).str(UPDATED_AT, a.updatedAt())
        .index(Table.GSI1PK, Keys.appointmentsOf(accountId), Table.GSI1SK, sortKey)
        .index(Table.GSI2PK, Keys.appointmentsOfCustomer(accountId, a.customerId()), Table.GSI2SK, sortKey);
    a.due().ifPresent(due -> item.str(DUE_KIND, due.kind().name())
        .index(Table.GSI4PK, Keys.APPOINTMENTS_DUE, Table.GSI4SK, dueSk(accountId, a)));
    return item.build();
  }

  /** The due entry's sort key, as written now (a run's update is conditional on it). */
  static String dueSk(String accountId, Appointment a) {
    return a.due().map(due -> Keys.appointmentDue(due.at(), accountId, a.appointmentId())).orElse(null);
  }

  public static Appointment fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new Appointment(r.str(APPOINTMENT_ID), r.str(CUSTOMER_ID), r.str(STARTS_AT), r.str(APPOINTMENT_TYPE),
        r.str(ADVISOR_ID), AppointmentStatus.of(r.str(STATUS)).orElse(AppointmentStatus.SCHEDULED), r.str(REFERENCE),
        ReminderState.of(r.str(REMINDER)), r.str(REMIND_AT), r.str(REMINDED_AT), r.str(REMINDER_MESSAGE_ID),
        r.str(CONVERSATION_ID), r.str(REPLY_MESSAGE_ID), r.str(STATUS_CHANGED_AT), r.str(CREATED_AT), r.str(UPDATED_AT));
  }

  /** The account id in a due entry's sort key {@code <time>#<acct>#<id>}. */
  static String accountOfDue(Map<String, AttributeValue> item) {
    String sk = ItemReader.of(item).str(Table.GSI4SK);
    String[] parts = sk.split("#");
    return parts[1];
  }

  public static boolean isAppointment(Map<String, AttributeValue> item) {
    return item != null && !item.isEmpty() && TYPE_VALUE.equals(ItemReader.of(item).type());
  }

  static Map<String, AttributeValue> settingsItem(String accountId, ReminderSettings s) {
    ItemBuilder item = ItemBuilder.item(Keys.account(accountId), Keys.APPOINTMENT_REMINDERS_SK, SETTINGS_TYPE)
        .bool(ENABLED, s.enabled()).num(LEAD_HOURS, s.leadHours()).str(TEMPLATE, s.template())
        .str(UPDATED_AT, s.updatedAt()).str(UPDATED_BY, s.updatedBy());
    if (s.quietHours() != null) {
      item.str(QUIET_FROM, s.quietHours().fromText()).str(QUIET_TO, s.quietHours().toText());
    }
    return item.build();
  }

  static ReminderSettings settingsOf(Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return ReminderSettings.DEFAULT;
    }
    ItemReader r = ItemReader.of(item);
    QuietHours quiet = r.str(QUIET_FROM) == null ? null
        : new QuietHours(LocalTime.parse(r.str(QUIET_FROM)), LocalTime.parse(r.str(QUIET_TO)));
    return new ReminderSettings(r.bool(ENABLED), (int) r.num(LEAD_HOURS, 24), quiet, r.str(TEMPLATE), r.str(UPDATED_AT),
        r.str(UPDATED_BY));
  }
}
