package com.textinbox.shared.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes what the functions answer and send (maps, lists, trees, text, numbers, booleans, records)
 * with jackson-core's generator, without an ObjectMapper (docs/decisions.md 67). The output is what
 * the ObjectMapper the functions used before wrote: null values of maps and records left out (a
 * list's and a tree's kept), an enum by its name. Any other type is handed to that ObjectMapper, built
 * only then ({@link Json#mapper()}).
 */
final class JsonValues {
  private JsonValues() {}

  static void write(JsonGenerator out, Object value) throws IOException {
    switch (value) {
      case null -> out.writeNull();
      case CharSequence text -> out.writeString(text.toString());
      case Boolean bool -> out.writeBoolean(bool);
      case Integer number -> out.writeNumber(number);
      case Long number -> out.writeNumber(number);
      case Double number -> out.writeNumber(number);
      case Float number -> out.writeNumber(number);
      case Short number -> out.writeNumber(number);
      case Byte number -> out.writeNumber(number);
      case BigDecimal number -> out.writeNumber(number);
      case BigInteger number -> out.writeNumber(number);
      case JsonNode node -> node(out, node);
      case Map<?, ?> map -> map(out, map);
      case Iterable<?> items -> {
        out.writeStartArray();
        for (Object item : items) {
          write(out, item);
        }
        out.writeEndArray();
      }
      case Object[] items -> {
        out.writeStartArray();
        for (Object item : items) {
          write(out, item);
        }
        out.writeEndArray();
      }
      case Enum<?> constant -> out.writeString(constant.name());
      case Record record -> record(out, record);
      default -> Json.mapper().writeValue(out, value);
    }
  }

  private static void map(JsonGenerator out, Map<?, ?> map) throws IOException {
    out.writeStartObject();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (entry.getValue() == null) {
        continue;
      }
      Object key = entry.getKey();
      out.writeFieldName(key instanceof Enum<?> constant ? constant.name() : String.valueOf(key));
      write(out, entry.getValue());
    }
    out.writeEndObject();
  }

  private static void record(JsonGenerator out, Record record) throws IOException {
    out.writeStartObject();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      Object value = componentValue(record, component.getAccessor());
      if (value != null) {
        out.writeFieldName(component.getName());
        write(out, value);
      }
    }
    out.writeEndObject();
  }

  private static Object componentValue(Record record, Method accessor) {
    try {
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalArgumentException("cannot write JSON: " + accessor + " is not readable", e);
    }
  }

  private static void node(JsonGenerator out, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          out.writeFieldName(field.getKey());
          node(out, field.getValue());
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (JsonNode item : node) {
          node(out, item);
        }
        out.writeEndArray();
      }
      case STRING -> out.writeString(node.textValue());
      case NUMBER -> number(out, node);
      case BOOLEAN -> out.writeBoolean(node.booleanValue());
      case NULL, MISSING -> out.writeNull();
      default -> Json.mapper().writeValue(out, node); // binary and POJO nodes: none made here
    }
  }

  private static void number(JsonGenerator out, JsonNode node) throws IOException {
    switch (node.numberType()) {
      case INT -> out.writeNumber(node.intValue());
      case LONG -> out.writeNumber(node.longValue());
      case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
      case FLOAT -> out.writeNumber(node.floatValue());
      case DOUBLE -> out.writeNumber(node.doubleValue());
      default -> out.writeNumber(node.decimalValue());
    }
  }
}
