package com.textinbox.shared.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.AttributeType;
import com.textinbox.shared.json.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Each column of a file mapped (P4), in the file's column order: the body's {@code mapping}
 * ({@code [{"to": "firstName"}, {"to": "attribute", "key": "nextService", "name": "Next service",
 * "type": "date", "format": "dd/MM/yyyy"}, {"to": "ignore"}]}), a proposal, a saved mapping.
 */
public record ImportMapping(List<ColumnMapping> columns) {
  static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
  private static final Set<ImportField> IDENTIFYING = EnumSet.of(ImportField.FIRST_NAME, ImportField.LAST_NAME,
      ImportField.MOBILE);

  public ImportMapping {
    columns = List.copyOf(columns);
  }

  /** The attributes this mapping adds to the company's definitions (keys it does not have yet). */
  public List<AttributeDefinition> newAttributes(List<AttributeDefinition> definitions) {
    Set<String> known = new HashSet<>();
    definitions.forEach(d -> known.add(d.key()));
    List<AttributeDefinition> added = new ArrayList<>();
    for (ColumnMapping c : columns) {
      if (c.to() == ImportField.ATTRIBUTE && !known.contains(c.key())) {
        added.add(new AttributeDefinition(c.key(), c.name(), c.type()));
      }
    }
    return added;
  }

  /**
   * The mapping of a request, checked against the file's titles and the company's attributes: one
   * entry per column; a profile field and an attribute key at most once; an existing attribute
   * with its own type; a date with a known format; a name or a mobile mapped (a profile needs
   * something to call it by). A 400 naming {@code mapping[i].<field>} otherwise.
   */
  public static ImportMapping parse(JsonNode node, int columnCount, List<AttributeDefinition> definitions) {
    if (node == null || !node.isArray()) {
      throw ApiError.invalid("mapping", "'mapping' is a list with one entry per column of the file: {\"to\": ...}.");
    }
    if (node.size() != columnCount) {
      throw ApiError.invalid("mapping", "The file has " + columnCount + " columns; 'mapping' has " + node.size()
          + " entries (one per column, {\"to\": \"ignore\"} for a column left out).");
    }
    Map<String, AttributeDefinition> byKey = new HashMap<>();
    definitions.forEach(d -> byKey.put(d.key(), d));
    Set<ImportField> fields = EnumSet.noneOf(ImportField.class);
    Set<String> keys = new HashSet<>();
    Set<String> newNames = new HashSet<>();
    definitions.forEach(d -> newNames.add(d.name().toLowerCase(java.util.Locale.ROOT)));
    List<ColumnMapping> columns = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String at = "mapping[" + i + "]";
      JsonNode c = node.get(i);
      if (!c.isObject()) {
        throw ApiError.invalid(at, "'" + at + "' is an object {\"to\": ...}.");
      }
      ImportField to = ImportField.of(text(c, "to")).orElseThrow(() -> ApiError.invalid(at + ".to",
          "'" + at + ".to' is one of " + codes() + "."));
      if (to.isProfileField() && !fields.add(to)) {
        throw ApiError.invalid(at + ".to", "Two columns are mapped to " + to.code() + ".");
      }
      switch (to) {
        case ATTRIBUTE -> columns.add(attribute(c, at, byKey, keys, newNames));
        case BIRTH_DATE -> columns.add(new ColumnMapping(to, null, null, null, format(c, at)));
        default -> columns.add(ColumnMapping.field(to));
      }
    }
    if (fields.stream().noneMatch(IDENTIFYING::contains)) {
      throw ApiError.invalid("mapping", "Map a column to firstName, lastName or mobile: a customer needs a name or a mobile number.");
    }
    int added = (int) columns.stream().filter(c -> c.to() == ImportField.ATTRIBUTE && !byKey.containsKey(c.key())).count();
    if (definitions.size() + added > com.textinbox.shared.customers.CustomerAttributeRules.MAX_DEFINITIONS) {
      throw ApiError.invalid("mapping", "The company has " + definitions.size() + " attributes; " + added + " more would pass "
          + "the limit of " + com.textinbox.shared.customers.CustomerAttributeRules.MAX_DEFINITIONS + ".");
    }
    return new ImportMapping(columns);
  }

  private static ColumnMapping attribute(JsonNode c, String at, Map<String, AttributeDefinition> byKey, Set<String> keys,
      Set<String> names) {
    String key = text(c, "key");
    if (key == null || !KEY.matcher(key).matches()) {
      throw ApiError.invalid(at + ".key", "'" + at + ".key' is 1-40 letters, digits or _, starting with a letter.");
    }
    if (!keys.add(key)) {
      throw ApiError.invalid(at + ".key", "Two columns are mapped to the attribute '" + key + "'.");
    }
    AttributeType type = switch (String.valueOf(text(c, "type"))) {
      case "text" -> AttributeType.TEXT;
      case "number" -> AttributeType.NUMBER;
      case "date" -> AttributeType.DATE;
      default -> throw ApiError.invalid(at + ".type", "'" + at + ".type' is text, number or date.");
    };
    String format = type == AttributeType.DATE ? format(c, at) : null;
    AttributeDefinition existing = byKey.get(key);
    if (existing != null) {
      if (existing.type() != type) {
        throw ApiError.invalid(at + ".type", "The attribute '" + key + "' is of type " + existing.type().code() + ".");
      }
      return ColumnMapping.attribute(key, existing.name(), type, format);
    }
    String name = text(c, "name");
    if (name == null || name.isBlank() || name.strip().length() > 60) {
      throw ApiError.invalid(at + ".name", "A new attribute needs a name of 1-60 characters ('" + at + ".name').");
    }
    if (!names.add(name.strip().toLowerCase(java.util.Locale.ROOT))) {
      throw ApiError.invalid(at + ".name", "The company already has an attribute named '" + name.strip() + "'.");
    }
    return ColumnMapping.attribute(key, name.strip(), type, format);
  }

  private static String format(JsonNode c, String at) {
    String format = text(c, "format");
    if (format == null || !DateFormats.known(format)) {
      throw ApiError.invalid(at + ".format", "'" + at + ".format' is one of " + String.join(", ", DateFormats.FORMATS) + ".");
    }
    return format;
  }

  private static String text(JsonNode c, String field) {
    JsonNode value = c.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private static String codes() {
    List<String> codes = new ArrayList<>();
    for (ImportField f : ImportField.values()) {
      codes.add(f.code());
    }
    return String.join(", ", codes);
  }

  /** As the API writes it (and as it is saved): the shape {@link #parse} reads. */
  public ArrayNode toJson() {
    ArrayNode array = Json.array();
    for (ColumnMapping c : columns) {
      var o = array.addObject().put("to", c.to().code());
      if (c.key() != null) {
        o.put("key", c.key());
      }
      if (c.name() != null) {
        o.put("name", c.name());
      }
      if (c.type() != null) {
        o.put("type", c.type().code());
      }
      if (c.format() != null) {
        o.put("format", c.format());
      }
    }
    return array;
  }
}
