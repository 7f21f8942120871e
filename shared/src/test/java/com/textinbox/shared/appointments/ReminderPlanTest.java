package com.textinbox.shared.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.textinbox.shared.data.Keys;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReminderPlanTest {
  private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
  private static final ReminderSettings ON = new ReminderSettings(true, 24,
      new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)), null, null, null);
  /** 9:00 in Toronto on Monday 7 December 2026. */
  private static final Instant NINE_AM = Instant.parse("2026-12-07T14:00:00Z");

  private static Appointment at(Instant start, AppointmentStatus status) {
    String t = Keys.time(start);
    return new Appointment("appt-1", "cust-1", t, "oil change", null, status, null, ReminderState.PENDING,
        Keys.time(ON.remindAt(start)), null, null, null, null, null, t, t);
  }

  @Test
  void dueTimeIsTheLeadBeforeTheAppointment() {
    assertEquals(Instant.parse("2026-12-06T14:00:00Z"), ON.remindAt(NINE_AM));
    assertEquals(new Appointment.Due(Appointment.Due.Kind.REMINDER, "2026-12-06T14:00:00.000Z"),
        at(NINE_AM, AppointmentStatus.SCHEDULED).due().orElseThrow());
  }

  @Test
  void dueAndOutsideQuietHoursItIsSent() {
    assertInstanceOf(ReminderPlan.Send.class,
        ReminderPlan.decide(at(NINE_AM, AppointmentStatus.SCHEDULED), ON, true, ON.remindAt(NINE_AM), TORONTO));
  }

  @Test
  void inQuietHoursItWaitsForTheirEnd() {
    Instant elevenPm = Instant.parse("2026-12-07T04:00:00Z");   // 23:00 on the 6th in Toronto
    ReminderPlan plan = ReminderPlan.decide(at(NINE_AM, AppointmentStatus.SCHEDULED), ON, true, elevenPm, TORONTO);
    assertEquals(new ReminderPlan.Defer(Instant.parse("2026-12-07T13:00:00Z")), plan);
  }

  @Test
  void quietHoursThatLastUntilTheAppointmentSkipIt() {
    Instant earlyAppointment = Instant.parse("2026-12-07T12:30:00Z");   // 07:30 local
    ReminderPlan plan = ReminderPlan.decide(at(earlyAppointment, AppointmentStatus.SCHEDULED), ON, true,
        Instant.parse("2026-12-07T04:00:00Z"), TORONTO);
    assertInstanceOf(ReminderPlan.Skip.class, plan);
  }

  @Test
  void aShorterLeadSinceDefersToTheNewDueTime() {
    ReminderSettings twoHours = new ReminderSettings(true, 2, null, null, null, null);
    assertEquals(new ReminderPlan.Defer(Instant.parse("2026-12-07T12:00:00Z")),
        ReminderPlan.decide(at(NINE_AM, AppointmentStatus.SCHEDULED), twoHours, true, ON.remindAt(NINE_AM), TORONTO));
  }

  @Test
  void neverForACancelledAppointmentAnUnsubscribedCustomerTheAutomationOffOrTooLate() {
    Instant due = ON.remindAt(NINE_AM);
    assertInstanceOf(ReminderPlan.Skip.class, ReminderPlan.decide(at(NINE_AM, AppointmentStatus.CANCELLED), ON, true, due, TORONTO));
    assertInstanceOf(ReminderPlan.Skip.class, ReminderPlan.decide(at(NINE_AM, AppointmentStatus.SCHEDULED), ON, false, due, TORONTO));
    assertInstanceOf(ReminderPlan.Skip.class, ReminderPlan.decide(at(NINE_AM, AppointmentStatus.SCHEDULED),
        new ReminderSettings(false, 24, null, null, null, null), true, due, TORONTO));
    assertInstanceOf(ReminderPlan.Skip.class, ReminderPlan.decide(at(NINE_AM, AppointmentStatus.SCHEDULED), ON, true,
        NINE_AM.plusSeconds(60), TORONTO));
  }

  @Test
  void afterTheReminderTheDueEntryIsTheAppointmentsTimeUntilAnswered() {
    Appointment reminded = at(NINE_AM, AppointmentStatus.SCHEDULED).reminded("conv-1", "msg-1", "2026-12-06T14:00:00.000Z");
    assertEquals(new Appointment.Due(Appointment.Due.Kind.EXPIRY, reminded.startsAt()), reminded.due().orElseThrow());
    assertEquals(java.util.Optional.empty(), reminded.withStatus(AppointmentStatus.CONFIRMED, "x").due());
    assertEquals(Appointment.Due.Kind.EXPIRY, reminded.withStatus(AppointmentStatus.REPLIED, "x").due().orElseThrow().kind());
  }

  @Test
  void movingAPendingReminderReKeysItAndAReminderSentIsNotSentAgain() {
    Appointment pending = at(NINE_AM, AppointmentStatus.SCHEDULED);
    Instant later = NINE_AM.plusSeconds(86_400);
    Appointment moved = pending.edited("cust-1", Keys.time(later), "oil change", null, AppointmentStatus.SCHEDULED,
        Keys.time(ON.remindAt(later)), "now");
    assertEquals(Keys.time(ON.remindAt(later)), moved.due().orElseThrow().at());
    Appointment sentThenMoved = pending.reminded("conv-1", "msg-1", "t").edited("cust-1", Keys.time(later), "oil change",
        null, AppointmentStatus.SCHEDULED, Keys.time(ON.remindAt(later)), "now");
    assertEquals(Appointment.Due.Kind.EXPIRY, sentThenMoved.due().orElseThrow().kind());
  }

  @Test
  void theReminderTextIsInTheCustomersLanguageAndZone() {
    assertEquals("Hi Marie, this is Maple Motors: a reminder of your oil change appointment on Monday, December 7 at "
        + "9:00 AM. Reply YES to confirm or NO to cancel.",
        ReminderText.render(null, "Marie", "en", NINE_AM, TORONTO, "oil change", "Maple Motors"));
    assertEquals("Bonjour Marie, ici Maple Motors : rappel de votre rendez-vous (vidange) le lundi 7 décembre à 9h00. "
        + "Répondez OUI pour confirmer ou NON pour annuler.",
        ReminderText.render(null, "Marie", "fr", NINE_AM, TORONTO, "vidange", "Maple Motors"));
    assertEquals("See you 9:00 AM", ReminderText.render("See you {{time}}", null, null, NINE_AM, TORONTO, null, null));
  }
}
