package com.textinbox.localcloud.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.localcloud.LocalResources;
import com.textinbox.localcloud.lambda.LocalFunction;
import com.textinbox.localcloud.template.SamTemplate;
import com.textinbox.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway's WebSocket API, for the template's {@code AWS::ApiGatewayV2::Api} of ProtocolType
 * WEBSOCKET, read from its Stage, Routes, Integrations (AWS_PROXY to a function of the template)
 * and REQUEST Authorizer as AWS reads them:
 *
 * <ul>
 *   <li>{@code ws://127.0.0.1:PORT/<stage>?...}: the handshake runs $connect's authorizer (401
 *       without calling it when an identity source is missing; 401 when it says "Unauthorized",
 *       403 on a Deny) then the $connect integration (anything but 2xx refuses the connection);
 *   <li>each text frame is routed by the API's RouteSelectionExpression
 *       ({@code $request.body.action}), else {@code $default}, else answered
 *       {@code {"message":"Forbidden",...}} as API Gateway does;
 *   <li>a close runs $disconnect;
 *   <li>every event has API Gateway's shape: {@code requestContext.routeKey, eventType,
 *       connectionId, connectedAt, stage, apiId, domainName, authorizer} (the authorizer's context
 *       from $connect, on every route of the connection);
 *   <li>the Management API on the same port, as the SDK's {@code ApiGatewayManagementApiClient}
 *       calls it: {@code POST|GET|DELETE /<stage>/@connections/{id}} (410 GoneException for a
 *       connection that is no more).
 * </ul>
 */
