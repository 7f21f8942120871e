package com.textinbox.shared.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.api.ApiError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AppointmentDaysTest {
  private static final ZoneId TORONTO = ZoneId.of("America/Toronto");

  @Test
  void aDayIsTheCompanysDayNotUtcs() {
    AppointmentDays day = AppointmentDays.of(LocalDate.parse("2026-12-07"), TORONTO);
    assertEquals(Instant.parse("2026-12-07T05:00:00Z"), day.start());
    assertEquals(Instant.parse("2026-12-08T05:00:00Z"), day.end());
    assertTrue(day.contains(Instant.parse("2026-12-08T04:30:00Z")), "23:30 local is still the 7th");
    assertFalse(day.contains(Instant.parse("2026-12-07T04:30:00Z")), "23:30 local on the 6th");
  }

  @Test
  void daylightSavingDaysHave23Or25Hours() {
    assertEquals(Duration.ofHours(23), span(AppointmentDays.of(LocalDate.parse("2026-03-08"), TORONTO)));
    assertEquals(Duration.ofHours(25), span(AppointmentDays.of(LocalDate.parse("2026-11-01"), TORONTO)));
  }

  @Test
  void aTimeWithoutOffsetIsReadInTheCompanysZone() {
    assertEquals(Instant.parse("2026-12-07T14:00:00Z"), AppointmentInput.instant("2026-12-07T09:00", TORONTO));
    assertEquals(Instant.parse("2026-12-07T09:00:00Z"), AppointmentInput.instant("2026-12-07T09:00:00Z", TORONTO));
    ApiError bad = org.junit.jupiter.api.Assertions.assertThrows(ApiError.class,
        () -> AppointmentInput.instant("tomorrow", TORONTO));
    assertEquals("startsAt", bad.field());
  }

  private static Duration span(AppointmentDays day) {
    return Duration.between(day.start(), day.end());
  }
}
