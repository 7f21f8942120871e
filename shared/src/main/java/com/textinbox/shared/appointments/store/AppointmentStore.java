package com.textinbox.shared.appointments.store;

import com.textinbox.shared.appointments.Appointment;
import com.textinbox.shared.appointments.AppointmentDays;
import com.textinbox.shared.appointments.ReminderSettings;
import com.textinbox.shared.customers.PhoneGuard;
import com.textinbox.shared.customers.store.CustomerMapper;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.reports.MonthlyCounter;
import com.textinbox.shared.reports.store.CounterStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Appointments (AP1, AP2): every change is "read, change the record, put it if {@code updatedAt}
 * is still what was read" ({@link #saveWrites}), so the index keys (the day list, the customer's
 * list, the one due entry) always follow the record, and a status that moves into confirmed,
 * cancelled or not confirmed is counted in the same transaction (the monthly counters: exact
 * under redelivery, since a redelivery's condition fails).
 */
public record AppointmentStore(DynamoTable table, CounterStore counters) {

  public AppointmentStore(DynamoTable table) {
    this(table, new CounterStore(table));
  }

  /** An appointment that came due, with the company it belongs to. */
  public record DueAppointment(String accountId, Appointment appointment) {}

  /**
   * A mobile's guard with the end of its reply window ({@code null}: no reminded appointment
   * pending) and the conversation its last text was filed in (a hint, null: none noted).
   */
  public record GuardRead(PhoneGuard guard, String replyWindowUntil, String conversationHint) {}

  public Optional<Appointment> find(String accountId, String appointmentId) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.appointment(accountId, appointmentId), Keys.APPOINTMENT_SK);
    return AppointmentMapper.isAppointment(item) ? Optional.of(AppointmentMapper.fromItem(item)) : Optional.empty();
  }

  /** A new appointment (fails its condition if the id exists: a DMS push racing another). */
  public Write createWrite(String accountId, Appointment appointment) {
    return table.putIfAbsentWrite(AppointmentMapper.toItem(accountId, appointment));
  }

  /** Creates the appointment; false when its id exists already (another push of the same reference won). */
  public boolean create(String accountId, Appointment appointment) {
    try {
      table.transact(createWrite(accountId, appointment));
      return true;
    } catch (TransactionCancelled exists) {
      return false;
    }
  }

  /** {@link #save}, false when the appointment changed since {@code before} was read (nothing written). */
  public boolean saveIfUnchanged(String accountId, ZoneId zone, Appointment before, Appointment after, Instant at) {
    try {
      save(accountId, zone, before, after, at);
      return true;
    } catch (TransactionCancelled changed) {
      return false;
    }
  }

  /**
   * {@code after} replacing {@code before} if unchanged since read (and, for a due entry the
   * caller acts on, still that entry), with the counter of a status it moves into.
   */
  public List<Write> saveWrites(String accountId, ZoneId zone, Appointment before, Appointment after, Instant at) {
    List<Write> writes = new ArrayList<>();
    writes.add(replaceWrite(accountId, before, after));
    counted(before, after).ifPresent(counter -> writes.add(counters.add(accountId, zone, at, counter)));
    return writes;
  }

  public void save(String accountId, ZoneId zone, Appointment before, Appointment after, Instant at) {
    table.transact(saveWrites(accountId, zone, before, after, at));
  }

  /**
   * {@code after} replacing {@code before} if unchanged since read, without its counter: for a
   * transaction that counts other things in the same month's item too (one transaction writes an
   * item once), which then adds {@link #counted} to its own counter write.
   */
  public Write replaceWrite(String accountId, Appointment before, Appointment after) {
    return new Write(TransactWriteItem.builder().put(Put.builder().tableName(table.name())
        .item(AppointmentMapper.toItem(accountId, after))
        .conditionExpression(AppointmentMapper.UPDATED_AT + " = :seen")
        .expressionAttributeValues(Map.of(":seen", AttributeValue.fromS(before.updatedAt())))
        .build()).build());
  }

  /** The counter a status change moves (AP2 outcomes, and the time passing unconfirmed). */
  public static Optional<MonthlyCounter> counted(Appointment before, Appointment after) {
    if (before != null && before.status() == after.status()) {
      return Optional.empty();
    }
    return switch (after.status()) {
      case CONFIRMED -> Optional.of(MonthlyCounter.APPOINTMENTS_CONFIRMED);
      case CANCELLED -> Optional.of(MonthlyCounter.APPOINTMENTS_CANCELLED);
      case NOT_CONFIRMED -> Optional.of(MonthlyCounter.APPOINTMENTS_NOT_CONFIRMED);
      default -> Optional.empty();
    };
  }

  public boolean delete(String accountId, String appointmentId) {
    return table.deleteIfExists(Keys.appointment(accountId, appointmentId), Keys.APPOINTMENT_SK);
  }

  /** The company's appointments of one day in its zone, by time: one Query of a key range (GSI1). */
  public List<Appointment> day(String accountId, AppointmentDays day) {
    return table.queryAll(Query.gsi(1, Keys.appointmentsOf(accountId)).between(Keys.time(day.start()), Keys.time(day.end())))
        .stream().map(AppointmentMapper::fromItem).toList();
  }

  /** A customer's appointments from {@code from} on, nearest first (GSI2). */
  public List<Appointment> ofCustomer(String accountId, String customerId, Instant from) {
    return table.queryAll(Query.gsi(2, Keys.appointmentsOfCustomer(accountId, customerId)).atLeast(Keys.time(from)))
        .stream().map(AppointmentMapper::fromItem).toList();
  }

  /** Appointments whose reminder or time has come, every company (GSI4 {@code DUE#APPOINTMENTS}): only what is due. */
  public List<DueAppointment> due(Instant now) {
    return table.queryAll(Query.gsi(4, Keys.APPOINTMENTS_DUE).atMost(Keys.time(now) + "#~")).stream()
        .map(item -> new DueAppointment(AppointmentMapper.accountOfDue(item), AppointmentMapper.fromItem(item)))
        .toList();
  }

  // ---- the company's automation settings

  public ReminderSettings settings(String accountId) {
    return AppointmentMapper.settingsOf(table.get(Keys.account(accountId), Keys.APPOINTMENT_REMINDERS_SK));
  }

  public void putSettings(String accountId, ReminderSettings settings) {
    table.put(AppointmentMapper.settingsItem(accountId, settings));
  }

  // ---- the customer side: who the appointment is for, and whether a reply of theirs may answer one

  /**
   * Who has this mobile (the {@code PHONE} guard, as {@code CustomerStore.phoneGuard} reads it: the
   * same GetItem), with the end of their reply window: inbound SMS reads it instead, so that only
   * a customer with a reminded appointment pending costs a text the query of their appointments.
   */
  public Optional<GuardRead> phoneGuard(String accountId, String e164) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.customerPhone(accountId, e164), Keys.PHONE_SK);
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new GuardRead(CustomerMapper.phoneGuard(accountId, item),
        ItemReader.of(item).str(AppointmentMapper.REPLY_WINDOW), CustomerMapper.conversationHint(item)));
  }

  /**
   * Widens the reply window on the customer's mobile guard to {@code until} (the reminded
   * appointment's time; never narrowed: {@code current} is what was read). It is on the guard, not
   * the profile, because the reminder's own transaction may already update the profile (the STOP
   * notice of a first message), and one transaction writes an item once.
   */
  public Write replyWindowWrite(String accountId, String e164, String current, String until) {
    String widened = current != null && current.compareTo(until) > 0 ? current : until;
    return ItemUpdate.of().set(AppointmentMapper.REPLY_WINDOW, widened)
        .condition("attribute_exists(PK)")
        .write(table, Keys.customerPhone(accountId, e164), Keys.PHONE_SK);
  }
}
