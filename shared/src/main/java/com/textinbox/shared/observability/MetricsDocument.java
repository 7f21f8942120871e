package com.textinbox.shared.observability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One CloudWatch embedded metric format (EMF) document: counts of one namespace and one set of
 * dimensions, as the single JSON line CloudWatch Logs turns into metrics (docs/decisions.md 66).
 * Written with jackson-core's generator, member by member: no object mapper, no reflection.
 *
 * <pre>{"_aws":{"Timestamp":1764960000000,"CloudWatchMetrics":[{"Namespace":"TextInbox/dev",
 *   "Dimensions":[["Service"]],"Metrics":[{"Name":"SmsSent","Unit":"Count"}]}]},
 *  "Service":"sms-sender","SmsSent":2}</pre>
 *
 * <p>{@code _aws} comes first (CloudWatch does not mind; the e2e PipelineMetricsTest finds the lines
 * by it), then the dimensions' values, the counts, and properties CloudWatch keeps in the log event
 * but makes no metric of. Every metric here is a Count: the product counts things and nothing else.
 */
record MetricsDocument(String namespace, Map<String, String> dimensions, Map<String, Long> counts,
    Map<String, String> properties) {
  /** EMF's limit of metric definitions in one directive; more counts take more documents. */
  static final int MAX_METRICS = 100;

  private static final JsonFactory JSON = new JsonFactory();

  MetricsDocument {
    if (counts.size() > MAX_METRICS) {
      throw new IllegalArgumentException("an EMF document holds at most " + MAX_METRICS + " metrics, not " + counts.size());
    }
  }

  /** The document as one line of JSON, stamped {@code timestamp} (milliseconds since the epoch). */
  String toJson(long timestamp) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("_aws");
      json.writeNumberField("Timestamp", timestamp);
      json.writeArrayFieldStart("CloudWatchMetrics");
      json.writeStartObject();
      json.writeStringField("Namespace", namespace);
      json.writeArrayFieldStart("Dimensions");
      json.writeStartArray(); // one dimension set: every dimension below together
      for (String dimension : dimensions.keySet()) {
        json.writeString(dimension);
      }
      json.writeEndArray();
      json.writeEndArray();
      json.writeArrayFieldStart("Metrics");
      for (String metric : counts.keySet()) {
        json.writeStartObject();
        json.writeStringField("Name", metric);
        json.writeStringField("Unit", "Count");
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
      for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
        json.writeStringField(dimension.getKey(), dimension.getValue());
      }
      for (Map.Entry<String, Long> count : counts.entrySet()) {
        json.writeNumberField(count.getKey(), count.getValue());
      }
      for (Map.Entry<String, String> property : properties.entrySet()) {
        json.writeStringField(property.getKey(), property.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
