package com.textinbox.shared.imports;

import com.textinbox.shared.customers.AttributeType;

/**
 * What one column becomes (P4).
 *
 * @param to the field, {@code attribute} or {@code ignore}
 * @param key the attribute's key (attribute only)
 * @param name the attribute's name as staff read it (a new attribute; an existing one keeps its own)
 * @param type {@code text}, {@code number} or {@code date} (attribute only)
 * @param format the date format ({@link DateFormats}) of a date attribute or of {@code birthDate}
 */
public record ColumnMapping(ImportField to, String key, String name, AttributeType type, String format) {
  public static ColumnMapping field(ImportField to) {
    return new ColumnMapping(to, null, null, null, null);
  }

  public static ColumnMapping ignore() {
    return field(ImportField.IGNORE);
  }

  public static ColumnMapping attribute(String key, String name, AttributeType type, String format) {
    return new ColumnMapping(ImportField.ATTRIBUTE, key, name, type, format);
  }
}
