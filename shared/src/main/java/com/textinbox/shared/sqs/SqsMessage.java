package com.textinbox.shared.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;

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
}
