package com.textinbox.shared.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Runs a sample event of events/ through a real handler, as Lambda would, and reads its answer. */
public final class SampleEvents {
  private SampleEvents() {}

  /** The handler's output for events/{@code relative} (e.g. "users-api/get-me.json"), parsed. */
  public static JsonNode invoke(RequestStreamHandler handler, String relative) {
    return invokeRaw(handler, RepositoryFiles.bytes("events/" + relative));
  }

  /** The handler's output for this event, parsed (null when it wrote nothing). */
  public static JsonNode invokeRaw(RequestStreamHandler handler, byte[] event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event), out, null);
      return out.size() == 0 ? null : Json.mapper().readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of an API answer, parsed. */
  public static JsonNode body(JsonNode apiResponse) {
    return Json.read(apiResponse.path("body").asText());
  }
}
