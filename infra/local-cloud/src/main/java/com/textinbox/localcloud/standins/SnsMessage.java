package com.textinbox.localcloud.standins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One message published to SNS, checked as SNS checks it. With {@code MessageStructure=json} the
 * message is a JSON object of one text per protocol, with "default" for the others.
 */
record SnsMessage(
    String messageId,
    String subject,
    String message,
    boolean jsonStructure,
    Map<String, Attribute> attributes,
    Instant timestamp,
    String messageGroupId,
    String deduplicationId) {

  /** 256 KB: the most SNS takes for a message and its attributes together. */
  static final int MAX_BYTES = 262_144;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A message attribute; {@code binaryValue} is base64, as it travels on the wire. */
  record Attribute(String dataType, String stringValue, String binaryValue) {
    String value() {
      return binaryValue != null ? binaryValue : stringValue;
    }

    boolean isBinary() {
      return dataType.startsWith("Binary");
    }
  }

  /**
   * Reads a message from Query parameters: {@code Message}, {@code Subject}, {@code MessageStructure}
   * and {@code MessageAttributes.entry.N.*} (also a PublishBatch entry's fields).
   */
  static SnsMessage fromQuery(Map<String, String> fields) {
    Map<String, Attribute> attributes = new LinkedHashMap<>();
    for (Map<String, String> entry : QueryProtocol.indexed(fields, "MessageAttributes.entry")) {
      String name = entry.get("Name");
      if (name == null || name.isEmpty()) {
        throw invalidParameter("MessageAttributes: an attribute has no name");
      }
      attributes.put(name, new Attribute(entry.get("Value.DataType"), entry.get("Value.StringValue"),
          entry.get("Value.BinaryValue")));
    }
    return create(QueryProtocol.required(fields, "Message"), fields.get("Subject"),
        fields.get("MessageStructure"), attributes)
        .ordered(fields.get("MessageGroupId"), fields.get("MessageDeduplicationId"));
  }

  /** Checks and stamps a message: an empty message, a bad attribute or over 256 KB is refused. */
  static SnsMessage create(String message, String subject, String structure, Map<String, Attribute> attributes) {
    if (message == null || message.isBlank()) {
      throw invalidParameter("Empty message");
    }
    if (subject != null && (subject.isBlank() || subject.length() > 100
        || subject.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
      throw invalidParameter("Subject");
    }
    boolean json = structure != null;
    if (json && !structure.equals("json")) {
      throw invalidParameter("MessageStructure");
    }
    if (json) {
      protocolTexts(message);
    }
    attributes.forEach(SnsMessage::checkAttribute);
    long size = message.getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, Attribute> entry : attributes.entrySet()) {
      size += utf8Length(entry.getKey()) + utf8Length(entry.getValue().dataType())
          + utf8Length(entry.getValue().value());
    }
    if (size > MAX_BYTES) {
      throw invalidParameter("Message too long");
    }
    return new SnsMessage(UUID.randomUUID().toString(), subject, message, json,
        Collections.unmodifiableMap(new LinkedHashMap<>(attributes)), Instant.now(), null, null);
  }

  /** The same message with the ordering fields of a FIFO topic (both may be null). */
  SnsMessage ordered(String groupId, String deduplicationId) {
    return new SnsMessage(messageId, subject, message, jsonStructure, attributes, timestamp, groupId, deduplicationId);
  }

  private static void checkAttribute(String name, Attribute attribute) {
    String type = attribute.dataType();
    if (type == null || !(type.equals("String") || type.startsWith("String.") || type.equals("Number")
        || type.startsWith("Number.") || type.equals("Binary") || type.startsWith("Binary."))) {
      throw valueInvalid("The message attribute '" + name + "' has an invalid message attribute type, "
          + "the set of supported type prefixes is Binary, Number, and String.");
    }
    String value = attribute.value();
    if (value == null || value.isEmpty()) {
      throw valueInvalid("The message attribute '" + name + "' must contain non-empty message attribute value"
          + " for message attribute type '" + type + "'.");
    }
    if (attribute.isBinary()) {
      try {
        Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        throw valueInvalid("The message attribute '" + name + "' has an invalid binary value: it is not base64");
      }
    }
    if (type.startsWith("Number")) {
      try {
        new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw valueInvalid("The message attribute '" + name + "' has an invalid numeric value: " + value);
      }
    }
  }

  /** Requires the "default" text a JSON-structured message needs for topics and phone numbers. */
  SnsMessage requireDefault() {
    if (jsonStructure && !protocolTexts(message).has("default")) {
      throw invalidParameter("Message Structure - No default entry in JSON message body");
    }
    return this;
  }

  /** The text one kind of recipient gets: its own entry of a JSON-structured message, or the message. */
  String textFor(String protocolKey) {
    if (!jsonStructure) {
      return message;
    }
    JsonNode texts = protocolTexts(message);
    JsonNode own = texts.get(protocolKey);
    return own != null && own.isTextual() ? own.asText() : texts.path("default").asText(message);
  }

  /** The attributes that carry text, by name (a binary one as its base64). */
  Map<String, String> stringAttributes() {
    Map<String, String> values = new LinkedHashMap<>();
    attributes.forEach((name, attribute) -> values.put(name, attribute.value()));
    return values;
  }

  private static JsonNode protocolTexts(String message) {
    try {
      JsonNode node = JSON.readTree(message);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException e) {
      // answered below, as SNS does
    }
    throw invalidParameter("Message Structure - JSON message body failed to parse");
  }

  private static int utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }

  static ServiceError invalidParameter(String what) {
    return ServiceError.badRequest("InvalidParameter", "Invalid parameter: " + what);
  }

  private static ServiceError valueInvalid(String message) {
    return ServiceError.badRequest("ParameterValueInvalid", message);
  }
}
