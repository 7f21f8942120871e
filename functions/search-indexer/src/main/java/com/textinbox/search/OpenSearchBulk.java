package com.textinbox.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.search.OpenSearchHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SearchIndex} on an OpenSearch index: one {@code POST /<index>/_bulk} per call, its
 * newline-delimited body written with the shared ObjectMapper, its answer read item by item.
 * Requests are signed (SigV4, {@link OpenSearchHttp}): on AWS the domain lets the function in by
 * its ElasticsearchHttpPostPolicy; locally OpenSearch ignores the signature.
 */
final class OpenSearchBulk implements SearchIndex {
  private static final String NDJSON = "application/x-ndjson";

  private final OpenSearchHttp http;
  private final String index;

  OpenSearchBulk(OpenSearchHttp http, String index) {
    this.http = http;
    this.index = index;
  }

  @Override
  public List<String> bulk(List<IndexAction> actions) throws IOException {
    OpenSearchHttp.Response response = http.post("/" + index + "/_bulk", NDJSON, body(actions));
    if (!response.ok()) {
      throw new IOException("the bulk request to index " + index + " was answered " + response.status() + " ("
          + errorOf(response.body()) + ")");
    }
    return outcomes(response.body(), actions.size());
  }

  /** The bulk body: an action line per action, followed by the document for a write. */
  static byte[] body(List<IndexAction> actions) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (IndexAction action : actions) {
      ObjectNode line = Json.object();
      switch (action) {
        case IndexAction.Put put -> {
          line.putObject("index").put("_id", put.documentId());
          out.writeBytes(Json.bytes(line));
          out.write('\n');
          out.writeBytes(Json.bytes(put.document().fields()));
        }
        case IndexAction.Delete delete -> {
          line.putObject("delete").put("_id", delete.documentId());
          out.writeBytes(Json.bytes(line));
        }
      }
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** One entry per action: null when applied, else its status and error type (never the reason, which may quote the document). */
  static List<String> outcomes(String body, int expected) throws IOException {
    JsonNode answer;
    try {
      answer = Json.read(body);
    } catch (IllegalArgumentException e) {
      throw new IOException("the bulk answer is not JSON");
    }
    JsonNode items = answer.path("items");
    if (!items.isArray() || items.size() != expected) {
      throw new IOException("the bulk answer has " + items.size() + " items for " + expected + " actions");
    }
    List<String> outcomes = new ArrayList<>(expected);
    for (JsonNode item : items) {
      JsonNode result = item.isObject() && item.size() == 1 ? item.elements().next() : item;
      JsonNode error = result.get("error");
      // a delete of a document already gone answers 404 "not_found" without an error: done
      outcomes.add(error == null || error.isNull() ? null
          : result.path("status").asInt() + " " + (error.isObject() ? error.path("type").asText("error") : "error"));
    }
    return outcomes;
  }

  /** What went wrong with a whole request, for the log: OpenSearch's error type, or AWS's message. */
  private static String errorOf(String body) {
    try {
      JsonNode answer = Json.read(body);
      JsonNode error = answer.path("error");
      if (error.isObject() && error.hasNonNull("type")) {
        return error.get("type").asText();
      }
      String message = Json.text(answer, "Message") != null ? Json.text(answer, "Message") : Json.text(answer, "message");
      if (message != null) {
        return message.length() > 300 ? message.substring(0, 300) : message;
      }
    } catch (IllegalArgumentException notJson) {
      // fall through
    }
    return "no error details";
  }
}
