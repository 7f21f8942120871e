package com.textinbox.shared.appointments;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.data.Keys;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * An appointment as a request writes it (AP1): staff's {@code POST} / {@code PATCH}
 * ({@code customerId}), or the DMS's {@code PUT /integration/appointments/{reference}}
 * ({@code customerReference}). Null fields were not given (a PATCH keeps them). Bad input is a 400
 * naming the field (docs/openapi.yaml: {@code AppointmentInput}, {@code IntegrationAppointment}).
 *
 * @param startsAt ISO-8601 with an offset ({@code 2026-12-07T09:00:00-05:00}), or a local date-time
 *     ({@code 2026-12-07T09:00}) read in the company's zone
 */
public record AppointmentInput(String customerId, String customerReference, Instant startsAt, String type,
    String advisorId, AppointmentStatus status) {
  public static final int MAX_ID = Keys.MAX_EXTERNAL_ID, MAX_TYPE = 100;

  /** Staff's body; {@code creating}: customerId and startsAt are required. */
  public static AppointmentInput staff(JsonNode json, ZoneId zone, boolean creating) {
    return parse(json, zone, creating, "customerId");
  }

  /** The DMS's body (a full replacement: customerReference and startsAt are required). */
  public static AppointmentInput dms(JsonNode json, ZoneId zone) {
    return parse(json, zone, true, "customerReference");
  }

  /** {@code json} is an object of the schema's fields only: the request was checked against it (decision 55). */
  private static AppointmentInput parse(JsonNode json, ZoneId zone, boolean required, String customerField) {
    String customer = id(json, customerField, required);
    String starts = text(json, "startsAt", 40, required);
    String type = text(json, "type", MAX_TYPE, false);
    String advisor = json.has("advisorId") && json.get("advisorId").isNull() ? "" : id(json, "advisorId", false);
    String status = text(json, "status", 20, false);
    AppointmentStatus parsedStatus = null;
    if (status != null) {
      parsedStatus = AppointmentStatus.of(status).filter(s -> s != AppointmentStatus.REPLIED).orElseThrow(() ->
          ApiError.invalid("status", "The status must be one of scheduled, confirmed, cancelled, not_confirmed, completed."));
    }
    return new AppointmentInput("customerId".equals(customerField) ? customer : null,
        "customerReference".equals(customerField) ? customer : null, starts == null ? null : instant(starts, zone), type,
        advisor, parsedStatus);
  }

  /** "2026-12-07T09:00:00-05:00", "...Z", or a local "2026-12-07T09:00" in the company's zone. */
  public static Instant instant(String text, ZoneId zone) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw ApiError.invalid("startsAt", "startsAt must be an ISO-8601 date-time, such as 2026-12-07T09:00:00-05:00 "
            + "(or 2026-12-07T09:00, read in the company's time zone).");
      }
    }
  }

  private static String id(JsonNode json, String field, boolean required) {
    String value = text(json, field, MAX_ID, required);
    if (value != null && !Keys.isExternalId(value)) {
      throw ApiError.invalid(field, field + " must be an id of at most " + MAX_ID
          + " letters, digits and . _ : @ / - characters.");
    }
    return value;
  }

  private static String text(JsonNode json, String field, int max, boolean required) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw ApiError.invalid(field, "The field '" + field + "' is required.");
      }
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw ApiError.invalid(field, "The field '" + field + "' must be non-empty text.");
    }
    if (node.asText().length() > max) {
      throw ApiError.invalid(field, "The field '" + field + "' is longer than " + max + " characters.");
    }
    return node.asText().strip();
  }
}
