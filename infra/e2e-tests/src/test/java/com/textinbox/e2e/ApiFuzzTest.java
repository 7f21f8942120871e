package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Hostile input over every route of docs/openapi.yaml (issue 16), generated from the document:
 * odd and long path ids ({@code %}, {@code ..}, NUL, emoji, 1,020 and 2,100 characters), unknown
 * and wrong-typed query parameters, malformed JSON, trailing text, a byte order mark, a huge body,
 * unknown fields, and each documented field with the wrong type, too long, or with half a
 * character. Passes when nothing answers 5xx and every 4xx has the API's error shape
 * {@code {"error":{"code","message"}}}. The caller is the other company's admin (Harbor Clinic),
 * so that what a fuzzed request might change touches none of the demo data the other tests use.
 */
class ApiFuzzTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> ODD_IDS = List.of("%", "..", "\u0000", "\uD83D\uDE00", "a/b", "x".repeat(1020), "x".repeat(2100),
      "' OR 1=1 --", "#", "conv-demo-john\u0000");

  record Case(String method, String route, String path, String query, String body, String what) {}

  record Outcome(Case request, int status, String body) {}

  @Test
  void noHostileRequestGetsA5xxAndEvery4xxHasTheErrorShape() throws Exception {
    JsonNode document = OpenApiDocument.get();
    List<Case> cases = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
        Map.Entry<String, JsonNode> operation = operations.next();
        if (METHODS.contains(operation.getKey())) {
          cases.addAll(casesOf(document, operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), path.getValue(), operation.getValue()));
        }
      }
    }
    String base = LocalCloudProcess.endpoints().path("apiUrl").asText();
    String token = Tokens.of("otherAdmin");
    long start = System.nanoTime();
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> sent = new ArrayList<>();
      for (Case c : cases) {
        sent.add(pool.submit(() -> outcomes.add(send(base, token, c))));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    }
    // a raw '%' in the path: no HTTP client sends one, a hand-typed URL or curl does
    for (String raw : List.of("/users/%", "/users/%zz", "/conversations/%/read", "/customers/50%25%")) {
      outcomes.add(rawGet(URI.create(base), raw, token));
    }
    List<String> faults = new ArrayList<>();
    int refused = 0;
    for (Outcome o : outcomes) {
      if (o.status() >= 500) {
        faults.add(o.status() + " for " + describe(o.request()) + ": " + abbreviate(o.body()));
      } else if (o.status() >= 400) {
        refused++;
        if (!hasErrorShape(o.body())) {
          faults.add(o.status() + " without the error shape for " + describe(o.request()) + ": " + abbreviate(o.body()));
        }
      }
    }
    System.out.printf(Locale.ROOT, "API fuzz: %d requests over %d routes in %d ms, %d refused (4xx), %d faults%n", outcomes.size(),
        document.path("paths").size(), (System.nanoTime() - start) / 1_000_000, refused, faults.size());
    assertEquals(List.of(), faults, String.join("\n", faults));
    assertTrue(refused > outcomes.size() / 2, "most hostile requests are refused: " + refused + " of " + outcomes.size());
  }

  private static List<Case> casesOf(JsonNode document, String method, String route, JsonNode path, JsonNode operation) {
    List<Case> cases = new ArrayList<>();
    List<String> pathNames = new ArrayList<>();
    List<JsonNode> queryParameters = new ArrayList<>();
    for (JsonNode parameters : List.of(path.path("parameters"), operation.path("parameters"))) {
      for (JsonNode p : parameters) {
        JsonNode parameter = resolve(document, p);
        if (parameter.path("in").asText().equals("path")) {
          pathNames.add(parameter.path("name").asText());
        } else if (parameter.path("in").asText().equals("query")) {
          queryParameters.add(parameter);
        }
      }
    }
    String plain = fill(route, pathNames, "fuzz-id");
    JsonNode bodySchema = resolve(document, operation.path("requestBody")).path("content").path("application/json").path("schema");
    boolean hasBody = !bodySchema.isMissingNode();
    String validishBody = hasBody ? "{}" : null;
    // odd and long ids, in each path parameter in turn
    for (String name : pathNames) {
      for (String id : ODD_IDS) {
        String filled = route;
        for (String other : pathNames) {
          filled = filled.replace("{" + other + "}", other.equals(name) ? encode(id) : "fuzz-id");
        }
        cases.add(new Case(method, route, filled, null, validishBody, name + "=" + abbreviate(id)));
      }
    }
    cases.add(new Case(method, route, plain, "fuzz=1", validishBody, "an unknown query parameter"));
    for (JsonNode parameter : queryParameters) {
      String name = parameter.path("name").asText();
      for (String value : List.of("-1", "abc", "x".repeat(2000), "\uD83D\uDE00", "%00")) {
        cases.add(new Case(method, route, plain, name + "=" + encode(value), null, name + "=" + abbreviate(value)));
      }
    }
    if (!hasBody) {
      return cases;
    }
    for (String body : List.of("{", "{} trailing", "{}{}", "\uFEFF{}", "[]", "\"text\"", "null", "123", "{\"a\":", "{\"fuzz\":1}",
        "{\"x\":\"" + "y".repeat(1_000_000) + "\"}", "[".repeat(5000), "{\"s\":\"\\ud800\"}")) {
      cases.add(new Case(method, route, plain, null, body, "body " + abbreviate(body)));
    }
    JsonNode schema = resolve(document, bodySchema);
    for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      for (JsonNode wrong : wrongValues(resolve(document, field.getValue()))) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set(field.getKey(), wrong);
        cases.add(new Case(method, route, plain, null, body.toString(), field.getKey() + "=" + abbreviate(wrong.toString())));
      }
    }
    return cases;
  }

  /** Values of another type than the field's, a very long text, an array, an object, half a character. */
  private static List<JsonNode> wrongValues(JsonNode schema) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    List<JsonNode> values = new ArrayList<>(List.of(f.arrayNode().add(1), f.objectNode().put("x", 1), f.textNode("x".repeat(10_000)),
        f.textNode("\ud800")));
    switch (schema.path("type").asText("")) {
      case "string" -> values.addAll(List.of(f.numberNode(123), f.booleanNode(true)));
      case "boolean" -> values.addAll(List.of(f.textNode("true"), f.numberNode(1)));
      case "integer", "number" -> values.addAll(List.of(f.textNode("1"), f.numberNode(1e300), f.numberNode(-1)));
      default -> values.add(f.numberNode(123));
    }
    return values;
  }

  private static Outcome send(String base, String token, Case c) {
    String url = base + c.path() + (c.query() == null ? "" : "?" + c.query());
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(c.body()));
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Outcome(c, response.statusCode(), response.body());
    } catch (IOException e) {
      return new Outcome(c, 599, "no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GET written by hand on a socket: the path goes as it is, unencoded. */
  private static Outcome rawGet(URI api, String path, String token) throws IOException {
    Case c = new Case("GET", path, path, null, null, "a raw path");
    try (Socket socket = new Socket(api.getHost(), api.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + api.getPath() + path + " HTTP/1.1\r\nHost: " + api.getHost() + "\r\nAuthorization: Bearer " + token
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      int bodyStart = response.indexOf("\r\n\r\n");
      return new Outcome(c, status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
    }
  }

  private static boolean hasErrorShape(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      return error.path("code").isTextual() && error.path("message").isTextual() && !error.path("message").asText().isBlank();
    } catch (IOException e) {
      return false;
    }
  }

  private static JsonNode resolve(JsonNode document, JsonNode node) {
    return OpenApiDocument.resolve(node);
  }


  private static String fill(String route, List<String> names, String id) {
    String filled = route;
    for (String name : names) {
      filled = filled.replace("{" + name + "}", id);
    }
    return filled;
  }

  /** As a browser encodes a path segment: API Gateway decodes it before the function sees it. */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String describe(Case c) {
    return c.method() + " " + c.route() + " (" + c.what() + ")";
  }

  private static String abbreviate(String text) {
    String flat = text.replace("\n", " ");
    return flat.length() > 60 ? flat.substring(0, 60) + "... (" + flat.length() + " chars)" : flat;
  }
}
