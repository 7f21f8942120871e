package com.textinbox.shared.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values kept for a while in a warm container (one Lambda instance; a handler holds its caches
 * in fields, so a cold start, and each test's new handler, starts empty): what a function reads
 * on every invocation but changes rarely, such as the company a number belongs to or an account's
 * number and name (docs/decisions.md 63, which says what may be cached and what never).
 *
 * <p>A value is loaded on the first read of its key, then served for {@link #ttl()} from when it
 * was loaded; a change in the table reaches a warm container at most that late. Absent values
 * (the loader's null) are never kept: a number or an account created a moment ago is seen at
 * once. {@link #forget} drops a key, for a container that writes the value itself. At most
 * {@link #MAX_ENTRIES} keys are kept; past that the cache empties and starts again (a container
 * serving more companies than that reads more, never wrong).
 */
public final class ContainerCache<K, V> {
  /** How long a value is served: see decision 63 for why a minute. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
  /** Enough for every company of a large deployment; an entry is a few hundred bytes. */
  static final int MAX_ENTRIES = 10_000;

  private record Entry<V>(V value, Instant loadedAt) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Duration ttl;
  private final Clock clock;

  /** @param clock the handler's clock (tests move it to expire entries) */
  public ContainerCache(Duration ttl, Clock clock) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("a cache's time to live cannot be negative: " + ttl);
    }
    this.ttl = ttl;
    this.clock = clock;
  }

  /** With {@link #DEFAULT_TTL}. */
  public static <K, V> ContainerCache<K, V> of(Clock clock) {
    return new ContainerCache<>(DEFAULT_TTL, clock);
  }

  public Duration ttl() {
    return ttl;
  }

  /**
   * The value of {@code key}: the one kept when loaded less than {@link #ttl()} ago, otherwise
   * {@code load}'s (kept unless null). Two concurrent first reads may both load: harmless.
   */
  public V get(K key, Function<K, V> load) {
    Instant now = clock.instant();
    Entry<V> kept = entries.get(key);
    if (kept != null && now.isBefore(kept.loadedAt().plus(ttl))) {
      return kept.value();
    }
    V value = load.apply(key);
    if (value == null) {
      entries.remove(key);
      return null;
    }
    if (entries.size() >= MAX_ENTRIES && !entries.containsKey(key)) {
      entries.clear();
    }
    entries.put(key, new Entry<>(value, now));
    return value;
  }

  /** Drops {@code key}: its next read loads it again (this container changed it). */
  public void forget(K key) {
    entries.remove(key);
  }

  /** How many keys are kept (tests). */
  int size() {
    return entries.size();
  }
}
