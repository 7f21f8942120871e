package com.textinbox.localcloud.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.textinbox.localcloud.LocalResources;
import com.textinbox.localcloud.lambda.LocalFunction;
import com.textinbox.localcloud.template.SamTemplate;
import com.textinbox.shared.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway (REST API, proxy integration) for the template's {@code Api} events: matches the
 * route, runs the API's TOKEN authorizer function as API Gateway does (401 without calling the
 * function when the header is missing or the authorizer says "Unauthorized", 403 on a Deny,
 * results cached per authorizer and token for ReauthorizeEvery seconds, none when 0), builds the same proxy event with the
 * authorizer's context, and answers the function's response or the template's GatewayResponses.
 */
public final class ApiGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiGateway.class);

  private record Route(String method, String resource, Pattern pattern, List<String> parameters,
      LocalFunction function, Authorizer authorizer) {}

  /** @param name the authorizer's name in the template: API Gateway keeps one cache per authorizer */
  private record Authorizer(String name, LocalFunction function, String header, int cacheSeconds) {}

  private record CachedPolicy(JsonNode policy, long expiresAt) {}

  private final HttpServer server;
  /** The API's port: answers a malformed request line as API Gateway would, passes the rest to {@link #server}. */
  private final RequestLineGuard guard;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Map<String, Object>> gatewayResponses = new ConcurrentHashMap<>();
  private final Map<String, CachedPolicy> policyCache = new ConcurrentHashMap<>();
  private final String stage;
  private final String url;

  public ApiGateway(int port, LocalResources resources, Map<String, LocalFunction> functions) throws IOException {
    SamTemplate template = resources.template();
    String apiStage = "Prod";
    for (String apiId : template.resourcesOfType("AWS::Serverless::Api")) {
      Map<String, Object> properties = template.properties(apiId);
      apiStage = resources.resolve(properties.get("StageName"));
      SamTemplate.map(properties.get("GatewayResponses")).forEach((type, response) -> gatewayResponses.put(type, SamTemplate.map(response)));
    }
    this.stage = apiStage;
    for (SamTemplate.FunctionDefinition definition : template.functions()) {
      for (SamTemplate.EventDefinition event : definition.eventsOfType("Api")) {
        Map<String, Object> p = event.properties();
        String apiId = p.containsKey("RestApiId") ? resources.resolve(p.get("RestApiId")) : null;
        Authorizer authorizer = authorizerFor(template, apiId, SamTemplate.map(p.get("Auth")), resources, functions);
        String path = (String) p.get("Path");
        List<String> parameters = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}+]+)(\\+?)}").matcher(path);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
          regex.append(Pattern.quote(path.substring(last, m.start())));
          regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
          parameters.add(m.group(1));
          last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        routes.add(new Route(((String) p.get("Method")).toUpperCase(Locale.ROOT), path,
            Pattern.compile(regex.toString()), parameters, functions.get(definition.logicalId()), authorizer));
      }
    }
    // literal routes win over parameterised ones, as in API Gateway
    routes.sort(Comparator.comparingInt((Route r) -> r.parameters().size()).thenComparing(r -> -r.resource().length()));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::serve);
    server.start();
    guard = new RequestLineGuard(port, server.getAddress().getPort(),
        () -> gatewayBody("BAD_REQUEST_PARAMETERS", 400, "{\"message\":\"Bad request\"}"));
    url = "http://127.0.0.1:" + guard.port() + "/" + stage;
  }

  private static Authorizer authorizerFor(SamTemplate template, String apiLogicalId, Map<String, Object> routeAuth,
      LocalResources resources, Map<String, LocalFunction> functions) {
    String apiId = null;
    for (String id : template.resourcesOfType("AWS::Serverless::Api")) {
      if (resources.ref(id).equals(apiLogicalId) || template.resourcesOfType("AWS::Serverless::Api").size() == 1) {
        apiId = id;
      }
    }
    if (apiId == null) {
      return null;
    }
    Map<String, Object> auth = SamTemplate.map(template.properties(apiId).get("Auth"));
    String name = routeAuth.containsKey("Authorizer") ? (String) routeAuth.get("Authorizer") : (String) auth.get("DefaultAuthorizer");
    if (name == null || "NONE".equals(name) || "AWS_IAM".equals(name)) {
      return null;
    }
    Map<String, Object> definition = SamTemplate.map(SamTemplate.map(auth.get("Authorizers")).get(name));
    Object functionArn = definition.get("FunctionArn");
    if (functionArn == null) {
      throw new IllegalArgumentException("authorizer " + name + " is not a Lambda TOKEN authorizer; the local cloud runs only those");
    }
    String functionId = SamTemplate.list(SamTemplate.map(functionArn).get("Fn::GetAtt")).get(0).toString();
    Map<String, Object> identity = SamTemplate.map(definition.get("Identity"));
    String header = (String) identity.getOrDefault("Header", "Authorization");
    int cache = Integer.parseInt(String.valueOf(identity.getOrDefault("ReauthorizeEvery", 300)));
    return new Authorizer(apiId + "/" + name, functions.get(functionId), header, cache);
  }

  public String url() {
    return url;
  }

  public String stage() {
    return stage;
  }

  /**
   * Serves a local page beside the API, outside its stage (e.g. /docs): on AWS such a path
   * answers 403 "Missing Authentication Token", so no route of the API is hidden by it.
   */
  public void serveLocalPage(String path, com.sun.net.httpserver.HttpHandler handler) {
    if (path.equals("/" + stage) || path.startsWith("/" + stage + "/")) {
      throw new IllegalArgumentException(path + " is inside the API's stage " + stage);
    }
    server.createContext(path, handler);
  }

  /** The API's origin, without the stage (http://127.0.0.1:PORT). */
  public String origin() {
    return "http://127.0.0.1:" + guard.port();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String rawPath = exchange.getRequestURI().getRawPath();
      String prefix = "/" + stage;
      if (!rawPath.equals(prefix) && !rawPath.startsWith(prefix + "/")) {
        gateway(exchange, "MISSING_AUTHENTICATION_TOKEN", 403, "{\"message\":\"Missing Authentication Token\"}");
        return;
      }
      String path = rawPath.substring(prefix.length());
      path = path.isEmpty() ? "/" : path;
      for (Route route : routes) {
        Matcher matcher = route.pattern().matcher(path);
        if (matcher.matches() && (route.method().equals(method) || route.method().equals("ANY"))) {
          handle(exchange, route, matcher, path);
          return;
        }
      }
      gateway(exchange, "MISSING_AUTHENTICATION_TOKEN", 403, "{\"message\":\"Missing Authentication Token\"}");
    } catch (RuntimeException e) {
      LOG.error("local API gateway failed", e);
    }
  }

  private void handle(HttpExchange exchange, Route route, Matcher matcher, String path) throws IOException {
    String methodArn = "arn:aws:execute-api:" + LocalResources.REGION + ":" + LocalResources.ACCOUNT + ":"
        + LocalResources.API_ID + "/" + stage + "/" + route.method() + path;
    JsonNode authorizerContext = null;
    if (route.authorizer() != null) {
      String token = exchange.getRequestHeaders().getFirst(route.authorizer().header());
      if (token == null || token.isBlank()) {
        gateway(exchange, "UNAUTHORIZED", 401, "{\"message\":\"Unauthorized\"}");
        return;
      }
      JsonNode policy;
      try {
        policy = authorize(route.authorizer(), token, methodArn);
      } catch (LocalFunction.FunctionError e) {
        if ("Unauthorized".equals(e.functionMessage())) {
          gateway(exchange, "UNAUTHORIZED", 401, "{\"message\":\"Unauthorized\"}");
        } else {
          LOG.warn("authorizer failed: {}", e.getMessage());
          gateway(exchange, "AUTHORIZER_FAILURE", 500, "{\"message\":null}");
        }
        return;
      }
      if (!allows(policy, methodArn)) {
        gateway(exchange, "ACCESS_DENIED", 403, "{\"message\":\"User is not authorized to access this resource with an explicit deny\"}");
        return;
      }
      ObjectNode context = Json.object();
      policy.path("context").fields().forEachRemaining(f -> context.set(f.getKey(), f.getValue()));
      context.put("principalId", policy.path("principalId").asText());
      context.put("integrationLatency", 0);
      authorizerContext = context;
    }
    ObjectNode event = proxyEvent(exchange, route, matcher, path, authorizerContext);
    JsonNode response;
    try {
      response = Json.mapper().readTree(route.function().invoke(Json.bytes(event)));
    } catch (LocalFunction.FunctionError | IOException e) {
      LOG.warn("API function failed: {}", e.getMessage());
      gateway(exchange, "DEFAULT_5XX", 502, "{\"message\":\"Internal server error\"}");
      return;
    }
    if (response == null || !response.has("statusCode")) {
      gateway(exchange, "DEFAULT_5XX", 502, "{\"message\":\"Internal server error\"}");
      return;
    }
    response.path("headers").fields().forEachRemaining(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue().asText()));
    String body = response.path("body").asText("");
    byte[] bytes = response.path("isBase64Encoded").asBoolean(false)
        ? java.util.Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    send(exchange, response.get("statusCode").asInt(), bytes);
  }

  private JsonNode authorize(Authorizer authorizer, String token, String methodArn) {
    // one cache per authorizer, keyed by the identity (the header's value); ReauthorizeEvery 0: none
    String cacheKey = authorizer.name() + "\n" + token;
    CachedPolicy cached = authorizer.cacheSeconds() > 0 ? policyCache.get(cacheKey) : null;
    if (cached != null && cached.expiresAt() > System.currentTimeMillis()) {
      return cached.policy();
    }
    ObjectNode event = Json.object();
    event.put("type", "TOKEN");
    event.put("authorizationToken", token);
    event.put("methodArn", methodArn);
    JsonNode policy;
    try {
      policy = Json.mapper().readTree(authorizer.function().invoke(Json.bytes(event)));
    } catch (IOException e) {
      throw new IllegalStateException("authorizer answered something that is not JSON", e);
    }
    if (authorizer.cacheSeconds() > 0) {
      policyCache.put(cacheKey, new CachedPolicy(policy, System.currentTimeMillis() + authorizer.cacheSeconds() * 1000L));
    }
    return policy;
  }

  /** Allowed when some Allow statement covers the method ARN and no Deny does. */
  static boolean allows(JsonNode policy, String methodArn) {
    boolean allowed = false;
    for (JsonNode statement : policy.path("policyDocument").path("Statement")) {
      JsonNode resources = statement.path("Resource");
      List<String> patterns = new ArrayList<>();
      if (resources.isArray()) {
        resources.forEach(r -> patterns.add(r.asText()));
      } else {
        patterns.add(resources.asText());
      }
      boolean covers = patterns.stream().anyMatch(p -> glob(p).matcher(methodArn).matches());
      if (covers && "Deny".equalsIgnoreCase(statement.path("Effect").asText())) {
        return false;
      }
      allowed |= covers && "Allow".equalsIgnoreCase(statement.path("Effect").asText());
    }
    return allowed;
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  private ObjectNode proxyEvent(HttpExchange exchange, Route route, Matcher matcher, String path, JsonNode authorizer) throws IOException {
    ObjectNode event = Json.object();
    event.put("resource", route.resource());
    event.put("path", path);
    event.put("httpMethod", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
    ObjectNode headers = event.putObject("headers");
    ObjectNode multiHeaders = event.putObject("multiValueHeaders");
    exchange.getRequestHeaders().forEach((name, values) -> {
      headers.put(name, values.get(values.size() - 1));
      multiHeaders.set(name, Json.mapper().valueToTree(values));
    });
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null || query.isEmpty()) {
      event.putNull("queryStringParameters");
      event.putNull("multiValueQueryStringParameters");
    } else {
      ObjectNode single = event.putObject("queryStringParameters");
      ObjectNode multi = event.putObject("multiValueQueryStringParameters");
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        single.put(name, value);
        (multi.has(name) ? (com.fasterxml.jackson.databind.node.ArrayNode) multi.get(name) : multi.putArray(name)).add(value);
      }
    }
    if (route.parameters().isEmpty()) {
      event.putNull("pathParameters");
    } else {
      ObjectNode parameters = event.putObject("pathParameters");
      for (int i = 0; i < route.parameters().size(); i++) {
        parameters.put(route.parameters().get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
      }
    }
    event.putNull("stageVariables");
    ObjectNode context = event.putObject("requestContext");
    context.put("resourcePath", route.resource());
    context.put("httpMethod", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
    context.put("path", "/" + stage + path);
    context.put("stage", stage);
    context.put("requestId", UUID.randomUUID().toString());
    context.put("accountId", LocalResources.ACCOUNT);
    context.put("apiId", LocalResources.API_ID);
    context.put("protocol", exchange.getProtocol());
    context.put("requestTimeEpoch", System.currentTimeMillis());
    ObjectNode identity = context.putObject("identity");
    identity.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
    identity.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
    if (authorizer != null) {
      context.set("authorizer", authorizer);
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (body.length == 0) {
      event.putNull("body");
      event.put("isBase64Encoded", false);
    } else {
      event.put("body", new String(body, StandardCharsets.UTF_8));
      event.put("isBase64Encoded", false);
    }
    return event;
  }

  /** A gateway response: the template's for that type when it has one, else API Gateway's default. */
  private void gateway(HttpExchange exchange, String type, int defaultStatus, String defaultBody) throws IOException {
    Map<String, Object> configured = configured(type, defaultStatus);
    int status = defaultStatus;
    if (configured != null && configured.containsKey("StatusCode")) {
      status = Integer.parseInt(String.valueOf(configured.get("StatusCode")));
    }
    String body = gatewayBody(type, defaultStatus, defaultBody);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, Object> configured(String type, int defaultStatus) {
    return gatewayResponses.getOrDefault(type, gatewayResponses.get(defaultStatus >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX"));
  }

  /** The body of a gateway response of that type: the template's when it sets one. */
  private String gatewayBody(String type, int defaultStatus, String defaultBody) {
    Map<String, Object> configured = configured(type, defaultStatus);
    Object template = configured == null ? null : SamTemplate.map(configured.get("ResponseTemplates")).get("application/json");
    return template != null ? template.toString() : defaultBody;
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    // API Gateway reads the whole request before it answers, even a refusal; a body left unread
    // makes the JDK server close the connection, and the client's next request on it gets nothing
    exchange.getRequestBody().readAllBytes();
    if (body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    try {
      guard.close();
    } catch (IOException e) {
      LOG.warn("closing the API's port: {}", e.toString());
    }
    server.stop(0);
  }
}
