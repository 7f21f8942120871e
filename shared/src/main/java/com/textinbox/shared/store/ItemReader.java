package com.textinbox.shared.store;

import com.textinbox.shared.data.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads an item's attributes for a mapper; a missing attribute reads as null (or the default given). */
public record ItemReader(Map<String, AttributeValue> item) {
  public static ItemReader of(Map<String, AttributeValue> item) {
    return new ItemReader(item);
  }

  public boolean has(String name) {
    AttributeValue value = item.get(name);
    return value != null && !Boolean.TRUE.equals(value.nul());
  }

  public String str(String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  public String str(String name, String otherwise) {
    String value = str(name);
    return value == null ? otherwise : value;
  }

  public Instant time(String name) {
    String value = str(name);
    return value == null ? null : Instant.parse(value);
  }

  public boolean bool(String name) {
    AttributeValue value = item.get(name);
    return value != null && Boolean.TRUE.equals(value.bool());
  }

  public Long num(String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? null : Long.valueOf(value.n());
  }

  public long num(String name, long otherwise) {
    Long value = num(name);
    return value == null ? otherwise : value;
  }

  public List<String> strList(String name) {
    AttributeValue value = item.get(name);
    List<String> out = new ArrayList<>();
    if (value != null && value.hasL()) {
      value.l().forEach(v -> out.add(v.s()));
    } else if (value != null && value.hasSs()) {
      out.addAll(value.ss());
    }
    return out;
  }

  public ItemReader map(String name) {
    AttributeValue value = item.get(name);
    return value == null || !value.hasM() ? null : new ItemReader(value.m());
  }

  public String pk() {
    return str(Table.PK);
  }

  public String sk() {
    return str(Table.SK);
  }

  /** The sort key without its prefix: the id of an item keyed {@code PREFIX<id>}. */
  public String skAfter(String prefix) {
    String sk = sk();
    return sk == null || !sk.startsWith(prefix) ? null : sk.substring(prefix.length());
  }

  public String type() {
    return str(Table.TYPE);
  }
}
