package com.textinbox.shared.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.textinbox.shared.config.Env;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;

/**
 * Powertools JSON logging (request id, cold start, function name on every line) and EMF metrics
 * around one invocation. Metrics are flushed to stdout as EMF, which CloudWatch turns into metrics.
 */
public final class Observability {
  private static final Metrics METRICS = metricsFromEnv();
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

  public static Metrics metrics() {
    return METRICS;
  }

  public static <T> T around(Context context, Supplier<T> work) {
    if (coldStart) {
      coldStart = false;
      METRICS.captureColdStartMetric(context);
    }
    try {
      return PowertoolsLogging.withLogging(context, work);
    } finally {
      METRICS.flush();
    }
  }
}
