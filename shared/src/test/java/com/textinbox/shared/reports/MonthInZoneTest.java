package com.textinbox.shared.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Month boundaries in a company's time zone (N4). */
class MonthInZoneTest {
  private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void anInstantBelongsToTheMonthOfTheZone() {
    Instant turn = Instant.parse("2026-12-01T03:30:00Z");
    assertEquals(YearMonth.of(2026, 11), MonthInZone.of(turn, TORONTO));
    assertEquals(YearMonth.of(2026, 12), MonthInZone.of(turn, PARIS));
  }

  @Test
  void aMonthStartsAtMidnightInTheZoneDaylightSavingIncluded() {
    assertEquals(Instant.parse("2026-12-01T05:00:00Z"), MonthInZone.start(YearMonth.of(2026, 12), TORONTO));
    assertEquals(Instant.parse("2026-07-01T04:00:00Z"), MonthInZone.start(YearMonth.of(2026, 7), TORONTO));
    assertEquals(Instant.parse("2026-11-30T23:00:00Z"), MonthInZone.start(YearMonth.of(2026, 12), PARIS));
  }

  @Test
  void theZoneMattersOnlyNearAMonthsTurn() {
    assertEquals(Optional.of(YearMonth.of(2026, 11)), MonthInZone.inEveryZone(Instant.parse("2026-11-15T12:00:00Z")));
    assertEquals(Optional.of(YearMonth.of(2026, 11)), MonthInZone.inEveryZone(Instant.parse("2026-11-01T12:00:00Z")));
    assertEquals(Optional.empty(), MonthInZone.inEveryZone(Instant.parse("2026-11-01T11:59:00Z")), "still October at -12:00");
    assertEquals(Optional.empty(), MonthInZone.inEveryZone(Instant.parse("2026-11-30T10:00:00Z")), "December at +14:00");
    assertEquals(Optional.of(YearMonth.of(2026, 11)), MonthInZone.inEveryZone(Instant.parse("2026-11-30T09:59:00Z")));
  }
}
