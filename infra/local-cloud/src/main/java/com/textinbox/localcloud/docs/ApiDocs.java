package com.textinbox.localcloud.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.textinbox.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The API documentation of the local cloud: Swagger UI (the {@code org.webjars:swagger-ui} jar)
 * on docs/openapi.yaml, its server set to this local API, and every call made with a demo user's
 * bearer token (chosen on the page). It is served beside the API, on the same origin, because
 * the API answers no CORS preflight (as on AWS: template.yaml configures no CORS), so a page on
 * another port could not call it. The document is read at each request: an edit shows on reload.
 */
public final class ApiDocs implements HttpHandler {
  public static final String PATH = "/docs";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  private final Path openApi;
  private final String apiUrl;
  private final Map<String, String> tokens;
  private final String assets;

  /**
   * @param openApi docs/openapi.yaml
   * @param apiUrl the local API's base URL (stage included)
   * @param tokens demo user key -> bearer token, the first one preselected
   */
  public ApiDocs(Path openApi, String apiUrl, Map<String, String> tokens) {
    this.openApi = openApi;
    this.apiUrl = apiUrl;
    this.tokens = new LinkedHashMap<>(tokens);
    this.assets = WEBJAR + swaggerUiVersion() + "/";
  }

  private static String swaggerUiVersion() {
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read swagger-ui's version", e);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals(PATH)) {
        exchange.getResponseHeaders().set("Location", PATH + "/");
        exchange.sendResponseHeaders(302, -1);
      } else if (path.equals(PATH + "/") || path.equals(PATH + "/index.html")) {
        send(exchange, 200, "text/html; charset=utf-8", page().getBytes(StandardCharsets.UTF_8));
      } else if (path.equals(PATH + "/openapi.yaml")) {
        send(exchange, 200, "application/yaml; charset=utf-8", document().getBytes(StandardCharsets.UTF_8));
      } else {
        asset(exchange, path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : "");
      }
    }
  }

  /** docs/openapi.yaml with this local API first in its servers (any other loopback server dropped). */
  String document() throws IOException {
    String text = Files.readString(openApi);
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (IOException e) {
      return text; // served as written: Swagger UI shows what is wrong with it
    }
    if (!(root instanceof ObjectNode document)) {
      return text;
    }
    ArrayNode servers = Json.array();
    servers.addObject().put("url", apiUrl).put("description", "this local cloud");
    for (JsonNode server : document.path("servers")) {
      if (!server.path("url").asText().contains("127.0.0.1")) {
        servers.add(server);
      }
    }
    document.set("servers", servers);
    return YAML.writeValueAsString(document);
  }

  /** The name of the document's bearer security scheme ("bearer" when none is found). */
  private String bearerScheme() {
    try {
      Iterator<Map.Entry<String, JsonNode>> schemes = YAML.readTree(Files.readString(openApi))
          .path("components").path("securitySchemes").fields();
      while (schemes.hasNext()) {
        Map.Entry<String, JsonNode> scheme = schemes.next();
        if ("bearer".equalsIgnoreCase(scheme.getValue().path("scheme").asText())) {
          return scheme.getKey();
        }
      }
    } catch (IOException e) {
      // the default below
    }
    return "bearer";
  }

  String page() throws IOException {
    StringBuilder options = new StringBuilder();
    for (String user : tokens.keySet()) {
      options.append("<option>").append(user).append("</option>");
    }
    StringBuilder list = new StringBuilder();
    tokens.forEach((user, token) -> list.append(user).append(": ").append(token).append('\n'));
    return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Texting inbox API (local cloud)</title>
          <link rel="stylesheet" href="swagger-ui.css">
          <link rel="icon" type="image/png" href="favicon-32x32.png">
          <style>
            body { margin: 0; }
            .local { font: 14px sans-serif; padding: 10px 20px; background: #f0f4f8; border-bottom: 1px solid #d0d7de; }
            .local pre { white-space: pre-wrap; word-break: break-all; font-size: 11px; }
          </style>
        </head>
        <body>
          <div class="local">
            Local cloud: calls go to <code>%s</code> as the demo user <select id="demo-user">%s</select>
            (their bearer token is already in "Authorize"; valid 7 days).
            <details><summary>All demo tokens</summary><pre>%s</pre></details>
          </div>
          <div id="swagger-ui"></div>
          <script src="swagger-ui-bundle.js"></script>
          <script>
            const tokens = %s;
            const scheme = %s;
            const user = document.getElementById("demo-user");
            const ui = SwaggerUIBundle({
              url: "openapi.yaml",
              dom_id: "#swagger-ui",
              deepLinking: true,
              onComplete: () => ui.preauthorizeApiKey(scheme, tokens[user.value])
            });
            user.addEventListener("change", () => ui.preauthorizeApiKey(scheme, tokens[user.value]));
          </script>
        </body>
        </html>
        """.formatted(apiUrl, options, list, Json.mapper().writeValueAsString(tokens),
        Json.mapper().writeValueAsString(bearerScheme()));
  }

  private void asset(HttpExchange exchange, String name) throws IOException {
    InputStream in = ASSET.matcher(name).matches() ? ApiDocs.class.getClassLoader().getResourceAsStream(assets + name) : null;
    if (in == null) {
      send(exchange, 404, "text/plain", ("no such page: " + PATH + "/" + name).getBytes(StandardCharsets.UTF_8));
      return;
    }
    try (in) {
      exchange.getResponseHeaders().set("Cache-Control", "max-age=3600");
      send(exchange, 200, contentType(name), in.readAllBytes());
    }
  }

  static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    } else if (name.endsWith(".png")) {
      return "image/png";
    } else if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    return "text/plain; charset=utf-8";
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
