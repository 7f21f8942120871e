package com.textinbox.shared.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Powertools JSON logging (request id, cold start, function name on every line) and EMF metrics
 * around one invocation. Metrics are flushed to stdout as EMF, which CloudWatch turns into metrics.
 */
public final class Observability {
  private static final Metrics METRICS = MetricsFactory.getMetricsInstance();
  private static volatile boolean coldStart = true;

  private Observability() {}

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
