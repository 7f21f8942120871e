package com.textinbox.shared.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DynamoDBStreamHandlerTest {
  static final class Recorder extends DynamoDBStreamHandler {
    final List<String> seen = new ArrayList<>();

    @Override
    protected void process(StreamRecord record) {
      seen.add(record.sequenceNumber());
      if ("bad".equals(record.newImage().get("body"))) {
        throw new IllegalStateException("refused");
      }
    }
  }

  /** A record as Lambda delivers it: keys, images in DynamoDB JSON, sequence number. */
  static String record(String eventName, String sequenceNumber, String newImage, String oldImage) {
    return """
        {"eventID":"e%2$s","eventName":"%1$s","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1",
         "eventSourceARN":"arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026",
         "dynamodb":{"ApproximateCreationDateTime":1763700000,"Keys":{"PK":{"S":"A#a#C#c%2$s"},"SK":{"S":"PROFILE"}},
           %3$s %4$s "SequenceNumber":"%2$s","SizeBytes":10,"StreamViewType":"NEW_AND_OLD_IMAGES"}}"""
        .formatted(eventName, sequenceNumber,
            newImage == null ? "" : "\"NewImage\":" + newImage + ",",
            oldImage == null ? "" : "\"OldImage\":" + oldImage + ",");
  }

  static JsonNode event(String... records) {
    return Json.read("{\"Records\":[" + String.join(",", records) + "]}");
  }

  static String body(String text) {
    return "{\"PK\":{\"S\":\"A#a#C#c\"},\"SK\":{\"S\":\"PROFILE\"},\"body\":{\"S\":\"" + text + "\"}}";
  }

  @Test
  void everyRecordIsProcessedInOrderAndNoFailureIsReported() throws Exception {
    Recorder handler = new Recorder();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String event = event(record("INSERT", "100", body("a"), null), record("MODIFY", "200", body("b"), body("a"))).toString();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    assertEquals("{\"batchItemFailures\":[]}", out.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("100", "200"), handler.seen);
  }

  @Test
  void theFirstFailedRecordIsReportedAndTheRestIsLeftForTheRetry() throws Exception {
    Recorder handler = new Recorder();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String event = event(record("INSERT", "100", body("a"), null), record("INSERT", "200", body("bad"), null),
        record("INSERT", "300", body("c"), null)).toString();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
    assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"200\"}]}", out.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("100", "200"), handler.seen, "stream order: nothing after the failure is processed");
  }

  @Test
  void aRecordThatCannotBeReadFailsThereAfterTheOnesBeforeItAreProcessed() {
    Recorder handler = new Recorder();
    String unreadable = record("INSERT", "200", "{\"x\":{\"Q\":\"?\"}}", null);
    assertEquals("200", handler.handleEvent(event(record("INSERT", "100", body("a"), null), unreadable,
        record("INSERT", "300", body("c"), null))));
    assertEquals(List.of("100"), handler.seen);
    assertEquals("100", handler.handleEvent(event(record("UPSERT", "100", body("a"), null))), "an unknown eventName");
  }

  @Test
  void aRecordWithoutSequenceNumberFailsTheWholeInvocation() {
    JsonNode event = Json.read("{\"Records\":[{\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{}}}]}");
    assertThrows(IllegalArgumentException.class, () -> new Recorder().handleEvent(event));
  }

  @Test
  void anEmptyEventReportsNothing() {
    assertNull(new Recorder().handleEvent(Json.read("{\"Records\":[]}")));
  }

  @Test
  void imagesAreReadIntoPlainJavaValues() {
    String image = """
        {"PK":{"S":"A#a#C#c"},"n":{"N":"12.50"},"ok":{"BOOL":true},"none":{"NULL":true},
         "bin":{"B":"AQI="},"tags":{"SS":["x","y"]},"nums":{"NS":["1","2"]},"bins":{"BS":["AQ=="]},
         "list":{"L":[{"S":"a"},{"N":"3"},{"M":{"k":{"S":"v"}}}]},"map":{"M":{"inner":{"L":[]}}}}""";
    StreamRecord record = StreamRecord.of(Json.read(record("INSERT", "9", image, null)));
    Map<String, Object> item = record.newImage();
    assertEquals(StreamRecord.EventName.INSERT, record.eventName());
    assertEquals("e9", record.eventId());
    assertEquals(Map.of("PK", "A#a#C#c9", "SK", "PROFILE"), record.keys());
    assertEquals(Map.of(), record.oldImage(), "an INSERT has no old image");
    assertEquals("A#a#C#c", item.get("PK"));
    assertEquals(new BigDecimal("12.50"), item.get("n"));
    assertEquals(Boolean.TRUE, item.get("ok"));
    assertTrue(item.containsKey("none"));
    assertNull(item.get("none"));
    assertArrayEquals(new byte[] {1, 2}, (byte[]) item.get("bin"));
    assertEquals(Set.of("x", "y"), item.get("tags"));
    assertEquals(Set.of(BigDecimal.ONE, new BigDecimal("2")), item.get("nums"));
    assertTrue(Arrays.equals(new byte[] {1}, ((List<?>) item.get("bins")).getFirst() instanceof byte[] b ? b : null));
    assertEquals(List.of("a", new BigDecimal("3"), Map.of("k", "v")), item.get("list"));
    assertEquals(Map.of("inner", List.of()), item.get("map"));
  }

  @Test
  void aRemoveCarriesTheOldImageOnly() {
    StreamRecord record = StreamRecord.of(Json.read(record("REMOVE", "5", null, body("gone"))));
    assertTrue(record.isRemove());
    assertEquals(Map.of(), record.newImage());
    assertEquals("gone", record.oldImage().get("body"));
  }
}
