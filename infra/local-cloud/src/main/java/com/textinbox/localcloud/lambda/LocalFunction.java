package com.textinbox.localcloud.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.textinbox.localcloud.console.Console;
import com.textinbox.localcloud.faults.Crashes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One function of template.yaml, run as Lambda runs it: created at its first invocation (the cold
 * start, timed), then reused; one invocation at a time per instance, as a Lambda instance does.
 */
public final class LocalFunction {
  private final String logicalId;
  private final String arn;
  private final String handlerClass;
  private final Path code;
  private final Map<String, String> environment;
  private final int memoryMb;
  private final int timeoutSeconds;
  private final Crashes crashes;

  private RequestStreamHandler handler;
  private FunctionClassLoader loader;
  private long initMillis = -1;
  private long firstInvokeMillis = -1;
  private final AtomicLong invocations;
  private final AtomicLong errors;
  private final AtomicLong crashesCount;
  /** Taken by each invocation of the function's instances while a crash-after fault may strike it (see invoke). */
  private final ReentrantLock oneAtATime;

  public LocalFunction(String logicalId, String arn, String handlerClass, Path code,
      Map<String, String> environment, int memoryMb, int timeoutSeconds) {
    this(logicalId, arn, handlerClass, code, environment, memoryMb, timeoutSeconds, new Crashes());
  }

  /** {@code crashes}: where the fault injection marks an invocation crashed (docs/reliability.md). */
  public LocalFunction(String logicalId, String arn, String handlerClass, Path code,
      Map<String, String> environment, int memoryMb, int timeoutSeconds, Crashes crashes) {
    this(logicalId, arn, handlerClass, code, environment, memoryMb, timeoutSeconds, crashes, new AtomicLong(),
        new AtomicLong(), new AtomicLong(), new ReentrantLock());
  }

