package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The send rate's rules (decision 61), no emulator. */
class SendRateTest {
  @Test
  void theIntervalIsTheTimeBetweenTwoTextsOfANumber() {
    assertEquals(1000, SendRate.of("1").intervalMillis());
    assertEquals(334, SendRate.of("3").intervalMillis(), "rounded up: never faster than the setting");
    assertEquals(2000, SendRate.of("0.5").intervalMillis());
    assertEquals(100, SendRate.of(" 10 ").intervalMillis());
  }

  @Test
  void aSettingThatIsNoRateStopsTheStartWithASentence() {
    for (String bad : new String[] {"0", "-1", "abc", "", "NaN", "1001"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SendRate.of(bad), bad);
      assertTrue(e.getMessage().contains("send rate"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> SendRate.of(null));
  }

  @Test
  void aPlaceWithinASecondIsWaitedForAFurtherOneComesBackLater() {
    assertEquals(new SendRate.Turn.Now(0), SendRate.turn(1_000, 5_000), "a place in the past: now");
    assertEquals(new SendRate.Turn.Now(0), SendRate.turn(5_000, 5_000));
    assertEquals(new SendRate.Turn.Now(1_000), SendRate.turn(6_000, 5_000));
    assertEquals(new SendRate.Turn.Later(2), SendRate.turn(6_001, 5_000), "rounded up: never back before its place");
    assertEquals(new SendRate.Turn.Later(2), SendRate.turn(7_000, 5_000));
    assertEquals(new SendRate.Turn.Later(900), SendRate.turn(5_000 + 3_600_000, 5_000), "SQS's longest delay, then put back again");
  }

  @Test
  void anInvocationSleepsAtMostFiveSecondsForPlacesAllItsTextsTogether() {
    assertEquals(new SendRate.Turn.Now(1_000), SendRate.turn(6_000, 5_000, 4_000));
    assertEquals(new SendRate.Turn.Later(1), SendRate.turn(6_000, 5_000, 4_001), "over the budget: back later");
    assertEquals(new SendRate.Turn.Now(0), SendRate.turn(5_000, 5_000, 60_000), "a place now costs no wait");
  }

  @Test
  void aPlaceIsHeldUntilTwoSecondsPastItsTime() {
    assertTrue(SendRate.stillHeld(10_000, 9_000), "early");
    assertTrue(SendRate.stillHeld(10_000, 12_000));
    assertFalse(SendRate.stillHeld(10_000, 12_001), "too late: a new place, no catch-up burst");
  }

  @Test
  void aThrottledTextWaitsLongerEachTimeUpToAMinute() {
    assertEquals(1, SendRate.throttledDelaySeconds(0, 0));
    assertEquals(2, SendRate.throttledDelaySeconds(0, 1), "with jitter");
    assertEquals(2, SendRate.throttledDelaySeconds(1, 0));
    assertEquals(32, SendRate.throttledDelaySeconds(5, 0));
    assertEquals(60, SendRate.throttledDelaySeconds(6, 0));
    assertEquals(61, SendRate.throttledDelaySeconds(40, 1));
  }
}
