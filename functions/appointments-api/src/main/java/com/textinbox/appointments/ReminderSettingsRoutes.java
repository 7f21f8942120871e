package com.textinbox.appointments;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.appointments.AppointmentView;
import com.textinbox.shared.appointments.QuietHours;
import com.textinbox.shared.appointments.ReminderSettings;
import com.textinbox.shared.appointments.ReminderText;
import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.data.Keys;
import java.time.Clock;
import java.time.LocalTime;
import java.util.Set;

/**
 * {@code GET / PUT /settings/appointment-reminders} (AP2): the company's before-an-appointment
 * automation. Everyone but free users reads it; admins change it. A PUT is the whole setting.
 */
record ReminderSettingsRoutes(AppointmentStore appointments, Clock clock) {
  ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(AppointmentView.settings(appointments.settings(request.caller().accountId())));
  }

  ApiResponse put(ApiRequest request) {
    request.caller().requireAdmin();
    JsonNode json = request.json();   // an object of these fields only: checked against its schema (decision 55)
    JsonNode enabled = json.get("enabled");
    if (enabled == null || !enabled.isBoolean()) {
      throw ApiError.invalid("enabled", "enabled must be true or false.");
    }
    JsonNode lead = json.get("leadHours");
    if (lead == null || !lead.isIntegralNumber() || lead.asInt() < ReminderSettings.MIN_LEAD_HOURS
        || lead.asInt() > ReminderSettings.MAX_LEAD_HOURS) {
      throw ApiError.invalid("leadHours", "leadHours must be a whole number of hours from "
          + ReminderSettings.MIN_LEAD_HOURS + " to " + ReminderSettings.MAX_LEAD_HOURS + ".");
    }
    String template = template(json.get("template"));
    ReminderSettings settings = new ReminderSettings(enabled.asBoolean(), lead.asInt(), quietHours(json.get("quietHours")),
        template, Keys.time(clock.instant()), request.caller().userId());
    appointments.putSettings(request.caller().accountId(), settings);
    return ApiResponse.ok(AppointmentView.settings(settings));
  }

  private static QuietHours quietHours(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject() || node.size() != 2 || !node.has("from") || !node.has("to")) {
      throw ApiError.invalid("quietHours", "quietHours must be {\"from\": \"21:00\", \"to\": \"08:00\"} or null.");
    }
    return new QuietHours(time(node, "from"), time(node, "to"));
  }

  private static LocalTime time(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return QuietHours.time(value != null && value.isTextual() ? value.asText() : null).orElseThrow(() ->
        ApiError.invalid("quietHours." + field, "quietHours." + field + " must be a time of day such as 21:00."));
  }

  private static String template(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;   // the default message, in the customer's language
    }
    if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > ReminderSettings.MAX_TEMPLATE_LENGTH) {
      throw ApiError.invalid("template", "template must be non-empty text of at most "
          + ReminderSettings.MAX_TEMPLATE_LENGTH + " characters, or null for the default message.");
    }
    ReminderText.check(node.asText());
    return node.asText();
  }
}
