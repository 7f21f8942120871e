package com.textinbox.shared.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/**
 * The search index behind its alias (C15, docs/decisions.md 58): searches and writes name the
 * alias ({@code inbox}); the index under it is {@code <alias>-<generation>}, created with the
 * mapping of {@code search/inbox-index.json} by the stack itself (the indexer's first write in a
 * container, or the Reindex function), never guessed by the domain. A rebuild creates a new
 * generation and moves the alias to it in one atomic {@code _aliases} call: searches never see
 * a missing or half-built index.
 */
public final class SearchIndexes {
  private static final String MAPPING_RESOURCE = "/search/inbox-index.json";
  /** The alias on the generation the Reindex function is filling ({@code inbox-rebuild}), while it does. */
  public static final String REBUILD_SUFFIX = "-rebuild";

  private final OpenSearchClient client;
  private final String alias;

  public SearchIndexes(OpenSearchClient client, String alias) {
    this.client = client;
    this.alias = alias;
  }

  public String alias() {
    return alias;
  }

  /** The settings and mappings every generation is created with. */
  public static ObjectNode definition() {
    try (InputStream in = SearchIndexes.class.getResourceAsStream(MAPPING_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(MAPPING_RESOURCE + " is missing from the jar");
      }
      return (ObjectNode) Json.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The indexes the alias points at now (empty when it does not exist yet). */
  public List<String> current() throws IOException {
    try (Response response = call("GET", "/_alias/" + alias, null)) {
      List<String> indexes = new ArrayList<>();
      if (response.getStatus() == 200) {
        readBody(response).fieldNames().forEachRemaining(indexes::add);
      } else if (response.getStatus() != 404) {
        throw failure("reading alias " + alias, response);
      }
      return indexes;
    }
  }

  /**
   * Makes sure the alias exists: when it does not, creates generation 1 with the alias in the same
   * request. Two containers racing both end with the same index (the loser's create is refused).
   */
  public void ensure() throws IOException {
    if (!current().isEmpty()) {
      return;
    }
    create(alias + "-1", alias);
  }

  /** Creates a generation with the mapping, with an alias on it (the live one, or the rebuild's). An existing one is left as it is. */
  public void create(String index, String aliasOnIt) throws IOException {
    ObjectNode body = definition();
    body.putObject("aliases").putObject(aliasOnIt);
    try (Response response = call("PUT", "/" + index, body)) {
      if (response.getStatus() / 100 != 2 && !errorType(response).equals("resource_already_exists_exception")) {
        throw failure("creating index " + index, response);
      }
    }
  }

  /**
   * Points the alias at {@code index} only, atomically (searches see the old one, then the new
   * one), and takes the rebuild's alias off it in the same call.
   */
  public void switchTo(String index, List<String> previous) throws IOException {
    ObjectNode body = Json.object();
    var actions = body.putArray("actions");
    actions.addObject().putObject("add").put("index", index).put("alias", alias);
    actions.addObject().putObject("remove").put("index", index).put("alias", alias + REBUILD_SUFFIX);
    for (String old : previous) {
      if (!old.equals(index)) {
        actions.addObject().putObject("remove").put("index", old).put("alias", alias);
      }
    }
    try (Response response = call("POST", "/_aliases", body)) {
      if (response.getStatus() / 100 != 2) {
        throw failure("moving alias " + alias + " to " + index, response);
      }
    }
  }

  /** Deletes an index that no alias serves any more. */
  public void delete(String index) throws IOException {
    try (Response response = call("DELETE", "/" + index, null)) {
      if (response.getStatus() / 100 != 2 && response.getStatus() != 404) {
        throw failure("deleting index " + index, response);
      }
    }
  }

  /** Makes what was written searchable now (the Reindex function, before it moves the alias). */
  public void refresh(String index) throws IOException {
    try (Response response = call("POST", "/" + index + "/_refresh", null)) {
      if (response.getStatus() / 100 != 2) {
        throw failure("refreshing " + index, response);
      }
    }
  }

  private Response call(String method, String path, JsonNode body) throws IOException {
    var request = Requests.builder().method(method).endpoint(path);
    if (body != null) {
      request.body(Body.from(Json.bytes(body), "application/json"));
    }
    return client.generic().execute(request.build());
  }

  private static JsonNode readBody(Response response) throws IOException {
    return response.getBody().map(body -> Json.read(body.bodyAsString())).orElse(Json.object());
  }

  private static String errorType(Response response) throws IOException {
    return readBody(response).path("error").path("type").asText("");
  }

  private static IOException failure(String what, Response response) throws IOException {
    String type = errorType(response);
    return new IOException(what + " was answered " + response.getStatus() + (type.isEmpty() ? "" : " (" + type + ")"));
  }
}
