package com.textinbox.appointments;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.appointments.Appointment;
import com.textinbox.shared.appointments.AppointmentBook;
import com.textinbox.shared.appointments.AppointmentDays;
import com.textinbox.shared.appointments.AppointmentInput;
import com.textinbox.shared.appointments.AppointmentView;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.users.store.AccountCache;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /appointments} (AP1): create, read, edit, delete, and a day's list in the company's zone
 * ({@code ?date=2026-12-07}: one Query of a key range of GSI1, then one BatchGetItem of the
 * customers for their names and conversations).
 */
record BookRoutes(AppointmentBook book, AccountCache accounts) {

  ApiResponse create(ApiRequest request) {
    String accountId = request.caller().accountId();
    ZoneId zone = zone(accountId);
    Appointment created = book.create(accountId, zone, AppointmentInput.staff(request.json(), zone, true));
    return ApiResponse.created(view(accountId, created));
  }

  ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(view(request.caller().accountId(), found(request)));
  }

  ApiResponse patch(ApiRequest request) {
    String accountId = request.caller().accountId();
    Appointment before = found(request);   // first: another company's id is a 404 whatever the body
    ZoneId zone = zone(accountId);
    AppointmentInput input = AppointmentInput.staff(request.json(), zone, false);
    return ApiResponse.ok(view(accountId, book.edit(accountId, zone, before, input)));
  }

  ApiResponse delete(ApiRequest request) {
    if (!book.appointments().delete(request.caller().accountId(), appointmentId(request))) {
      throw ApiError.notFound("The appointment");
    }
    return ApiResponse.noContent();
  }

  ApiResponse day(ApiRequest request) {
    String accountId = request.caller().accountId();
    String date = request.query("date");
    if (date == null) {
      throw ApiError.invalid("date", "Give the day: ?date=2026-12-07 (in the company's time zone).");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("date", "date must be a day such as 2026-12-07.");
    }
    ZoneId zone = zone(accountId);
    List<Appointment> appointments = book.appointments().day(accountId, AppointmentDays.of(day, zone));
    BatchRead batch = BatchRead.of(book.appointments().table());
    Map<String, BatchRead.Slot<CustomerProfile>> customers = new LinkedHashMap<>();
    appointments.forEach(a -> customers.computeIfAbsent(a.customerId(), id -> book.customers().find(batch, accountId, id)));
    if (!customers.isEmpty()) {
      batch.run();
    }
    List<Map<String, Object>> items = new ArrayList<>();
    appointments.forEach(a -> items.add(AppointmentView.of(a, customers.get(a.customerId()).get())));
    return ApiResponse.ok(Map.of("date", day.toString(), "timeZone", zone.getId(), "items", items));
  }

  private Appointment found(ApiRequest request) {
    return book.appointments().find(request.caller().accountId(), appointmentId(request))
        .orElseThrow(() -> ApiError.notFound("The appointment"));
  }

  private static String appointmentId(ApiRequest request) {
    String id = request.pathParameter("appointmentId");
    if (id == null || id.length() > AppointmentInput.MAX_ID) {
      throw ApiError.notFound("The appointment");
    }
    return id;
  }

  private Map<String, Object> view(String accountId, Appointment appointment) {
    return AppointmentView.of(appointment, book.customers().find(accountId, appointment.customerId()).orElse(null));
  }

  private ZoneId zone(String accountId) {
    var account = accounts.get(accountId);
    return com.textinbox.shared.users.Account.zoneOf(account);
  }
}
