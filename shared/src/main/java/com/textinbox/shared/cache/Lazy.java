package com.textinbox.shared.cache;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value built on its first {@link #get()}, once, then kept (a container's SDK client a cold
 * start may not need: issue 15, docs/decisions.md 69). Safe to share between threads: the factory
 * runs at most once, and every caller sees the value it built. A factory that throws builds
 * nothing: the next {@code get()} tries again.
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<? extends T> factory;
  private volatile T value;

  private Lazy(Supplier<? extends T> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  public static <T> Lazy<T> of(Supplier<? extends T> factory) {
    return new Lazy<>(factory);
  }

  @Override
  public T get() {
    T current = value;
    if (current == null) {
      synchronized (this) {
        current = value;
        if (current == null) {
          current = Objects.requireNonNull(factory.get(), "a Lazy's factory built null");
          value = current;
        }
      }
    }
    return current;
  }

  /** Whether {@link #get()} has built the value (what the tests of a wiring assert). */
  public boolean built() {
    return value != null;
  }
}
