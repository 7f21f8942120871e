package com.textinbox.shared.apikeys;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one place an API key reaches clients as JSON (docs/openapi.yaml, schemas {@code ApiKey}, {@code NewApiKey}). */
public final class ApiKeyView {
  private ApiKeyView() {}

  /** {@code {id, name, lastFour, createdAt, createdBy}}: never the key nor its hash. */
  public static Map<String, Object> of(ApiKey key) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", key.keyId());
    view.put("name", key.name());
    view.put("lastFour", key.lastFour());
    view.put("createdAt", key.createdAt());
    view.put("createdBy", key.createdBy());
    return view;
  }

  /** At creation only: the same with the key itself, which is never shown again. */
  public static Map<String, Object> created(ApiKey key, String secret) {
    Map<String, Object> view = of(key);
    view.put("key", secret);
    return view;
  }
}
