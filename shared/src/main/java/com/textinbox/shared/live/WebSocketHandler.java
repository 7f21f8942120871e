package com.textinbox.shared.live;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.observability.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of a function behind routes of an API Gateway WebSocket API: the event's
 * {@code requestContext.routeKey} ($connect, $disconnect, $default or a route of the API's
 * selection expression), its connection id, and the caller the $connect authorizer verified (API
 * Gateway hands the authorizer's context to every route of the connection, $disconnect included).
 * The answer is {@code {"statusCode": ...}}: on $connect anything but 2xx refuses the connection.
 */
public abstract class WebSocketHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketHandler.class);

  /** One WebSocket event as a handler needs it. */
  public record WebSocketEvent(String routeKey, String connectionId, Caller caller, String body) {}

  /** Held here: the CRaC context holds it weakly (see Priming). */
  private final org.crac.Resource priming = Priming.register(getClass().getSimpleName(), this::prime);

  /**
   * SnapStart priming (docs/decisions.md 46): a WebSocket event read and its caller taken apart,
   * an answer written, without handling the route. A function may add reads by overriding this.
   */
  protected void prime() {
    JsonNode requestContext = Priming.event("""
        {"requestContext": {"routeKey": "$default", "connectionId": "priming",
                            "authorizer": {"accountId": "priming", "userId": "priming", "role": "ADMIN"}}}""")
        .path("requestContext");
    Caller.fromAuthorizer(requestContext.path("authorizer"));
    Priming.answer(Map.of("statusCode", 200));
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = Json.read(input);
    int status = Observability.around(context, () -> handle(event));
    output.write(Json.bytes(Map.of("statusCode", status)));
  }

  /** Also the entry point for tests that hold the event as a tree; answers the status code. */
  public final int handle(JsonNode event) {
    JsonNode requestContext = event.path("requestContext");
    String routeKey = Json.text(requestContext, "routeKey");
    String connectionId = Json.text(requestContext, "connectionId");
    if (routeKey == null || connectionId == null) {
      LOG.warn("not a WebSocket event: no routeKey or connectionId");
      return 400;
    }
    Caller caller;
    try {
      caller = Caller.fromAuthorizer(requestContext.path("authorizer"));
    } catch (RuntimeException e) {
      return 401; // no verified identity: the API must put an authorizer on $connect
    }
    try {
      return handle(new WebSocketEvent(routeKey, connectionId, caller, Json.text(event, "body")));
    } catch (RuntimeException e) {
      LOG.error("WebSocket route {} failed", routeKey, e);
      return 500;
    }
  }

  protected abstract int handle(WebSocketEvent event);
}
