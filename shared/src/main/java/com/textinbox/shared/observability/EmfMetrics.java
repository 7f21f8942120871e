package com.textinbox.shared.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A function's counts for one invocation, written as EMF documents when it ends (docs/decisions.md
 * 66): one namespace ({@code POWERTOOLS_METRICS_NAMESPACE}), one {@code Service} dimension (the
 * function's {@code POWERTOOLS_SERVICE_NAME}). Two counts of one name in an invocation are summed
 * into one value: every metric is a Count and every alarm and widget reads its Sum, which is the
 * same (Powertools wrote a list of values instead; only SampleCount, which nothing reads, differs).
 */
final class EmfMetrics {
  static final String COLD_START = "ColdStart";

  private final String namespace;
  private final Map<String, String> dimensions;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private boolean coldStartWritten;

  /** {@code service} null: no dimension (an empty dimension set), for a function the template names no service. */
  EmfMetrics(String namespace, String service) {
    this.namespace = namespace;
    this.dimensions = service == null ? Map.of() : Map.of("Service", service);
  }

  /** Adds {@code count} to the metric's total of this invocation. */
  synchronized void count(String metric, long count) {
    counts.merge(metric, count, Long::sum);
  }

  /**
   * The documents of the counts made since the last flush, at most {@link MetricsDocument#MAX_METRICS}
   * metrics each, and forgets them; none when nothing was counted.
   */
  synchronized List<String> flush(long timestamp) {
    List<String> documents = new ArrayList<>();
    Map<String, Long> batch = new LinkedHashMap<>();
    for (Map.Entry<String, Long> count : counts.entrySet()) {
      batch.put(count.getKey(), count.getValue());
      if (batch.size() == MetricsDocument.MAX_METRICS) {
        documents.add(document(batch, Map.of()).toJson(timestamp));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      documents.add(document(batch, Map.of()).toJson(timestamp));
    }
    counts.clear();
    return documents;
  }

  /**
   * The container's cold start, the first time only (one container, one cold start), in its own
   * document as Powertools' {@code captureColdStartMetric} wrote it: {@code ColdStart} = 1 with the
   * Service dimension, and {@code properties} (the invocation's request id and X-Ray trace id),
   * asked for only then.
   */
  synchronized Optional<String> coldStart(long timestamp, Supplier<Map<String, String>> properties) {
    if (coldStartWritten) {
      return Optional.empty();
    }
    coldStartWritten = true;
    return Optional.of(document(Map.of(COLD_START, 1L), properties.get()).toJson(timestamp));
  }

  private MetricsDocument document(Map<String, Long> counts, Map<String, String> properties) {
    return new MetricsDocument(namespace, dimensions, new LinkedHashMap<>(counts), properties);
  }
}