  private LocalFunction(String logicalId, String arn, String handlerClass, Path code, Map<String, String> environment,
      int memoryMb, int timeoutSeconds, Crashes crashes, AtomicLong invocations, AtomicLong errors, AtomicLong crashesCount,
      ReentrantLock oneAtATime) {
    this.crashes = crashes;
    this.invocations = invocations;
    this.errors = errors;
    this.crashesCount = crashesCount;
    this.oneAtATime = oneAtATime;
    this.logicalId = logicalId;
    this.arn = arn;
    this.handlerClass = handlerClass;
    this.code = code;
    this.environment = Map.copyOf(environment);
    this.memoryMb = memoryMb;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * {@code count} instances of this function (this one first), for an event source that runs that
   * many invocations at once (SQS {@code ScalingConfig.MaximumConcurrency}): each its own cold
   * start, class loader and static state, as Lambda's execution environments are; invocations and
   * errors are counted together in {@link #stats()}.
   */
  public List<LocalFunction> instances(int count) {
    List<LocalFunction> instances = new ArrayList<>(List.of(this));
    for (int i = 1; i < count; i++) {
      instances.add(new LocalFunction(logicalId, arn, handlerClass, code, environment, memoryMb, timeoutSeconds, crashes,
          invocations, errors, crashesCount, oneAtATime));
    }
    return instances;
  }

  public String logicalId() {
    return logicalId;
  }

  public String arn() {
    return arn;
  }

  public Map<String, String> environment() {
    return environment;
  }

  /**
   * Invokes the handler with the event's JSON bytes; returns what it wrote. A thrown error is a
   * {@link FunctionError}. What the function prints is labelled with its logical id, between
   * Lambda's START and END / REPORT lines ({@link LambdaLogLines}).
   */
  public synchronized byte[] invoke(byte[] event) {
    // Crashes names an invocation by its function: while a crash-after fault may strike this
    // function, its instances (instances()) take turns, so a crash is always their own
    boolean turns = crashes.possible(logicalId);
    if (turns) {
      oneAtATime.lock();
    }
    try {
      return invokeOnce(event);
    } finally {
      if (turns) {
        oneAtATime.unlock();
      }
    }
  }

  private byte[] invokeOnce(byte[] event) {
    invocations.incrementAndGet();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    crashes.begin(logicalId);
    try (Console.Scope label = Console.function(logicalId)) {
      long initNanos = handler == null ? coldStart(thread) : -1;
      thread.setContextClassLoader(loader);
      byte[] output = handle(event, initNanos);
      throwIfCrashed();
      return output;
    } catch (FunctionError e) {
      throw e;
    } catch (Exception | LinkageError e) {
      throwIfCrashed();
      errors.incrementAndGet();
      throw new FunctionError(logicalId, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * A crash-after fault struck this invocation (Crashes): whatever the handler answered or threw is
   * discarded, and the trigger sees the runtime's crash (a function error with no result).
   */
  private void throwIfCrashed() {
    var crashed = crashes.end(logicalId);
    if (crashed.isPresent()) {
      errors.incrementAndGet();
      crashesCount.incrementAndGet();
      System.out.println(LambdaLogLines.crashed(crashed.get()));
      throw new FunctionError(logicalId, new Crashed(crashed.get()));
    }
  }

  /** The runtime died during the invocation (fault injection): Lambda's "Runtime exited" error. */
  public static final class Crashed extends RuntimeException {
    Crashed(String why) {
      super("Runtime exited without providing a reason: " + why);
    }
  }

  /** Loads the code and creates the handler, as Lambda's init phase does; answers its duration. */
  private long coldStart(Thread thread) {
    long start = System.nanoTime();
    loader = new FunctionClassLoader(logicalId, code);
    thread.setContextClassLoader(loader);
    loader.setEnvironment(environment);
    loader.configurePowertools(environment);
    try {
      handler = (RequestStreamHandler) loader.newHandler(handlerClass);
    } catch (RuntimeException | LinkageError e) {
      System.out.println(LambdaLogLines.error(e));
      throw e;
    }
    long nanos = System.nanoTime() - start;
    initMillis = nanos / 1_000_000;
    return nanos;
  }

  private byte[] handle(byte[] event, long initNanos) throws java.io.IOException {
    LocalContext context = new LocalContext(logicalId, arn, memoryMb, timeoutSeconds);
    String requestId = context.getAwsRequestId();
    System.out.println(LambdaLogLines.start(requestId));
    long allocatedBefore = allocatedByThisThread();
    long start = System.nanoTime();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event), out, context);
      return out.toByteArray();
    } catch (RuntimeException | java.io.IOException | LinkageError e) {
      System.out.println(LambdaLogLines.error(e));
      throw e;
    } finally {
      long duration = System.nanoTime() - start;
      if (initNanos >= 0) {
        firstInvokeMillis = duration / 1_000_000;
      }
      long allocated = allocatedBefore < 0 ? -1 : allocatedByThisThread() - allocatedBefore;
      System.out.println(LambdaLogLines.end(requestId));
      System.out.println(LambdaLogLines.report(requestId, duration, initNanos, memoryMb, allocated));
    }
  }

  /** Bytes allocated by the current thread so far (HotSpot counts them), or -1. */
  private static long allocatedByThisThread() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemoryEnabled()) {
      return threads.getCurrentThreadAllocatedBytes();
    }
    return -1;
  }

  /** Figures for /_local/functions: cold start (class loading + constructor) and first invocation. */
  public synchronized Map<String, Object> stats() {
    return Map.of(
        "environment", environment,
        "code", code.toString(),
        "logicalId", logicalId,
        "handler", handlerClass,
        "started", handler != null,
        "initMillis", initMillis,
        "firstInvokeMillis", firstInvokeMillis,
        "invocations", invocations.get(),
        "errors", errors.get(),
        "crashes", crashesCount.get());
  }

  /** The function failed: Lambda reports it as a function error. */
  public static final class FunctionError extends RuntimeException {
    FunctionError(String logicalId, Throwable cause) {
      super(logicalId + " failed: " + cause, cause);
    }

    /** Whether the function crashed (fault injection) rather than failing on its own. */
    public boolean crashed() {
      return getCause() instanceof Crashed;
    }

    /** The function's own message (e.g. "Unauthorized" from an authorizer). */
    public String functionMessage() {
      Throwable cause = getCause();
      return cause == null ? null : cause.getMessage();
    }
  }
}