public final class WebSocketGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketGateway.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final String CONNECTIONS = "/@connections/";

  private record Authorizer(LocalFunction function, List<String> identitySources) {}

  /** One open connection: its socket and what API Gateway keeps of its $connect. */
  private record Connection(String id, Session session, Instant connectedAt, String sourceIp, String userAgent,
      JsonNode authorizer, Instant[] lastActive) {}

  private final Server server;
  private final String stage;
  private final String selectionExpression;
  private final Map<String, LocalFunction> routes = new LinkedHashMap<>();
  private final Authorizer connectAuthorizer;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final ExecutorService invocations = Executors.newFixedThreadPool(4);
  private final String url;

  /** The template's WebSocket API, or null when it has none. */
  public static WebSocketGateway start(int port, LocalResources resources, Map<String, LocalFunction> functions) throws Exception {
    SamTemplate template = resources.template();
    List<String> apis = template.resourcesOfType("AWS::ApiGatewayV2::Api").stream()
        .filter(id -> "WEBSOCKET".equals(template.properties(id).get("ProtocolType"))).toList();
    if (apis.isEmpty()) {
      return null;
    }
    if (apis.size() > 1) {
      throw new IllegalArgumentException("the local cloud serves one WebSocket API; template.yaml has " + apis);
    }
    return new WebSocketGateway(port, resources, functions, apis.getFirst());
  }

  private WebSocketGateway(int port, LocalResources resources, Map<String, LocalFunction> functions, String apiId) throws Exception {
    SamTemplate template = resources.template();
    selectionExpression = String.valueOf(template.properties(apiId).getOrDefault("RouteSelectionExpression", "$request.body.action"));
    String stageName = null;
    for (String id : template.resourcesOfType("AWS::ApiGatewayV2::Stage")) {
      if (apiId.equals(TemplateRefs.refTarget(template.properties(id).get("ApiId")))) {
        stageName = resources.resolve(template.properties(id).get("StageName"));
      }
    }
    if (stageName == null) {
      throw new IllegalArgumentException("WebSocket API " + apiId + " has no AWS::ApiGatewayV2::Stage in template.yaml");
    }
    stage = stageName;
    Authorizer authorizer = null;
    for (String id : template.resourcesOfType("AWS::ApiGatewayV2::Route")) {
      Map<String, Object> route = template.properties(id);
      if (!apiId.equals(TemplateRefs.refTarget(route.get("ApiId")))) {
        continue;
      }
      String key = resources.resolve(route.get("RouteKey"));
      String target = resources.resolve(route.get("Target"));
      String integration = target.replaceFirst("^integrations/", "");
      routes.put(key, function(resources, functions, template.properties(integration).get("IntegrationUri"), "route " + key));
      if ("$connect".equals(key) && "CUSTOM".equals(route.get("AuthorizationType"))) {
        Map<String, Object> definition = template.properties(resources.resolve(route.get("AuthorizerId")));
        if (!"REQUEST".equals(definition.get("AuthorizerType"))) {
          throw new IllegalArgumentException("the local cloud runs REQUEST authorizers of WebSocket APIs only");
        }
        List<String> sources = SamTemplate.list(definition.get("IdentitySource")).stream().map(resources::resolve).toList();
        authorizer = new Authorizer(function(resources, functions, definition.get("AuthorizerUri"), "authorizer"), sources);
      }
    }
    connectAuthorizer = authorizer;

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
      container.setIdleTimeout(Duration.ofMinutes(10)); // API Gateway's idle timeout
      container.addMapping("/" + stage, this::connect);
    });
    upgrades.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        return management(request, response, callback);
      }
    });
    server.setHandler(upgrades);
    server.start();
    url = "ws://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/" + stage;
  }

  /** The function an integration or authorizer URI names (arn:...:lambda:path/2015-03-31/functions/<function ARN>[:alias]/invocations). */
  private static LocalFunction function(LocalResources resources, Map<String, LocalFunction> functions, Object uri, String what) {
    String resolved = resources.resolve(uri);
    int start = resolved.indexOf("/functions/");
    int end = resolved.lastIndexOf("/invocations");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("WebSocket " + what + ": not a Lambda invocation URI: " + resolved);
    }
    String arn = resolved.substring(start + "/functions/".length(), end);
    return functions.values().stream()
        .filter(f -> arn.equals(f.arn()) || arn.startsWith(f.arn() + ":"))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("WebSocket " + what + ": no function of the template has ARN " + arn));
  }

  /** {@code ws://127.0.0.1:PORT/<stage>}: what a client connects to. */
  public String url() {
    return url;
  }

  // ------------------------------------------------------------------ $connect

  private Object connect(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
    String connectionId = newConnectionId();
    Instant connectedAt = Instant.now();
    Map<String, String> query = com.textinbox.localcloud.FormEncoding.parse(request.getHttpURI().getQuery());
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.put(field.getName(), field.getValue());
    }
    String sourceIp = Request.getRemoteAddr(request);
    String userAgent = request.getHeaders().get("User-Agent");
    JsonNode authorizerContext = null;
    if (connectAuthorizer != null) {
      for (String source : connectAuthorizer.identitySources()) {
        if (identityValue(source, query, headers) == null) {
          return refuse(request, response, callback, 401, "Unauthorized");
        }
      }
      ObjectNode event = baseEvent("$connect", "CONNECT", connectionId, connectedAt, sourceIp, userAgent, null, query, headers);
      event.put("type", "REQUEST");
      event.put("methodArn", "arn:aws:execute-api:" + LocalResources.REGION + ":" + LocalResources.ACCOUNT + ":"
          + LocalResources.LIVE_API_ID + "/" + stage + "/$connect");
      JsonNode policy;
      try {
        policy = Json.mapper().readTree(connectAuthorizer.function().invoke(Json.bytes(event)));
      } catch (LocalFunction.FunctionError e) {
        if ("Unauthorized".equals(e.functionMessage())) {
          return refuse(request, response, callback, 401, "Unauthorized");
        }
        LOG.warn("WebSocket authorizer failed: {}", e.getMessage());
        return refuse(request, response, callback, 500, "Internal server error");
      } catch (IOException e) {
        return refuse(request, response, callback, 500, "Internal server error");
      }
      if (!ApiGateway.allows(policy, event.path("methodArn").asText())) {
        return refuse(request, response, callback, 403, "Forbidden");
      }
      ObjectNode context = Json.object();
      policy.path("context").fields().forEachRemaining(f -> context.set(f.getKey(), f.getValue()));
      context.put("principalId", policy.path("principalId").asText());
      context.put("integrationLatency", 0);
      authorizerContext = context;
    }
    LocalFunction onConnect = routes.get("$connect");
    if (onConnect != null) {
      ObjectNode event = baseEvent("$connect", "CONNECT", connectionId, connectedAt, sourceIp, userAgent, authorizerContext, query, headers);
      int status = statusOf(onConnect, event);
      if (status / 100 != 2) {
        return refuse(request, response, callback, status, status >= 500 ? "Internal server error" : "Forbidden");
      }
    }
    return new Endpoint(connectionId, connectedAt, sourceIp, userAgent, authorizerContext);
  }

  private static String identityValue(String source, Map<String, String> query, Map<String, String> headers) {
    String value = null;
    if (source.startsWith("route.request.querystring.")) {
      value = query.get(source.substring("route.request.querystring.".length()));
    } else if (source.startsWith("route.request.header.")) {
      String name = source.substring("route.request.header.".length());
      value = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }
    return value == null || value.isEmpty() ? null : value;
  }

  private static Object refuse(Request request, Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/json");
    Content.Sink.write(response, true, "{\"message\":\"" + message + "\"}", callback);
    return null;
  }

  /** The integration's answer: its statusCode (200 when it answers none, as API Gateway takes it), 500 when it fails. */
  private static int statusOf(LocalFunction function, ObjectNode event) {
    try {
      JsonNode answer = Json.mapper().readTree(function.invoke(Json.bytes(event)));
      return answer != null && answer.has("statusCode") ? answer.get("statusCode").asInt() : 200;
    } catch (LocalFunction.FunctionError | IOException e) {
      LOG.warn("WebSocket integration failed: {}", e.getMessage(), e);
      return 500;
    }
  }

  private ObjectNode baseEvent(String routeKey, String eventType, String connectionId, Instant connectedAt, String sourceIp,
      String userAgent, JsonNode authorizer, Map<String, String> query, Map<String, String> headers) {
    ObjectNode event = Json.object();
    if (headers != null) {
      ObjectNode single = event.putObject("headers");
      ObjectNode multi = event.putObject("multiValueHeaders");
      headers.forEach((name, value) -> {
        single.put(name, value);
        multi.putArray(name).add(value);
      });
    }
    if (query != null && !query.isEmpty()) {
      ObjectNode single = event.putObject("queryStringParameters");
      ObjectNode multi = event.putObject("multiValueQueryStringParameters");
      query.forEach((name, value) -> {
        single.put(name, value);
        multi.putArray(name).add(value);
      });
    }
    ObjectNode context = event.putObject("requestContext");
    context.put("routeKey", routeKey);
    context.put("eventType", eventType);
    context.put("extendedRequestId", UUID.randomUUID().toString());
    context.put("requestTime", REQUEST_TIME.format(Instant.now()));
    context.put("messageDirection", "IN");
    context.put("stage", stage);
    context.put("connectedAt", connectedAt.toEpochMilli());
    context.put("requestTimeEpoch", System.currentTimeMillis());
    ObjectNode identity = context.putObject("identity");
    identity.put("sourceIp", sourceIp);
    if (userAgent != null) {
      identity.put("userAgent", userAgent);
    }
    context.put("requestId", UUID.randomUUID().toString());
    context.put("domainName", "127.0.0.1");
    context.put("connectionId", connectionId);
    context.put("apiId", LocalResources.LIVE_API_ID);
    if (authorizer != null) {
      context.set("authorizer", authorizer);
    }
    event.put("isBase64Encoded", false);
    return event;
  }

  // ------------------------------------------------------------------ messages and $disconnect

  /** The server side of one connection (public: Jetty calls its methods through method handles). */
  public final class Endpoint implements Session.Listener.AutoDemanding {
    private final String id;
    private final Instant connectedAt;
    private final String sourceIp;
    private final String userAgent;
    private final JsonNode authorizer;
    private final Instant[] lastActive = new Instant[1];

    Endpoint(String id, Instant connectedAt, String sourceIp, String userAgent, JsonNode authorizer) {
      this.id = id;
      this.connectedAt = connectedAt;
      this.sourceIp = sourceIp;
      this.userAgent = userAgent;
      this.authorizer = authorizer;
      this.lastActive[0] = connectedAt;
    }

    @Override
    public void onWebSocketOpen(Session session) {
      connections.put(id, new Connection(id, session, connectedAt, sourceIp, userAgent, authorizer, lastActive));
    }

    @Override
    public void onWebSocketText(String text) {
      lastActive[0] = Instant.now();
      String routeKey = routeKeyOf(text);
      LocalFunction function = routeKey == null ? null : routes.get(routeKey);
      if (function == null) {
        function = routes.get("$default");
        routeKey = "$default";
      }
      Connection connection = connections.get(id);
      if (function == null || connection == null) {
        send(connection, "{\"message\": \"Forbidden\", \"connectionId\":\"" + id + "\", \"requestId\":\"" + UUID.randomUUID() + "\"}");
        return;
      }
      ObjectNode event = baseEvent(routeKey, "MESSAGE", id, connectedAt, sourceIp, userAgent, authorizer, null, null);
      ((ObjectNode) event.path("requestContext")).put("messageId", newConnectionId());
      event.put("body", text);
      LocalFunction target = function;
      invocations.submit(() -> {
        if (statusOf(target, event) >= 500) {
          send(connection, "{\"message\": \"Internal server error\", \"connectionId\":\"" + id + "\", \"requestId\":\"" + UUID.randomUUID() + "\"}");
        }
      });
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      connections.remove(id);
      LocalFunction onDisconnect = routes.get("$disconnect");
      if (onDisconnect != null) {
        ObjectNode event = baseEvent("$disconnect", "DISCONNECT", id, connectedAt, sourceIp, userAgent, authorizer, null, Map.of());
        ((ObjectNode) event.path("requestContext")).put("disconnectStatusCode", statusCode);
        ((ObjectNode) event.path("requestContext")).put("disconnectReason", reason == null ? "" : reason);
        if (!invocations.isShutdown()) { // the local cloud is stopping: no more invocations
          invocations.submit(() -> statusOf(onDisconnect, event));
        }
      }
    }
  }

  /** The route key of a message, by the API's selection expression ({@code $request.body.<field>}); null if none. */
  private String routeKeyOf(String text) {
    if (!selectionExpression.startsWith("$request.body.")) {
      return null;
    }
    try {
      JsonNode body = Json.read(text);
      JsonNode value = body;
      for (String part : selectionExpression.substring("$request.body.".length()).split("\\.")) {
        value = value.path(part);
      }
      return value.isValueNode() ? value.asText() : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static void send(Connection connection, String text) {
    if (connection != null && connection.session().isOpen()) {
      connection.session().sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
    }
  }

  // ------------------------------------------------------------------ the Management API

  private boolean management(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    String prefix = "/" + stage + CONNECTIONS;
    if (path == null || !path.startsWith(prefix)) {
      return answer(response, callback, 404, "NotFoundException", "{\"message\":\"Not Found\"}");
    }
    String id = URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
    Connection connection = connections.get(id);
    if (connection == null || !connection.session().isOpen()) {
      return answer(response, callback, 410, "GoneException", "{\"message\":null}");
    }
    switch (request.getMethod()) {
      case "POST" -> {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
          body = in.readAllBytes();
        } catch (IOException e) {
          return answer(response, callback, 400, "BadRequestException", "{\"message\":\"unreadable body\"}");
        }
        connection.session().sendText(new String(body, StandardCharsets.UTF_8), org.eclipse.jetty.websocket.api.Callback.NOOP);
        return answer(response, callback, 200, null, "");
      }
      case "GET" -> {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("ConnectedAt", connection.connectedAt().toString());
        info.put("Identity", Map.of("SourceIp", connection.sourceIp(), "UserAgent", String.valueOf(connection.userAgent())));
        info.put("LastActiveAt", connection.lastActive()[0].toString());
        return answer(response, callback, 200, null, Json.write(info));
      }
      case "DELETE" -> {
        connection.session().close(1000, "closed by the Management API", org.eclipse.jetty.websocket.api.Callback.NOOP);
        return answer(response, callback, 204, null, "");
      }
      default -> {
        return answer(response, callback, 405, "MethodNotAllowedException", "{\"message\":\"Method Not Allowed\"}");
      }
    }
  }

  private static boolean answer(Response response, Callback callback, int status, String errorType, String body) {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/json");
    if (errorType != null) {
      response.getHeaders().put("x-amzn-ErrorType", errorType);
    }
    if (body.isEmpty()) {
      response.getHeaders().put("Content-Length", "0");
      callback.succeeded();
    } else {
      Content.Sink.write(response, true, body, callback);
    }
    return true;
  }

  // ------------------------------------------------------------------ small helpers

  /**
   * Ids shaped like API Gateway's ("Yk3mSdNeIAMCJ_w="): URL-safe base64, since the id is a path
   * segment of the Management API (a "/" in it, even encoded, is refused as an ambiguous path).
   */
  private static String newConnectionId() {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().encodeToString(bytes);
  }

  /** The open connections' ids, for the control server. */
  public List<String> openConnections() {
    return new ArrayList<>(connections.keySet());
  }

  @Override
  public void close() throws Exception {
    invocations.shutdownNow();
    server.stop();
  }

  /** Ref targets as written in the template. */
  private static final class TemplateRefs {
    static String refTarget(Object value) {
      Object target = SamTemplate.map(value).get("Ref");
      return target instanceof String text ? text : null;
    }
  }
}
