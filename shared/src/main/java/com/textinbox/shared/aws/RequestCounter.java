package com.textinbox.shared.aws;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the SDK requests made in this class loader, per service and operation, so the requests
 * an operation costs are measured, not asserted (docs/performance.md). {@link AwsClients} puts it
 * on every client it builds.
 *
 * <p>Keys are the SDK's service name (as in {@code DynamoDbClient}, {@code SqsClient}) and the
 * operation. Two figures per operation, under two keys:
 * <ul>
 *   <li>{@code DynamoDb.GetItem}: API calls, counted when the call starts, whatever its outcome
 *       (a put refused by its condition is still a request);
 *   <li>{@code DynamoDb.GetItem.attempts}: HTTP attempts, one each time the call is sent, so a
 *       retry shows as more attempts than calls.
 * </ul>
 *
 * <p>Cheap enough to stay on in production: two map lookups and an atomic increment per call and
 * per attempt, no allocation once an operation has been seen, no logging. The counts are global
 * to the class loader: {@link #during(Runnable)} measures what one thread did only while no other
 * thread makes requests (tests).
 */
public final class RequestCounter implements ExecutionInterceptor {
  /** The suffix of the key that counts HTTP attempts. */
  public static final String ATTEMPTS = ".attempts";

  /** The one instance: the counts are static, so every client shares them. */
  public static final RequestCounter INSTANCE = new RequestCounter();

  /** Per operation: calls and attempts. Entries are never removed, so increments are never lost. */
  private record Counts(AtomicInteger calls, AtomicInteger attempts) {}

  /** service -> operation -> counts; two levels so that counting builds no key string. */
  private static final ConcurrentMap<String, ConcurrentMap<String, Counts>> COUNTS = new ConcurrentHashMap<>();

  private RequestCounter() {}

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    counts(attributes).calls().incrementAndGet();
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    counts(attributes).attempts().incrementAndGet();
  }

  private static Counts counts(ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    ConcurrentMap<String, Counts> operations = COUNTS.get(service);
    if (operations == null) {
      operations = COUNTS.computeIfAbsent(service, s -> new ConcurrentHashMap<>());
    }
    Counts counts = operations.get(operation);
    if (counts == null) {
      counts = operations.computeIfAbsent(operation, o -> new Counts(new AtomicInteger(), new AtomicInteger()));
    }
    return counts;
  }

  /**
   * The counts so far, sorted by key ({@code DynamoDb.GetItem}, {@code DynamoDb.GetItem.attempts},
   * ...); counts of zero are left out. Immutable.
   */
  public static SortedMap<String, Integer> snapshot() {
    SortedMap<String, Integer> snapshot = new TreeMap<>();
    COUNTS.forEach((service, operations) -> operations.forEach((operation, counts) -> {
      String key = service + "." + operation;
      putIfNotZero(snapshot, key, counts.calls().get());
      putIfNotZero(snapshot, key + ATTEMPTS, counts.attempts().get());
    }));
    return Collections.unmodifiableSortedMap(snapshot);
  }

  /** Sets every count back to zero (the entries stay, so a request under way is not lost). */
  public static void reset() {
    COUNTS.values().forEach(operations -> operations.values().forEach(counts -> {
      counts.calls().set(0);
      counts.attempts().set(0);
    }));
  }

  /**
   * The requests {@code action} made: the difference between the counts after and before it, in
   * the form of {@link #snapshot()}. It resets nothing, so measurements may nest.
   */
  public static SortedMap<String, Integer> during(Runnable action) {
    Map<String, Integer> before = snapshot();
    action.run();
    SortedMap<String, Integer> made = new TreeMap<>();
    snapshot().forEach((key, after) -> putIfNotZero(made, key, after - before.getOrDefault(key, 0)));
    return Collections.unmodifiableSortedMap(made);
  }

  private static void putIfNotZero(Map<String, Integer> map, String key, int count) {
    if (count != 0) {
      map.put(key, count);
    }
  }
}
