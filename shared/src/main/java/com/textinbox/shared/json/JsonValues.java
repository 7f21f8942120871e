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
    write(out, value, false);
  }

  /**
   * {@code plainOnly}: only what a JSON document is made of (maps, lists, arrays, trees, text,
   * numbers, booleans, null); a record, an enum or any other type is refused with an
   * {@link IllegalArgumentException} naming it, never handed to the ObjectMapper (the OpenSearch
   * client's documents, decision 68).
   */
  static void write(JsonGenerator out, Object value, boolean plainOnly) throws IOException {
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
      case JsonNode node -> node(out, node, plainOnly);
      case Map<?, ?> map -> map(out, map, plainOnly);
      case Iterable<?> items -> {
        out.writeStartArray();
        for (Object item : items) {
          write(out, item, plainOnly);
        }
        out.writeEndArray();
      }
      case Object[] items -> {
        out.writeStartArray();
        for (Object item : items) {
          write(out, item, plainOnly);
        }
        out.writeEndArray();
      }
      case Enum<?> constant when !plainOnly -> out.writeString(constant.name());
      case Record record when !plainOnly -> record(out, record);
      default -> mapped(out, value, plainOnly);
    }
  }

  /** A type this class does not write: the ObjectMapper's, built only then, unless refused. */
  private static void mapped(JsonGenerator out, Object value, boolean plainOnly) throws IOException {
    if (plainOnly) {
      throw new IllegalArgumentException("not a plain JSON value (map, list, tree, text, number, boolean): "
          + value.getClass().getName());
    }
    Json.mapper().writeValue(out, value);
  }

  private static void map(JsonGenerator out, Map<?, ?> map, boolean plainOnly) throws IOException {
    out.writeStartObject();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (entry.getValue() == null) {
        continue;
      }
      Object key = entry.getKey();
      out.writeFieldName(key instanceof Enum<?> constant ? constant.name() : String.valueOf(key));
      write(out, entry.getValue(), plainOnly);
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

  private static void node(JsonGenerator out, JsonNode node, boolean plainOnly) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          out.writeFieldName(field.getKey());
          node(out, field.getValue(), plainOnly);
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (JsonNode item : node) {
          node(out, item, plainOnly);
        }
        out.writeEndArray();
      }
      case STRING -> out.writeString(node.textValue());
      case NUMBER -> number(out, node);
      case BOOLEAN -> out.writeBoolean(node.booleanValue());
      case NULL, MISSING -> out.writeNull();
      default -> mapped(out, node, plainOnly); // binary and POJO nodes: none made here
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
