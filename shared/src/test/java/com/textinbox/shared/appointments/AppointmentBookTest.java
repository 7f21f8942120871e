package com.textinbox.shared.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DMS's appointment pushes (AP1) against DynamoDB Local when another write gets in between
 * the read and the conditional write: the store says the condition failed, the book reads again.
 */
class AppointmentBookTest {
  private static final String ACCOUNT = "acct-maple-motors";
  private static final ZoneId ZONE = ZoneId.of("America/Toronto");
  private static final Instant NOW = Instant.parse("2026-12-05T15:00:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoTable table;
  private static AppointmentStore appointments;

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("inbox");
    table = new DynamoTable(local.client(), "inbox");
    appointments = new AppointmentStore(table);
    new CustomerStore(table).create(ACCOUNT, new CustomerProfile("cust-john", "John", "Smith", null, "+15145550112", "en",
        "DMS-42", true, null, null, null, null, null, null, null));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  /**
   * A clock that, while {@code meddles} is above zero, has another writer change the appointment
   * each time the book asks the time (after its read, before its write), as a reminder run would.
   */
  private static final class MeddlingClock extends Clock {
    final AtomicInteger meddles = new AtomicInteger();
    final AtomicInteger ticks = new AtomicInteger();
    String appointmentId;

    @Override
    public Instant instant() {
      Instant now = NOW.plusMillis(ticks.incrementAndGet());
      if (appointmentId != null && meddles.getAndDecrement() > 0) {
        Appointment current = appointments.find(ACCOUNT, appointmentId).orElseThrow();
        appointments.save(ACCOUNT, ZONE, current, current.reminderMoved(null, Keys.time(now.plusMillis(500))), now);
      }
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static AppointmentInput push(String type) {
    return AppointmentInput.dms(Json.read("{\"customerReference\": \"DMS-42\", \"startsAt\": \"2026-12-07T09:00:00-05:00\","
        + " \"type\": \"" + type + "\"}"), ZONE);
  }

  @Test
  void aPushThatLosesToAnotherWriteReadsAgainAndWins() {
    MeddlingClock clock = new MeddlingClock();
    AppointmentBook book = AppointmentBook.on(table, clock);
    AppointmentBook.Written first = book.putByReference(ACCOUNT, ZONE, "RO-1", push("service"));
    assertTrue(first.created());

    clock.appointmentId = first.appointment().appointmentId();
    clock.meddles.set(1);
    AppointmentBook.Written again = book.putByReference(ACCOUNT, ZONE, "RO-1", push("tires"));
    assertFalse(again.created());
    Appointment stored = appointments.find(ACCOUNT, first.appointment().appointmentId()).orElseThrow();
    assertEquals("tires", stored.type());
    assertEquals(ReminderState.SKIPPED, stored.reminder(), "the other write is kept: the push was made over what it wrote");
  }

  @Test
  void aPushThatKeepsLosingIsA409ToRetry() {
    MeddlingClock clock = new MeddlingClock();
    AppointmentBook book = AppointmentBook.on(table, clock);
    String id = book.putByReference(ACCOUNT, ZONE, "RO-2", push("service")).appointment().appointmentId();
    clock.appointmentId = id;
    clock.meddles.set(Integer.MAX_VALUE);
    ApiError conflict = assertThrows(ApiError.class, () -> book.putByReference(ACCOUNT, ZONE, "RO-2", push("tires")));
    assertEquals(409, conflict.status());
    assertEquals("service", appointments.find(ACCOUNT, id).orElseThrow().type());
  }

  @Test
  void theStoreSaysWhenAnAppointmentExistsOrChanged() {
    AppointmentBook book = AppointmentBook.on(table, Clock.fixed(NOW, ZoneOffset.UTC));
    Appointment made = book.putByReference(ACCOUNT, ZONE, "RO-3", push("service")).appointment();
    assertFalse(appointments.create(ACCOUNT, made), "its id is taken");
    Appointment stale = made.reminderMoved(null, "2026-12-05T15:00:01.000Z");
    assertTrue(appointments.saveIfUnchanged(ACCOUNT, ZONE, made, stale, NOW));
    assertFalse(appointments.saveIfUnchanged(ACCOUNT, ZONE, made, made.reminderMoved(null, "2026-12-05T15:00:02.000Z"), NOW),
        "read before the other write");
  }
}
