package com.textinbox.shared.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqsBatchHandlerTest {
  static final class Recorder extends SqsBatchHandler {
    final List<String> payloads = new ArrayList<>();

    @Override
    protected void process(SqsMessage message) {
      if (message.payload().contains("bad")) {
        throw new IllegalArgumentException("bad payload");
      }
      payloads.add(message.payload());
    }
  }

  private static ObjectNode event(String queueArn, String... bodies) {
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    for (int i = 0; i < bodies.length; i++) {
      ObjectNode record = records.addObject();
      record.put("messageId", "m" + i);
      record.put("body", bodies[i]);
      record.put("eventSourceARN", queueArn);
      record.putObject("attributes").put("ApproximateReceiveCount", "2");
    }
    return event;
  }

  @Test
  void onlyTheFailedRecordsAreReportedBack() throws Exception {
    Recorder handler = new Recorder();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Json.bytes(event("arn:aws:sqs:r:1:q", "a", "bad", "c"))), out, null);
    assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"}]}", out.toString());
    assertEquals(List.of("a", "c"), handler.payloads);
  }

  @Test
  void onAFifoQueueEverythingAfterAFailureFailsToKeepTheOrder() {
    Recorder handler = new Recorder();
    assertEquals(List.of("m1", "m2"), handler.processBatch(event("arn:aws:sqs:r:1:q.fifo", "a", "bad", "c")));
    assertEquals(List.of("a"), handler.payloads);
  }

  @Test
  void anSnsEnvelopeIsUnwrappedAndAPlainBodyIsLeftAlone() {
    String envelope = Json.write(java.util.Map.of("Type", "Notification", "TopicArn", "arn:aws:sns:r:1:t", "Message", "{\"x\":1}"));
    assertEquals("{\"x\":1}", new SqsMessage("m", envelope, 1, null).payload());
    assertEquals("{\"TopicArn\": broken", new SqsMessage("m", "{\"TopicArn\": broken", 1, null).payload());
    assertEquals("plain", new SqsMessage("m", "plain", 1, null).payload());
  }

  @Test
  void theSnsTimestampIsReadFromTheEnvelopeOnly() {
    String envelope = Json.write(java.util.Map.of("Type", "Notification", "TopicArn", "arn:aws:sns:r:1:t", "Message", "{}",
        "Timestamp", "2026-01-01T14:05:12.345Z"));
    assertEquals(java.util.Optional.of(java.time.Instant.parse("2026-01-01T14:05:12.345Z")),
        new SqsMessage("m", envelope, 1, null).snsTimestamp());
    String unreadable = Json.write(java.util.Map.of("Type", "Notification", "TopicArn", "arn:aws:sns:r:1:t", "Message", "{}",
        "Timestamp", "yesterday"));
    assertEquals(java.util.Optional.empty(), new SqsMessage("m", unreadable, 1, null).snsTimestamp());
    assertEquals(java.util.Optional.empty(), new SqsMessage("m", "{\"Timestamp\":\"2026-01-01T14:05:12.345Z\"}", 1, null).snsTimestamp());
    assertEquals(java.util.Optional.empty(), new SqsMessage("m", "plain", 1, null).snsTimestamp());
  }
}
