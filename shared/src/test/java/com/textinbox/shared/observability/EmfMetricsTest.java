package com.textinbox.shared.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The EMF documents the functions print (docs/decisions.md 66), exactly as CloudWatch reads them. */
class EmfMetricsTest {
  private static final long AT = 1_764_960_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aDocumentIsTheNamespaceTheServiceDimensionTheMetricDefinitionsAndTheValues() {
    EmfMetrics metrics = new EmfMetrics("TextInbox/dev", "sms-sender");
    metrics.count("SmsSent", 2);
    metrics.count("SmsNotSent", 1);

    assertEquals(List.of("{\"_aws\":{\"Timestamp\":1764960000000,\"CloudWatchMetrics\":[{\"Namespace\":\"TextInbox/dev\","
        + "\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"SmsSent\",\"Unit\":\"Count\"},"
        + "{\"Name\":\"SmsNotSent\",\"Unit\":\"Count\"}]}]},\"Service\":\"sms-sender\",\"SmsSent\":2,\"SmsNotSent\":1}"),
        metrics.flush(AT));
  }

  @Test
  void countsOfOneNameInAnInvocationAreSummedAndForgottenAtTheFlush() {
    EmfMetrics metrics = new EmfMetrics("TextInbox", "inbound-sms");
    metrics.count("SmsReceived", 1);
    metrics.count("SmsReceived", 1);
    metrics.count("SmsReceived", 3);

    JsonNode document = only(metrics.flush(AT));
    assertEquals(5, document.path("SmsReceived").asLong());
    assertEquals(1, document.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").size());
    assertEquals(List.of(), metrics.flush(AT), "the next invocation starts from nothing");
  }

  @Test
  void nothingCountedIsNothingFlushed() {
    assertEquals(List.of(), new EmfMetrics("TextInbox", "users-api").flush(AT));
  }

  @Test
  void moreThanAHundredMetricsAreSplitIntoDocumentsOfAHundredAtMost() {
    EmfMetrics metrics = new EmfMetrics("TextInbox", "search-indexer");
    for (int i = 0; i < 250; i++) {
      metrics.count("Metric" + i, i + 1);
    }

    List<String> documents = metrics.flush(AT);

    assertEquals(List.of(100, 100, 50), documents.stream()
        .map(d -> read(d).path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").size()).toList());
    Map<String, Long> values = new LinkedHashMap<>();
    for (String document : documents) {
      JsonNode node = read(document);
      assertEquals("search-indexer", node.path("Service").asText(), "every document carries the dimension");
      for (JsonNode definition : node.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics")) {
        String name = definition.path("Name").asText();
        values.put(name, node.path(name).asLong());
      }
    }
    assertEquals(250, values.size());
    assertEquals(250L, values.get("Metric249"));
    assertThrows(IllegalArgumentException.class, () -> new MetricsDocument("n", Map.of(), manyCounts(101), Map.of()));
  }

  @Test
  void theColdStartIsItsOwnDocumentWrittenOncePerContainer() {
    EmfMetrics metrics = new EmfMetrics("TextInbox/dev", "inbound-sms");
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("function_request_id", "req-1");
    properties.put("xray_trace_id", "1-abc-def");

    assertEquals(Optional.of("{\"_aws\":{\"Timestamp\":1764960000000,\"CloudWatchMetrics\":[{\"Namespace\":\"TextInbox/dev\","
        + "\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"ColdStart\",\"Unit\":\"Count\"}]}]},"
        + "\"Service\":\"inbound-sms\",\"ColdStart\":1,\"function_request_id\":\"req-1\",\"xray_trace_id\":\"1-abc-def\"}"),
        metrics.coldStart(AT, () -> properties));
    assertEquals(Optional.empty(), metrics.coldStart(AT, () -> properties));
    assertEquals(List.of(), metrics.flush(AT), "the cold start is not a count of the invocation");
  }

  @Test
  void withoutAServiceTheDimensionSetIsEmpty() {
    EmfMetrics metrics = new EmfMetrics("TextInbox", null);
    metrics.count("SmsSent", 1);

    JsonNode document = only(metrics.flush(AT));
    assertEquals("[[]]", document.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").toString());
    assertFalse(document.has("Service"));
  }

  @Test
  void namesAndValuesAreEscapedAsJson() {
    EmfMetrics metrics = new EmfMetrics("Text\"Inbox", "a\\b");
    metrics.count("Sms\nSent", 1);

    JsonNode document = only(metrics.flush(AT));
    assertEquals("Text\"Inbox", document.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText());
    assertEquals("a\\b", document.path("Service").asText());
    assertEquals(1, document.path("Sms\nSent").asInt());
  }

  /** Observability counts during an invocation and prints the document when it ends; nothing when nothing was counted. */
  @Test
  void aroundPrintsTheInvocationsCountsWhenItEndsAndNothingWhenNothingWasCounted() {
    String counted = printed(() -> Observability.around(null, () -> {
      Observability.count("SmsSent");
      Observability.count("SmsSent", 2);
      Observability.count("SmsNotSent", 0);
      return null;
    }));
    List<JsonNode> counts = counted.lines().filter(l -> l.startsWith("{\"_aws\"")).map(EmfMetricsTest::read)
        .filter(d -> !d.has(EmfMetrics.COLD_START)).toList();
    assertEquals(1, counts.size(), counted);
    assertEquals(3, counts.getFirst().path("SmsSent").asInt());
    assertFalse(counts.getFirst().has("SmsNotSent"), "a count of 0 is no count");

    String quiet = printed(() -> Observability.around(null, () -> null));
    assertFalse(quiet.contains("_aws"), quiet);
  }

  private static String printed(Runnable work) {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setOut(out);
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.lines().filter(l -> l.contains("_aws")).allMatch(l -> l.startsWith("{\"_aws\"")), text);
    return text;
  }

  private static Map<String, Long> manyCounts(int n) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      counts.put("M" + i, 1L);
    }
    return counts;
  }

  private static JsonNode only(List<String> documents) {
    assertEquals(1, documents.size(), documents.toString());
    return read(documents.getFirst());
  }

  private static JsonNode read(String document) {
    try {
      return JSON.readTree(document);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
