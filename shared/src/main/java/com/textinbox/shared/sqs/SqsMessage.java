package com.textinbox.shared.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** One record of an SQS event, as Lambda delivers it. */
public record SqsMessage(String messageId, String body, int receiveCount, String eventSourceArn) {

  static SqsMessage of(JsonNode record) {
    return new SqsMessage(
        Json.text(record, "messageId"),
        Json.text(record, "body"),
        record.path("attributes").path("ApproximateReceiveCount").asInt(1),
        Json.text(record, "eventSourceARN"));
  }

  /**
   * The payload: for a queue subscribed to an SNS topic without raw delivery, the body is SNS's
   * envelope and the payload is its {@code Message}; otherwise the body itself.
   */
  public String payload() {
    if (body != null && body.startsWith("{") && body.contains("\"TopicArn\"")) {
      try {
        JsonNode envelope = Json.read(body);
        if ("Notification".equals(Json.text(envelope, "Type")) && envelope.hasNonNull("Message")) {
          return envelope.get("Message").asText();
        }
      } catch (IllegalArgumentException notJson) {
        return body;
      }
    }
    return body;
  }

  /**
   * When SNS accepted the message ({@code Timestamp} of its envelope), for a queue subscribed to a
   * topic without raw delivery; empty otherwise (a raw body, or no readable timestamp). For an
   * inbound SMS it is the closest thing to the time the customer sent it.
   */
  public Optional<Instant> snsTimestamp() {
    if (body == null || !body.startsWith("{") || !body.contains("\"TopicArn\"")) {
      return Optional.empty();
    }
    try {
      JsonNode envelope = Json.read(body);
      String timestamp = Json.text(envelope, "Timestamp");
      if (!"Notification".equals(Json.text(envelope, "Type")) || timestamp == null) {
        return Optional.empty();
      }
      return Optional.of(Instant.parse(timestamp));
    } catch (IllegalArgumentException | DateTimeParseException unreadable) {
      return Optional.empty();
    }
  }
}
