package com.textinbox.shared.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record of a DynamoDB stream event, as Lambda delivers it, with the item images read from
 * DynamoDB JSON into plain Java values: S a String, N a BigDecimal, BOOL a Boolean, NULL null,
 * B a byte[], SS and NS a Set of String or BigDecimal, BS a List of byte[], L a List, M a Map.
 *
 * <p>An image the stream does not carry is an empty map: {@code newImage} of a REMOVE,
 * {@code oldImage} of an INSERT, both on a KEYS_ONLY stream. The maps are unmodifiable.
 */
public record StreamRecord(
    String eventId,
    EventName eventName,
    String sequenceNumber,
    String eventSourceArn,
    Map<String, Object> keys,
    Map<String, Object> newImage,
    Map<String, Object> oldImage) {

  /** What happened to the item. */
  public enum EventName { INSERT, MODIFY, REMOVE }

  public boolean isRemove() {
    return eventName == EventName.REMOVE;
  }

  /** Reads one element of the event's {@code Records}; a record that cannot be read is an IllegalArgumentException. */
  public static StreamRecord of(JsonNode record) {
    JsonNode dynamodb = record.path("dynamodb");
    String sequenceNumber = Json.text(dynamodb, "SequenceNumber");
    if (sequenceNumber == null || sequenceNumber.isBlank()) {
      throw new IllegalArgumentException("a stream record without dynamodb.SequenceNumber");
    }
    String name = Json.text(record, "eventName");
    EventName eventName;
    try {
      eventName = EventName.valueOf(String.valueOf(name));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stream record " + sequenceNumber + ": unknown eventName " + name);
    }
    return new StreamRecord(
        Json.text(record, "eventID"),
        eventName,
        sequenceNumber,
        Json.text(record, "eventSourceARN"),
        image(dynamodb.get("Keys")),
        image(dynamodb.get("NewImage")),
        image(dynamodb.get("OldImage")));
  }

  /** An item in DynamoDB JSON ({@code {"PK":{"S":"..."},"n":{"N":"1"}}}) as a map of plain values. */
  public static Map<String, Object> image(JsonNode item) {
    if (item == null || item.isNull() || item.isMissingNode()) {
      return Map.of();
    }
    if (!item.isObject()) {
      throw new IllegalArgumentException("an item image is not a JSON object");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    item.properties().forEach(entry -> values.put(entry.getKey(), value(entry.getKey(), entry.getValue())));
    return Collections.unmodifiableMap(values);
  }

  private static Object value(String name, JsonNode attribute) {
    if (attribute == null || !attribute.isObject() || attribute.size() != 1) {
      throw new IllegalArgumentException("attribute " + name + " is not a DynamoDB JSON value");
    }
    Map.Entry<String, JsonNode> typed = attribute.properties().iterator().next();
    JsonNode v = typed.getValue();
    return switch (typed.getKey()) {
      case "S" -> v.asText();
      case "N" -> new BigDecimal(v.asText());
      case "BOOL" -> v.asBoolean();
      case "NULL" -> null;
      case "B" -> Base64.getDecoder().decode(v.asText());
      case "SS" -> set(v, JsonNode::asText);
      case "NS" -> set(v, n -> new BigDecimal(n.asText()));
      case "BS" -> {
        List<byte[]> list = new ArrayList<>();
        v.forEach(b -> list.add(Base64.getDecoder().decode(b.asText())));
        yield Collections.unmodifiableList(list);
      }
      case "L" -> {
        List<Object> list = new ArrayList<>();
        int i = 0;
        for (JsonNode element : v) {
          list.add(value(name + "[" + i++ + "]", element));
        }
        yield Collections.unmodifiableList(list);
      }
      case "M" -> image(v);
      default -> throw new IllegalArgumentException("attribute " + name + " has unknown type " + typed.getKey());
    };
  }

  private static <T> Set<T> set(JsonNode values, java.util.function.Function<JsonNode, T> read) {
    Set<T> set = new LinkedHashSet<>();
    values.forEach(v -> set.add(read.apply(v)));
    return Collections.unmodifiableSet(set);
  }
}
