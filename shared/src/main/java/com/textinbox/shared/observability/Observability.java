package com.textinbox.shared.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.observability.log.JsonLogLine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.helpers.MessageFormatter;
import software.amazon.lambda.powertools.common.internal.LambdaHandlerProcessor;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.internal.PowertoolsLoggedFields;

/**
 * Powertools JSON logging (request id, cold start, function name on every line) and the function's
 * counts around one invocation. The counts are printed to stdout as EMF documents when it ends
 * ({@link EmfMetrics}, docs/decisions.md 66), which CloudWatch turns into metrics.
 */
public final class Observability {
  /**
   * Namespace and service read through {@link Env}: the same result on Lambda, and it also works
   * where functions share a process (the local cloud). The names are Powertools' (template.yaml).
   */
  private static final EmfMetrics METRICS = new EmfMetrics(Env.optional("POWERTOOLS_METRICS_NAMESPACE", "TextInbox"),
      Env.optional("POWERTOOLS_SERVICE_NAME").orElse(null));

  private Observability() {}

  /**
   * SnapStart priming (docs/decisions.md 46): initialises this class, so the function's metrics
   * (namespace, service) are built before the snapshot, and writes a count's and a cold start's EMF
   * documents to strings that are dropped (the generator's classes). Emits nothing. (The cold-start
   * metric and Powertools' logging context are left to the first invoke: priming them would emit a
   * metric or mark the cold start done.)
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
    EmfMetrics primed = new EmfMetrics("Priming", "priming");
    primed.count("Priming", 1);
    primed.flush(System.currentTimeMillis());
    primed.coldStart(System.currentTimeMillis(), () -> Map.of("function_request_id", "priming"));
  }

  /** A record of the shape of the views handlers answer with (priming only). */
  private record PrimedView(String id, int count, String at) {}

  /**
   * Counts {@code count} of something the pipeline did (a text stored, sent, delivered...), as an
   * EMF metric of the function's namespace with its {@code Service} dimension, flushed when the
   * invocation ends. The names counted here are what template.yaml's dashboard and alarms read
   * (docs/decisions.md 60; the template check {@code OperationsChecks} fails on a name no function
   * counts).
   */
  public static void count(String metric, int count) {
    if (count > 0) {
      METRICS.count(metric, count);
    }
  }

  /** One of something the pipeline did: {@link #count(String, int)}. */
  public static void count(String metric) {
    count(metric, 1);
  }

  public static <T> T around(Context context, Supplier<T> work) {
    METRICS.coldStart(System.currentTimeMillis(), () -> coldStartProperties(context)).ifPresent(System.out::println);
    try {
      return PowertoolsLogging.withLogging(context, work);
    } finally {
      // nothing counted, nothing printed (EMF needs at least one metric)
      for (String document : METRICS.flush(System.currentTimeMillis())) {
        System.out.println(document);
      }
    }
  }

  /** What Powertools put beside the cold start: the invocation's request id and X-Ray trace id. */
  private static Map<String, String> coldStartProperties(Context context) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (context != null && context.getAwsRequestId() != null) {
      properties.put("function_request_id", context.getAwsRequestId());
    }
    LambdaHandlerProcessor.getXrayTraceId().ifPresent(trace -> properties.put("xray_trace_id", trace));
    return properties;
  }
}
