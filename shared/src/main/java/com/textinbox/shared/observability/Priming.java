package com.textinbox.shared.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming (docs/decisions.md 46): a step that walks part of a function's hot path before
 * Lambda snapshots the initialised container, so the classes, JIT profiles and connections it
 * needs are in the snapshot instead of being loaded by the first invoke after a restore.
 *
 * <p>The rule for a step: reads only, of things that do not exist (a GetItem or Query of a priming
 * key, a GetQueueAttributes), JSON round trips, building requests, routing a request to a route
 * that does not exist; writes and sends only stopped before transmission ({@code
 * PrimingInterceptor}: marshalled and signed, never sent). Never a write, a text, an email, a push
 * or a metric that leaves the process. A step that fails is
 * logged and skipped: priming never stops the snapshot.
 *
 * <p>The CRaC context holds its resources weakly, so the owner keeps the returned resource in a
 * field (a handler or a table lives as long as the container).
 */
public final class Priming {
  private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
  /** The partition and sort key every priming read asks for; no item is ever written there. */
  public static final String KEY = "PRIMING#none";

  private static final List<WeakReference<Step>> REGISTERED = new CopyOnWriteArrayList<>();

  private Priming() {}

  /** Registers {@code step} to run before the snapshot; keep the result in a field. */
  public static Resource register(String name, Runnable step) {
    Step resource = new Step(name, step);
    REGISTERED.add(new WeakReference<>(resource));
    Core.getGlobalContext().register(resource);
    return resource;
  }

  /** Runs every step still registered, as a checkpoint would (tests, and runtimes without CRaC). */
  public static int primeAll() {
    REGISTERED.removeIf(ref -> ref.get() == null);
    int ran = 0;
    for (WeakReference<Step> ref : REGISTERED) {
      Step step = ref.get();
      if (step != null) {
        step.prime();
        ran++;
      }
    }
    return ran;
  }

  /** An event read the way an invoke reads it (a stream through {@link Json#read(java.io.InputStream)}). */
  public static JsonNode event(String json) {
    return Json.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** An answer written the way an invoke writes it, and read back: the other half of the round trip. */
  public static JsonNode answer(Object answer) {
    return Json.read(new ByteArrayInputStream(Json.bytes(answer)));
  }

  /** The requests a priming step may make: reads (of things that do not exist; S3: a key no object has). */
  public static final java.util.Set<String> READS =
      java.util.Set.of("GetItem", "BatchGetItem", "Query", "Scan", "GetQueueAttributes", "GetObject", "HeadObject", "ListObjectsV2");

  /**
   * The requests of a {@code RequestCounter.during(...)} figure ({@code DynamoDb.GetItem}, ...) that
   * were sent (an attempt counted) and are not reads: what a priming test expects to be empty. A
   * write or send stopped before transmission ({@code PrimingInterceptor}) is a call without an
   * attempt: nothing left the process.
   */
  public static List<String> notReads(java.util.Map<String, Integer> requests) {
    return requests.keySet().stream().filter(key -> key.endsWith(".attempts")).map(key -> key.replace(".attempts", ""))
        .filter(key -> !READS.contains(key.substring(key.indexOf('.') + 1))).distinct().toList();
  }

  /** Steps whose owner is the container itself (a queue sender built once): held here, strongly. */
  private static final List<Resource> HELD = new CopyOnWriteArrayList<>();

  /**
   * Registers a step for the container's lifetime, for owners that cannot keep a field (a sender
   * written as a lambda). Built once per container, so the list stays short.
   */
  public static void registerForContainer(String name, Runnable step) {
    HELD.add(register(name, step));
  }

  /** The names of the steps registered and still alive, oldest first. */
  public static List<String> registered() {
    return REGISTERED.stream().map(WeakReference::get).filter(s -> s != null).map(s -> s.name).toList();
  }

  private static final class Step implements Resource {
    private final String name;
    private final Runnable work;

    Step(String name, Runnable work) {
      this.name = name;
      this.work = work;
    }

    void prime() {
      try {
        Observability.prime(); // every invoke goes through it
        work.run();
      } catch (RuntimeException e) {
        LOG.warn("priming {} failed, skipped: {}", name, e.toString());
      }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
      prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
      // nothing to renew: the SDK re-resolves credentials and reconnects by itself
    }
  }
}
