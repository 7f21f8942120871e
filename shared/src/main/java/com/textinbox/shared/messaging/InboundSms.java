package com.textinbox.shared.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;

/**
 * The message AWS End User Messaging publishes to SNS for a two-way SMS, read and checked.
 * Numbers are normalised to E.164; a payload that cannot be read is a {@link RejectedPayload}.
 */
public record InboundSms(
    String carrierMessageId, String from, String to, String body, String keyword) {

  public static final int MAX_BODY_CHARS = 10_000;

  public static InboundSms parse(String payload, String defaultRegion) {
    JsonNode node;
    try {
      node = Json.read(payload);
    } catch (IllegalArgumentException e) {
      throw new RejectedPayload("the payload is not JSON");
    }
    if (!node.isObject()) {
      throw new RejectedPayload("the payload is not a JSON object");
    }
    String id = required(node, "inboundMessageId");
    // the carrier's E.164 numbers as they are (no libphonenumber at a text's cold start, decision 70)
    String from = PhoneNumbers.fromCarrier(required(node, "originationNumber"), defaultRegion)
        .orElseThrow(() -> new RejectedPayload("originationNumber is not a valid phone number"));
    String to = PhoneNumbers.fromCarrier(required(node, "destinationNumber"), defaultRegion)
        .orElseThrow(() -> new RejectedPayload("destinationNumber is not a valid phone number"));
    JsonNode body = node.get("messageBody");
    if (body == null || !body.isTextual()) {
      throw new RejectedPayload("messageBody is missing");
    }
    String text = body.asText();
    if (text.length() > MAX_BODY_CHARS) {
      text = text.substring(0, MAX_BODY_CHARS);
    }
    return new InboundSms(id, from, to, text, Json.text(node, "messageKeyword"));
  }

  private static String required(JsonNode node, String field) {
    String value = Json.text(node, field);
    if (value == null || value.isBlank()) {
      throw new RejectedPayload(field + " is missing");
    }
    return value;
  }

  /** A payload that will never be processable: it goes to the DLQ for a person to look at. */
  public static final class RejectedPayload extends RuntimeException {
    public RejectedPayload(String reason) {
      super(reason);
    }
  }
}
