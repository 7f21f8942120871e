package com.textinbox.shared.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON in and out of every function: jackson-core's streaming parser and generator and Jackson's
 * tree nodes, with no ObjectMapper on the way (docs/decisions.md 67: an ObjectMapper and the
 * serialisers it builds on first use were about 400 classes and a sixth of a cold start's CPU).
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Maps, lists, trees, text, numbers, booleans and records as JSON text ({@link JsonValues}). */
  public static String write(Object value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      JsonValues.write(out, value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** {@link #write(Object)} as UTF-8. */
  public static byte[] bytes(Object value) {
    ByteArrayBuilder bytes = new ByteArrayBuilder();
    try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
      JsonValues.write(out, value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Parses JSON text (its first value; no content is the missing node); malformed text is an
   * {@link IllegalArgumentException} with the parser's reason.
   */
  public static JsonNode read(String text) {
    return lenient(() -> FACTORY.createParser(text));
  }

  public static JsonNode read(byte[] bytes) {
    return lenient(() -> FACTORY.createParser(bytes));
  }

  public static JsonNode read(InputStream in) {
    return lenient(() -> FACTORY.createParser(in));
  }

  /**
   * Parses exactly one JSON value: text after it is refused too (the API's bodies). The exception
   * carries where the fault is.
   */
  public static JsonNode readStrict(String text) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(text)) {
      return JsonTrees.read(parser, true);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface ParserSource {
    JsonParser open() throws IOException;
  }

  private static JsonNode lenient(ParserSource source) {
    try (JsonParser parser = source.open()) {
      return JsonTrees.read(parser, false);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a plain JSON value (maps, lists, trees, text, numbers, booleans, null; a map's null
   * values left out) to a generator someone else holds: the OpenSearch client's documents
   * (docs/decisions.md 68). Anything else (a record, an enum, a bean) is refused with an
   * {@link IllegalArgumentException} naming its class: nothing here builds an ObjectMapper.
   */
  public static void writePlain(JsonGenerator out, Object value) throws IOException {
    JsonValues.write(out, value, true);
  }

  /**
   * The value a parser someone else holds is on (its current token), as a tree, the parser left on
   * the value's last token: the OpenSearch client's documents (docs/decisions.md 68).
   */
  public static JsonNode readCurrent(JsonParser parser) throws IOException {
    return JsonTrees.current(parser);
  }

  /** JSON text mapped onto a class by Jackson's databinding (tests, and clients that need a mapper). */
  public static <T> T read(String text, Class<T> type) {
    try {
      return mapper().readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * An ObjectMapper configured as the functions' JSON is (unknown properties ignored, a record's
   * nulls left out), built on first use only: tests, the local cloud, and a type {@link JsonValues}
   * does not write (none today). No function builds it (the OpenSearch client: decision 68).
   */
  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  /** A text field, or null when missing, null or not text. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }

  /** Holder: the mapper is built when first asked for, not when {@link Json} is loaded. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE =
        new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }
}
