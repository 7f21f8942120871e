package com.textinbox.shared.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.observability.log.JsonLogLine;
import java.util.function.Supplier;
import org.slf4j.helpers.MessageFormatter;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.internal.PowertoolsLoggedFields;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;

/**
 * Powertools JSON logging (request id, cold start, function name on every line) and EMF metrics
 * around one invocation. Metrics are flushed to stdout as EMF, which CloudWatch turns into metrics.
 */
public final class Observability {
  private static final Metrics METRICS = metricsFromEnv();
  /** Whether this invocation asked for the metrics (one invocation at a time per Lambda container). */
  private static boolean metricsUsed;
  private static volatile boolean coldStart = true;

  private Observability() {}

  /**
   * Powertools reads its namespace and service from the process environment; reading them through
   * {@link Env} gives the same result on Lambda and also works where functions share a process.
   */
  private static Metrics metricsFromEnv() {
    Metrics metrics = MetricsFactory.getMetricsInstance();
    metrics.setNamespace(Env.optional("POWERTOOLS_METRICS_NAMESPACE", "TextInbox"));
    Env.optional("POWERTOOLS_SERVICE_NAME")
        .ifPresent(service -> metrics.setDefaultDimensions(DimensionSet.of("Service", service)));
    return metrics;
  }

  /**
   * SnapStart priming (docs/decisions.md 46): initialises this class, so the metrics instance and
   * its default dimensions are built before the snapshot; on Lambda, also resolves the EMF library's
   * environment (it caches it for the container: an environment variable says Lambda) and builds a
   * metrics logger that is never flushed. Emits nothing. (The cold-start metric and Powertools'
   * logging context are left to the first invoke: priming them would emit a metric or mark the cold
   * start done.)
   */
  static void prime() {
    METRICS.getClass();
    // Powertools' logging set-up (its level from the environment, its binding found) and the MDC:
    // what withLogging loads first, without entering it (which would mark the cold start done)
    PowertoolsLoggedFields.stringValues();
    PowertoolsLogging.clearBuffer();
    org.slf4j.MDC.getCopyOfContextMap();
    // a log line formatted and dropped (the first real one would load the formatting), and a
    // record written the way handlers write their views (Jackson's record and bean serialisers)
    JsonLogLine.of(org.slf4j.event.Level.INFO, MessageFormatter.basicArrayFormat("priming {}", new Object[] {1.5}), null,
        java.util.Map.of("cold_start", "true", "function_memory_size", "1024"), System.currentTimeMillis());
    Priming.answer(new PrimedView("priming", 0, java.time.Instant.EPOCH.toString()));
    primeMetricsJson();
    if (Env.optional("AWS_LAMBDA_FUNCTION_NAME").isPresent()) {
      EnvironmentProvider environment = new EnvironmentProvider();
      environment.resolveEnvironment().join();
      new MetricsLogger(environment).putDimensions(
          software.amazon.cloudwatchlogs.emf.model.DimensionSet.of("Service", "priming"));
    }
  }

  /**
   * A metric's EMF document written to a string and dropped, as a flush writes it (the EMF model,
   * its serialisers and Jackson's annotation introspection of them: 30 to 40 classes the first
   * count's flush loaded). Nothing is printed, so nothing reaches CloudWatch.
   */
  private static void primeMetricsJson() {
    try {
      software.amazon.cloudwatchlogs.emf.model.MetricsContext context = new software.amazon.cloudwatchlogs.emf.model.MetricsContext();
      context.setNamespace("Priming");
      context.putDimension(software.amazon.cloudwatchlogs.emf.model.DimensionSet.of("Service", "priming"));
      context.putMetric("Priming", 1, software.amazon.cloudwatchlogs.emf.model.Unit.COUNT);
      context.putProperty("priming", "priming");
      context.serialize();
    } catch (Exception e) {
      // a step's failure is priming's to skip; this part is optional
    }
  }

  /** A record of the shape of the views handlers answer with (priming only). */
  private record PrimedView(String id, int count, String at) {}

  /** The function's metrics; what is added is flushed at the end of the invocation. */
  public static Metrics metrics() {
    metricsUsed = true;
    return METRICS;
  }

  /**
   * Counts {@code count} of something the pipeline did (a text stored, sent, delivered...), as an
   * EMF metric of the function's namespace with its {@code Service} dimension. The names counted
   * here are what template.yaml's dashboard and alarms read (docs/decisions.md 60; the template
   * check {@code OperationsChecks} fails on a name no function counts).
   */
  public static void count(String metric, int count) {
    if (count > 0) {
      metrics().addMetric(metric, count, software.amazon.lambda.powertools.metrics.model.MetricUnit.COUNT);
    }
  }

  /** One of something the pipeline did: {@link #count(String, int)}. */
  public static void count(String metric) {
    count(metric, 1);
  }

  public static <T> T around(Context context, Supplier<T> work) {
    if (coldStart) {
      coldStart = false;
      METRICS.captureColdStartMetric(context);
    }
    try {
      return PowertoolsLogging.withLogging(context, work);
    } finally {
      // flushing an empty set only logs "No metrics were emitted" on every invocation
      if (metricsUsed) {
        metricsUsed = false;
        METRICS.flush();
      }
    }
  }
}
