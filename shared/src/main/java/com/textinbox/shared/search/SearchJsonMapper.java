package com.textinbox.shared.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.client.json.JsonpDeserializer;
import org.opensearch.client.json.JsonpDeserializerBase;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.JsonpMapperBase;
import org.opensearch.client.json.JsonpSerializer;
import org.opensearch.client.json.jackson.JacksonJsonProvider;
import org.opensearch.client.json.jackson.JacksonJsonpGenerator;
import org.opensearch.client.json.jackson.JacksonJsonpParser;

/**
 * The OpenSearch client's JSON mapping without an ObjectMapper (C15, docs/decisions.md 68): the
 * client's own types write and read themselves over the client's jackson-core provider
 * ({@link JacksonJsonProvider}), as with its {@code JacksonJsonpMapper}; what that mapper handed
 * to an ObjectMapper (building one cost each search function about 450 classes at init and 120 to
 * 180 ms of a cold start's CPU) is here only the documents the search functions have: maps
 * written as they index them ({@link SearchDocument#fields()}: text, lists of text, numbers) through
 * {@link Json#writePlain}, and {@code _source} read back as a {@code Map} (as the ObjectMapper read
 * it: {@code LinkedHashMap}, {@code ArrayList}, Integer, Long or BigInteger by size, Double,
 * String, Boolean, null). Any other document type is refused with a message naming it.
 */
public final class SearchJsonMapper extends JsonpMapperBase {
  private final JsonProvider provider;

  public SearchJsonMapper() {
    this.provider = new JacksonJsonProvider();
  }

  private SearchJsonMapper(SearchJsonMapper like) {
    super(like);
    this.provider = like.provider;
  }

  @Override
  public JsonProvider jsonProvider() {
    return provider;
  }

  /** The client passes the deserializer of a request's document type this way (msearch, mget): kept with a copy. */
  @Override
  public <T> JsonpMapper withAttribute(String name, T value) {
    return new SearchJsonMapper(this).addAttribute(name, value);
  }

  @Override
  public <T> void serialize(T value, JsonGenerator generator) {
    JsonpSerializer<T> own = findSerializer(value);
    if (own != null) {
      own.serialize(value, generator, this);
      return;
    }
    if (!(generator instanceof JacksonJsonpGenerator jackson)) {
      throw new IllegalArgumentException("documents are written only through the jackson-core provider, not " + generator.getClass().getName());
    }
    try {
      Json.writePlain(jackson.jacksonGenerator(), value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a search document must be a map of plain JSON values: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new JsonException(e.getMessage(), e);
    }
  }

  @Override
  protected <T> JsonpDeserializer<T> getDefaultDeserializer(Class<T> type) {
    if (type != Map.class) {
      throw new IllegalArgumentException("search documents are read as a Map only (no ObjectMapper here): not as " + type.getName());
    }
    return new DocumentDeserializer<>();
  }

  /** A {@code _source}: an object, or null. */
  private static final class DocumentDeserializer<T> extends JsonpDeserializerBase<T> {
    DocumentDeserializer() {
      super(EnumSet.of(JsonParser.Event.START_OBJECT, JsonParser.Event.VALUE_NULL));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser parser, JsonpMapper mapper, JsonParser.Event event) {
      if (event == JsonParser.Event.VALUE_NULL) {
        return null;
      }
      if (!(parser instanceof JacksonJsonpParser jackson)) {
        throw new IllegalArgumentException("documents are read only through the jackson-core provider, not " + parser.getClass().getName());
      }
      try {
        return (T) plain(Json.readCurrent(jackson.jacksonParser()));
      } catch (IOException e) {
        throw new JsonException(e.getMessage(), e);
      }
    }
  }

  /** A tree as the plain values an ObjectMapper reads into a {@code Map}. */
  static Object plain(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        node.properties().forEach(field -> fields.put(field.getKey(), plain(field.getValue())));
        yield fields;
      }
      case ARRAY -> {
        List<Object> items = new ArrayList<>(node.size());
        node.forEach(item -> items.add(plain(item)));
        yield items;
      }
      case STRING -> node.textValue();
      case NUMBER -> node.numberValue();
      case BOOLEAN -> node.booleanValue();
      default -> null; // null (the parser's trees hold no binary or object nodes)
    };
  }
}
