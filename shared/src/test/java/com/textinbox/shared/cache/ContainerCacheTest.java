package com.textinbox.shared.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.testing.MovingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ContainerCacheTest {
  private final MovingClock clock = new MovingClock(Instant.parse("2026-12-05T15:00:00Z"));
  private final List<String> loads = new ArrayList<>();

  private Function<String, String> loader(String value) {
    return key -> {
      loads.add(key);
      return value;
    };
  }

  @Test
  void aValueIsLoadedOnceThenServedUntilItsTimeToLiveIsOver() {
    ContainerCache<String, String> cache = new ContainerCache<>(Duration.ofSeconds(60), clock);
    assertEquals("acct-maple", cache.get("+15145550100", loader("acct-maple")));
    clock.advance(Duration.ofSeconds(59));
    assertEquals("acct-maple", cache.get("+15145550100", loader("acct-other")), "still fresh: the table is not read");
    assertEquals(List.of("+15145550100"), loads);
    clock.advance(Duration.ofSeconds(1));
    assertEquals("acct-other", cache.get("+15145550100", loader("acct-other")), "60 s after it was loaded: read again");
    assertEquals(2, loads.size());
    clock.advance(Duration.ofSeconds(30));
    assertEquals("acct-other", cache.get("+15145550100", loader("acct-third")), "the new value's minute started at its load");
  }

  @Test
  void anAbsentValueIsNeverKept() {
    ContainerCache<String, String> cache = ContainerCache.of(clock);
    assertNull(cache.get("+15145550199", loader(null)));
    assertEquals("acct-new", cache.get("+15145550199", loader("acct-new")), "a number registered a moment later is seen at once");
    assertEquals(2, loads.size());
    assertEquals(1, cache.size());
  }

  @Test
  void keysAreKeptApartAndForgettingOneReloadsOnlyIt() {
    ContainerCache<String, String> cache = ContainerCache.of(clock);
    cache.get("a", loader("1"));
    cache.get("b", loader("2"));
    cache.forget("a");
    assertEquals("3", cache.get("a", loader("3")));
    assertEquals("2", cache.get("b", loader("4")));
    assertEquals(List.of("a", "b", "a"), loads);
  }

  @Test
  void aZeroTimeToLiveReadsEveryTimeAndANegativeOneIsRefused() {
    ContainerCache<String, String> cache = new ContainerCache<>(Duration.ZERO, clock);
    cache.get("a", loader("1"));
    cache.get("a", loader("1"));
    assertEquals(2, loads.size());
    assertThrows(IllegalArgumentException.class, () -> new ContainerCache<String, String>(Duration.ofSeconds(-1), clock));
  }

  @Test
  void pastItsBoundTheCacheStartsAgainRatherThanGrowing() {
    ContainerCache<Integer, String> cache = ContainerCache.of(clock);
    for (int i = 0; i < ContainerCache.MAX_ENTRIES; i++) {
      cache.get(i, key -> "v");
    }
    assertEquals(ContainerCache.MAX_ENTRIES, cache.size());
    cache.get(-1, key -> "v");
    assertEquals(1, cache.size());
    cache.get(-1, key -> "w");
    assertEquals(1, cache.size(), "a key kept already does not empty it");
  }
}
