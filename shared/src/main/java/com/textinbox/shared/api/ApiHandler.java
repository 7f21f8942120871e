package com.textinbox.shared.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.observability.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every API function: API Gateway proxy event in, route by method and resource template
 * (API Gateway has matched the path already), caller from the authorizer, errors as JSON.
 *
 * <p>Free users reach only the routes registered with {@code freeUsersAllowed}; every other role
 * check is the route's own.
 */
public abstract class ApiHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

  private record Registered(Route route, boolean freeUsersAllowed, boolean withoutToken, boolean forApiKeys) {}

  private final Map<String, Registered> routes = new HashMap<>();
  /** Each route's documented request (docs/decisions.md 55), read the first time it is called. */
  private final Map<String, RequestSchema> schemas = new java.util.concurrent.ConcurrentHashMap<>();
  /** Held here: the CRaC context holds it weakly (see Priming). */
  private final org.crac.Resource priming = Priming.register(getClass().getSimpleName(), this::prime);

  /** A request for a route no function serves: the router answers 404 before any work. */
  private static final String PRIMING_EVENT = """
      {"httpMethod": "GET", "resource": "/priming", "path": "/priming", "headers": {"Accept": "application/json"},
       "requestContext": {"authorizer": {"accountId": "PRIMING#none", "userId": "PRIMING#none", "role": "ADMIN"}}}""";

  /**
   * SnapStart priming (docs/decisions.md 46): a request for a route that does not exist, through
   * the router and the JSON round trip of its answer. A function may add more by overriding this
   * (calling super), within the rule: reads of things that do not exist, never a write.
   */
  protected void prime() {
    Priming.answer(handle(Priming.event(PRIMING_EVENT)).toProxyResponse());
  }

  /**
   * For a function's {@link #prime()}: a GET of one of its own routes, through the router, as a
   * caller of an account that does not exist (so it reads nothing that exists, and answers 404 or
   * an empty list), and the JSON round trip of the answer. Only for routes that only read.
   */
  protected final ApiResponse primeGet(String resource) {
    return primeWith(PRIMING_EVENT.replace("\"/priming\"", "\"" + resource + "\""));
  }

  /**
   * For a function's {@link #prime()}: a request event of its own through the router, and the JSON
   * round trip of the answer. The event must end in a read of nothing or in a 4xx before any write
   * (a body the route's rules refuse, as a caller of an account that does not exist).
   */
  protected final ApiResponse primeWith(String event) {
    ApiResponse response = handle(Priming.event(event));
    Priming.answer(response.toProxyResponse());
    return response;
  }

  protected final void route(String method, String resource, Route route) {
    routes.put(key(method, resource), new Registered(route, false, false, false));
  }

  /** A route free users may call too (their profile, notification center, internal chat). */
  protected final void routeForEveryone(String method, String resource, Route route) {
    routes.put(key(method, resource), new Registered(route, true, false, false));
  }

  /**
   * A route API Gateway serves without the token authorizer (its Api event has
   * {@code Auth: {Authorizer: NONE}}): a webhook that proves itself otherwise, which the route
   * checks itself. Its request has no caller ({@link ApiRequest#caller()} is null).
   */
  protected final void routeWithoutToken(String method, String resource, Route route) {
    routes.put(key(method, resource), new Registered(route, true, true, false));
  }

  /**
   * A route of a company's API key (AP4, {@code /integration/*}): a user token is refused (403), as
   * a key is on every other route. The authorizer's policy already keeps each credential to its
   * routes (docs/decisions.md 48); this is the same rule in the function, should a policy be wrong.
   */
  protected final void routeForApiKeys(String method, String resource, Route route) {
    routes.put(key(method, resource), new Registered(route, false, false, true));
  }

  /** The method + resource pairs this handler serves, for the test that checks template.yaml. */
  public final java.util.Set<String> routeKeys() {
    return java.util.Set.copyOf(routes.keySet());
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = Json.read(input);
    ApiResponse response = Observability.around(context, () -> handle(event));
    output.write(Json.bytes(response.toProxyResponse()));
  }

  /** Also the entry point for tests that hold the event as a tree. */
  public final ApiResponse handle(JsonNode event) {
    try {
      String method = Json.text(event, "httpMethod");
      String resource = Json.text(event, "resource");
      Registered registered = routes.get(key(method, resource));
      if (registered == null) {
        return ApiResponse.error(new ApiError(404, "no_route", "No such route: " + method + " " + resource, null));
      }
      Caller caller = registered.withoutToken() ? null : Caller.fromAuthorizer(event.path("requestContext").path("authorizer"));
      if (caller != null && caller.isApiKey() != registered.forApiKeys()) {
        throw ApiError.forbidden(caller.isApiKey() ? "An API key reaches only the /integration routes."
            : "The /integration routes take a company's API key (Authorization: ApiKey <key>), not a user's token.");
      }
      if (caller != null && !caller.isApiKey() && caller.role() == Role.FREE && !registered.freeUsersAllowed()) {
        throw ApiError.forbidden("Free users cannot use this part of the app.");
      }
      // every request against what docs/openapi.yaml documents, before any handler reads it (decision 55)
      RequestSchema schema = schemas.computeIfAbsent(key(method, resource), k -> RequestSchema.of(method, resource));
      Map<String, String> pathParameters = strings(event.get("pathParameters"), false);
      Map<String, String> query = strings(event.get("queryStringParameters"), false);
      String body = decodeBody(event);
      schema.checkPath(pathParameters);
      schema.checkQuery(query);
      JsonNode json = schema.checkBody(body);
      ApiRequest request =
          new ApiRequest(
              method,
              resource,
              Json.text(event, "path"),
              pathParameters,
              query,
              strings(event.get("headers"), true),
              body,
              caller,
              json);
      return registered.route().handle(request);
    } catch (ApiError e) {
      return ApiResponse.error(e);
    } catch (com.textinbox.shared.store.StoreBusyException e) {
      LOG.warn("table busy", e);
      return ApiResponse.error(new ApiError(503, "busy", "The service is busy; please try again in a moment.", null));
    } catch (RuntimeException e) {
      LOG.error("request failed", e);
      return ApiResponse.error(new ApiError(500, "internal", "Something went wrong on our side; it was logged.", null));
    }
  }

  private static String decodeBody(JsonNode event) {
    String body = Json.text(event, "body");
    if (body != null && event.path("isBase64Encoded").asBoolean(false)) {
      return new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
    }
    return body;
  }

  private static Map<String, String> strings(JsonNode node, boolean lowerCaseKeys) {
    Map<String, String> map = new HashMap<>();
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = lowerCaseKeys ? field.getKey().toLowerCase(Locale.ROOT) : field.getKey();
        map.put(name, field.getValue().asText());
      }
    }
    return map;
  }

  private static String key(String method, String resource) {
    return method.toUpperCase(Locale.ROOT) + " " + resource;
  }
}
