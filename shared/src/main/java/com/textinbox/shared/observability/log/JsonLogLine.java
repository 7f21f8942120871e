package com.textinbox.shared.observability.log;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.event.Level;

/**
 * One log event as the JSON line Powertools' log4j layout ({@code LambdaJsonLayout.json}) wrote:
 * {@code level}, {@code message}, {@code error} ({@code message}, {@code name}, {@code stack}) when
 * there is one, Powertools' Lambda context fields in the same order and types ({@code cold_start} a
 * boolean, {@code function_memory_size} and {@code sampling_rate} numbers), {@code timestamp} in
 * UTC to the millisecond, then every other MDC entry as a string. Fields without a value are left
 * out. Written by hand: a line is a few string appends, not a JSON library's start-up.
 */
public final class JsonLogLine {
  /** Powertools' context fields, in the order its layout wrote them (timestamp after service). */
  private static final List<String> BEFORE_TIMESTAMP = List.of("cold_start", "function_arn", "function_memory_size",
      "function_name", "function_request_id", "function_version", "sampling_rate", "service");
  private static final List<String> AFTER_TIMESTAMP = List.of("xray_trace_id", "correlation_id");
  private static final Set<String> BOOLEANS = Set.of("cold_start");
  private static final Set<String> NUMBERS = Set.of("function_memory_size", "sampling_rate");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private JsonLogLine() {}

  public static String of(Level level, String message, Throwable error, Map<String, String> context, long epochMillis) {
    Map<String, String> rest = context == null ? new TreeMap<>() : new TreeMap<>(context);
    StringBuilder line = new StringBuilder(256).append('{');
    field(line, "level", level.name(), false);
    field(line, "message", message, false);
    if (error != null) {
      line.append(",\"error\":{");
      line.append("\"message\":");
      string(line, error.getMessage());
      line.append(",\"name\":");
      string(line, error.getClass().getName());
      line.append(",\"stack\":");
      string(line, stackOf(error));
      line.append('}');
    }
    for (String key : BEFORE_TIMESTAMP) {
      field(line, key, rest.remove(key), true);
    }
    field(line, "timestamp", TIMESTAMP.format(Instant.ofEpochMilli(epochMillis)), false);
    for (String key : AFTER_TIMESTAMP) {
      field(line, key, rest.remove(key), true);
    }
    rest.forEach((key, value) -> field(line, key, value, false));
    return line.append('}').toString();
  }

  private static void field(StringBuilder line, String key, String value, boolean typed) {
    if (value == null || value.isEmpty()) {
      return;
    }
    if (line.length() > 1) {
      line.append(',');
    }
    string(line, key);
    line.append(':');
    if (typed && BOOLEANS.contains(key) && (value.equals("true") || value.equals("false"))) {
      line.append(value);
    } else if (typed && NUMBERS.contains(key) && value.matches("-?[0-9]+(\\.[0-9]+)?")) {
      line.append(value);
    } else {
      string(line, value);
    }
  }

  /** A JSON string, escaped by jackson-core's encoder (loaded by every function anyway). */
  static void string(StringBuilder out, String value) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
  }

  private static String stackOf(Throwable error) {
    StringWriter stack = new StringWriter();
    error.printStackTrace(new PrintWriter(stack));
    return stack.toString();
  }
}
