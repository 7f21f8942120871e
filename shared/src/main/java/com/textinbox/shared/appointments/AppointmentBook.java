package com.textinbox.shared.appointments;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.UserStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Writing appointments (AP1), for staff ({@code AppointmentsApi}) and the DMS
 * ({@code IntegrationApi}) alike: the customer and the advisor checked (404 naming the field), a
 * new time in the future (400), the reminder due {@code leadHours} before (the settings as they
 * are now: a run re-checks them, {@link ReminderPlan}), and the change conditional on what was read.
 */
public record AppointmentBook(AppointmentStore appointments, CustomerStore customers, UserStore users, Clock clock) {
  /** A DMS push that keeps losing to other writes of the same appointment gives up (a 409 it may retry). */
  private static final int ATTEMPTS = 3;

  public static AppointmentBook on(DynamoTable table, Clock clock) {
    return new AppointmentBook(new AppointmentStore(table), new CustomerStore(table), new UserStore(table), clock);
  }

  /** What a write did: the appointment as stored, and whether it was created. */
  public record Written(Appointment appointment, boolean created) {}

  public Appointment create(String accountId, ZoneId zone, AppointmentInput input) {
    return insert(accountId, zone, "appt-" + UUID.randomUUID(), input.customerId(), null, input)
        .orElseThrow(AppointmentBook::writtenMeanwhile);
  }

  /** Staff's PATCH of {@code before} (as read: another company's id was a 404 before the body): 409 when it changed meanwhile. */
  public Appointment edit(String accountId, ZoneId zone, Appointment before, AppointmentInput input) {
    return update(accountId, zone, before, input.customerId() != null ? input.customerId() : before.customerId(), input)
        .orElseThrow(AppointmentBook::changedMeanwhile);
  }

  /**
   * The DMS's PUT by its reference: the appointment's id is derived from the reference (one
   * appointment per reference, whatever the number of pushes), created or replaced. A write that
   * lost to another (the store says so) reads again, up to {@link #ATTEMPTS} times, then is a 409.
   */
  public Written putByReference(String accountId, ZoneId zone, String reference, AppointmentInput input) {
    String customerId = customers.customerIdByReference(accountId, input.customerReference())
        .orElseThrow(() -> CustomerRules.unknownReference(input.customerReference()));
    String appointmentId = idForReference(accountId, reference);
    boolean existed = false;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      var existing = appointments.find(accountId, appointmentId);
      existed = existing.isPresent();
      Optional<Written> written = existed
          ? update(accountId, zone, existing.get(), customerId, input).map(a -> new Written(a, false))
          : insert(accountId, zone, appointmentId, customerId, reference, input).map(a -> new Written(a, true));
      if (written.isPresent()) {
        return written.get();
      }
    }
    throw existed ? changedMeanwhile() : writtenMeanwhile();
  }

  static String idForReference(String accountId, String reference) {
    return "appt-" + UUID.nameUUIDFromBytes(("dms|" + accountId + "|" + reference).getBytes(StandardCharsets.UTF_8));
  }

  /** The new appointment, or empty when its id was written meanwhile. */
  private Optional<Appointment> insert(String accountId, ZoneId zone, String appointmentId, String customerId, String reference,
      AppointmentInput input) {
    Instant now = clock.instant();
    requireFuture(input.startsAt(), now);
    requireCustomer(accountId, customerId);
    String advisor = advisor(accountId, input.advisorId(), null);
    String at = Keys.time(now);
    ReminderSettings settings = appointments.settings(accountId);
    AppointmentStatus status = input.status() != null ? input.status() : AppointmentStatus.SCHEDULED;
    Appointment created = new Appointment(appointmentId, customerId, Keys.time(input.startsAt()),
        input.type() != null ? input.type() : "service", advisor, status, reference, ReminderState.PENDING,
        Keys.time(settings.remindAt(input.startsAt())), null, null, null, null, at, at, at);
    return appointments.create(accountId, created) ? Optional.of(created) : Optional.empty();
  }

  /** {@code before} edited, or empty when it changed since read (nothing written). */
  private Optional<Appointment> update(String accountId, ZoneId zone, Appointment before, String customerId, AppointmentInput input) {
    Instant now = clock.instant();
    String startsAt = input.startsAt() != null ? Keys.time(input.startsAt()) : before.startsAt();
    if (!startsAt.equals(before.startsAt())) {
      requireFuture(input.startsAt(), now);
    }
    if (!customerId.equals(before.customerId())) {
      requireCustomer(accountId, customerId);
    }
    String advisor = advisor(accountId, input.advisorId(), before.advisorId());
    String remindAt = startsAt.equals(before.startsAt()) ? before.remindAt()
        : Keys.time(appointments.settings(accountId).remindAt(Instant.parse(startsAt)));
    String at = Keys.time(now);
    Appointment after = before.edited(customerId, startsAt, input.type() != null ? input.type() : before.type(), advisor,
        input.status() != null ? input.status() : before.status(), remindAt, at);
    if (after.equals(before.edited(before.customerId(), before.startsAt(), before.type(), before.advisorId(),
        before.status(), before.remindAt(), at))) {
      return Optional.of(before);   // nothing changed: nothing written (a DMS pushing the same appointment again)
    }
    return appointments.saveIfUnchanged(accountId, zone, before, after, now) ? Optional.of(after) : Optional.empty();
  }

  private static ApiError writtenMeanwhile() {
    return new ApiError(409, "conflict", "The appointment was written by another request at the same time; try again.", null);
  }

  private static ApiError changedMeanwhile() {
    return new ApiError(409, "changed", "The appointment changed meanwhile (a reminder, the customer's reply): read it again.", null);
  }

  private static void requireFuture(Instant startsAt, Instant now) {
    if (!startsAt.isAfter(now)) {
      throw ApiError.invalid("startsAt", "startsAt is in the past: an appointment is booked for a time to come.");
    }
  }

  private void requireCustomer(String accountId, String customerId) {
    if (customers.find(accountId, customerId).isEmpty()) {
      throw new ApiError(404, "not_found", "The customer '" + customerId + "' was not found.", "customerId");
    }
  }

  /** The advisor as given ("" removes it), checked to be a user of the company; else the current one. */
  private String advisor(String accountId, String given, String current) {
    if (given == null) {
      return current;
    }
    if (given.isEmpty()) {
      return null;
    }
    if (!Objects.equals(given, current) && users.get(accountId, given) == null) {
      throw new ApiError(404, "not_found", "The advisor '" + given + "' is not a user of the company.", "advisorId");
    }
    return given;
  }
}
