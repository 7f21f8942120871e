package com.textinbox.localcloud.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API's OpenAPI document (docs/openapi.yaml) against the routes template.yaml declares
 * (DESIGN.md, API): every route documented, nothing documented that is not served.
 */
final class OpenApiRoutes {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private OpenApiRoutes() {}

  /** "METHOD /path" of every operation of the document. */
  static Set<String> documented(Path openApi) throws IOException {
    JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(openApi.toFile());
    Set<String> routes = new TreeSet<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (METHODS.contains(method)) {
        routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));
    return routes;
  }

  /** "METHOD /path" of every Api event of the template. */
  static Set<String> served(SamTemplate template) {
    Set<String> routes = new TreeSet<>();
    for (SamTemplate.FunctionDefinition function : template.functions()) {
      for (SamTemplate.EventDefinition event : function.eventsOfType("Api")) {
        routes.add(String.valueOf(event.properties().get("Method")).toUpperCase(Locale.ROOT) + " " + event.properties().get("Path"));
      }
    }
    return routes;
  }

  static List<String> problems(SamTemplate template, Path openApi) throws IOException {
    Set<String> documented = documented(openApi);
    Set<String> served = served(template);
    List<String> problems = new ArrayList<>();
    for (String route : served) {
      if (!documented.contains(route)) {
        problems.add(route + " is served (template.yaml) but not documented in " + openApi.getFileName() + ": add it there");
      }
    }
    for (String route : documented) {
      if (!served.contains(route)) {
        problems.add(route + " is documented in " + openApi.getFileName() + " but no function serves it in template.yaml");
      }
    }
    return problems;
  }
}
