package com.textinbox.shared.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads a function's configuration from its environment, as template.yaml sets it.
 *
 * <p>On Lambda the source is the process environment. The local cloud runs every function in
 * its own class loader inside one JVM, so it hands each one the environment the template gives
 * that function through {@link #use(Map)}; the code that reads it is the same.
 *
 * <p>It also notes the names read, so the test that checks template.yaml can tell a variable the
 * template sets but no code reads ({@link #readNames()}). Reads happen at cold start, a handful of
 * times, so one concurrent set add per read costs nothing that matters.
 */
public final class Env {
  /** Where values come from and the names read from it, swapped together by {@link #use(Map)}. */
  private record Source(Function<String, String> values, Set<String> read) {
    String get(String name) {
      read.add(name);
      return values.apply(name);
    }
  }

  private static volatile Source source = new Source(System::getenv, ConcurrentHashMap.newKeySet());

  private Env() {}

  /**
   * Replaces the environment for this class loader (the local cloud and tests use it) and starts
   * a fresh record of the names read.
   */
  public static void use(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    source = new Source(copy::get, ConcurrentHashMap.newKeySet());
  }

  /**
   * The names read (set or not, through any method here) since the last {@link #use(Map)}, or
   * since start when it was never called.
   */
  public static Set<String> readNames() {
    return Set.copyOf(source.read());
  }

  /** The variable's value; a missing or blank one stops the function at start with its name. */
  public static String require(String name) {
    String value = source.get(name);
    if (value == null || value.isBlank()) {
      throw new MissingConfigurationException(name);
    }
    return value;
  }

  public static Optional<String> optional(String name) {
    String value = source.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  public static String optional(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  public static int optionalInt(String name, int fallback) {
    return optional(name).map(Integer::parseInt).orElse(fallback);
  }

  /** Thrown when template.yaml does not set a variable the code needs. */
  public static final class MissingConfigurationException extends IllegalStateException {
    private final String variable;

    public MissingConfigurationException(String variable) {
      super("environment variable " + variable + " is not set (template.yaml must set it)");
      this.variable = variable;
    }

    public String variable() {
      return variable;
    }
  }
}
