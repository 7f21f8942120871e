package com.textinbox.shared.appointments;

import com.textinbox.shared.customers.CustomerProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An appointment as the API shows it (schema {@code Appointment} in docs/openapi.yaml). Its
 * {@code conversationId} links the customer's conversation (C9): the one the reminder, a text or
 * the reply went to, else the customer's active one.
 */
public final class AppointmentView {
  private AppointmentView() {}

  public static Map<String, Object> of(Appointment a, CustomerProfile customer) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("appointmentId", a.appointmentId());
    view.put("customerId", a.customerId());
    put(view, "customerName", customer == null ? null : customer.fullName());
    view.put("startsAt", a.startsAt());
    view.put("type", a.type());
    put(view, "advisorId", a.advisorId());
    view.put("status", a.status().key());
    put(view, "reference", a.reference());
    Map<String, Object> reminder = new LinkedHashMap<>();
    reminder.put("state", a.reminder().key());
    put(reminder, "remindAt", a.reminder() == ReminderState.PENDING ? a.remindAt() : null);
    put(reminder, "remindedAt", a.remindedAt());
    put(reminder, "messageId", a.reminderMessageId());
    view.put("reminder", reminder);
    put(view, "conversationId", a.conversationId() != null ? a.conversationId()
        : customer == null ? null : customer.activeConversationId());
    put(view, "replyMessageId", a.replyMessageId());
    put(view, "statusChangedAt", a.statusChangedAt());
    view.put("createdAt", a.createdAt());
    view.put("updatedAt", a.updatedAt());
    return view;
  }

  public static Map<String, Object> settings(ReminderSettings s) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("enabled", s.enabled());
    view.put("leadHours", s.leadHours());
    view.put("quietHours", s.quietHours() == null ? null : Map.of("from", s.quietHours().fromText(), "to", s.quietHours().toText()));
    view.put("template", s.template());
    view.put("placeholders", ReminderText.PLACEHOLDERS.stream().sorted().toList());
    put(view, "updatedAt", s.updatedAt());
    put(view, "updatedBy", s.updatedBy());
    return view;
  }

  private static void put(Map<String, Object> view, String name, Object value) {
    if (value != null) {
      view.put(name, value);
    }
  }
}
