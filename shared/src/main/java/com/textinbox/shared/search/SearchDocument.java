package com.textinbox.shared.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One document of the search index: its id (stable per table item, so writing it again replaces
 * it) and its fields, named as in infra/opensearch/inbox.json.
 */
public record SearchDocument(String id, Map<String, Object> fields) {
  public SearchDocument {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // in order: readable documents
  }

  public String kind() {
    return (String) fields.get(SearchDocuments.KIND);
  }
}
