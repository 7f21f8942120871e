package com.textinbox.shared.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
  private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
  private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

  @Test
  void aNightWrapsPastMidnightFromInclusiveToExclusive() {
    assertTrue(NIGHT.contains(LocalTime.of(21, 0)));
    assertTrue(NIGHT.contains(LocalTime.of(23, 59)));
    assertTrue(NIGHT.contains(LocalTime.of(0, 0)));
    assertTrue(NIGHT.contains(LocalTime.of(7, 59)));
    assertFalse(NIGHT.contains(LocalTime.of(8, 0)));
    assertFalse(NIGHT.contains(LocalTime.of(20, 59)));
  }

  @Test
  void aDaytimeRangeDoesNotWrap() {
    QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
    assertTrue(lunch.contains(LocalTime.of(12, 30)));
    assertFalse(lunch.contains(LocalTime.of(13, 0)));
    assertFalse(lunch.contains(LocalTime.of(2, 0)));
    assertFalse(new QuietHours(LocalTime.NOON, LocalTime.NOON).contains(LocalTime.NOON), "an empty range is never quiet");
  }

  @Test
  void theEndIsTheNextMorningInTheCompanysZone() {
    // 22:30 in Toronto (EST, UTC-5) on Dec 6 -> 08:00 Dec 7 local = 13:00Z
    Instant lateEvening = Instant.parse("2026-12-07T03:30:00Z");
    assertTrue(NIGHT.contains(lateEvening, TORONTO));
    assertEquals(Instant.parse("2026-12-07T13:00:00Z"), NIGHT.endAfter(lateEvening, TORONTO));
    // 06:00 local, same morning
    assertEquals(Instant.parse("2026-12-07T13:00:00Z"), NIGHT.endAfter(Instant.parse("2026-12-07T11:00:00Z"), TORONTO));
  }

  @Test
  void theEndFollowsDaylightSavingTime() {
    // the night of 7 to 8 March 2026: clocks go forward at 02:00; 08:00 EDT is 12:00Z
    assertEquals(Instant.parse("2026-03-08T12:00:00Z"), NIGHT.endAfter(Instant.parse("2026-03-08T04:00:00Z"), TORONTO));
  }

  @Test
  void timesAreReadAsHoursAndMinutes() {
    assertEquals(LocalTime.of(21, 0), QuietHours.time("21:00").orElseThrow());
    assertTrue(QuietHours.time("9:00").isEmpty());
    assertTrue(QuietHours.time("25:00").isEmpty());
    assertTrue(QuietHours.time(null).isEmpty());
  }
}
