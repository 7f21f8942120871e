package com.textinbox.localcloud.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml as the local cloud and the tests read it: resources, parameters and the functions
 * with their Globals applied (environment variables merged, function values winning).
 */
public final class SamTemplate {
  private final Path file;
  private final Map<String, Object> root;

  private SamTemplate(Path file, Map<String, Object> root) {
    this.file = file;
    this.root = root;
  }

  public static SamTemplate load(Path file) throws IOException {
    return new SamTemplate(file.toAbsolutePath().normalize(), CloudFormationYaml.read(file));
  }

  public Path file() {
    return file;
  }

  /** The folder template paths (CodeUri) are relative to. */
  public Path baseDir() {
    return file.getParent();
  }

  public Map<String, Object> root() {
    return root;
  }

  public Map<String, Object> resources() {
    return map(root.get("Resources"));
  }

  public Map<String, Object> resource(String logicalId) {
    return map(resources().get(logicalId));
  }

  public String typeOf(String logicalId) {
    return (String) resource(logicalId).get("Type");
  }

  public Map<String, Object> properties(String logicalId) {
    return map(resource(logicalId).get("Properties"));
  }

  /** Logical ids of the resources of one type, in template order. */
  public List<String> resourcesOfType(String type) {
    List<String> ids = new ArrayList<>();
    resources().forEach((id, resource) -> {
      if (type.equals(map(resource).get("Type"))) {
        ids.add(id);
      }
    });
    return ids;
  }

  public Map<String, Object> conditions() {
    return map(root.get("Conditions"));
  }

  /** Parameter defaults (the local cloud deploys with them). */
  public Map<String, String> parameterDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    map(root.get("Parameters")).forEach((name, parameter) -> {
      Object value = map(parameter).get("Default");
      if (value != null) {
        defaults.put(name, value.toString());
      }
    });
    return defaults;
  }

  public List<FunctionDefinition> functions() {
    Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
    List<FunctionDefinition> functions = new ArrayList<>();
    for (String id : resourcesOfType("AWS::Serverless::Function")) {
      Map<String, Object> properties = new LinkedHashMap<>(globals);
      properties.putAll(properties(id));
      Map<String, Object> environment = new LinkedHashMap<>(variables(globals));
      environment.putAll(variables(properties(id)));
      List<EventDefinition> events = new ArrayList<>();
      map(properties.get("Events")).forEach((name, event) -> events.add(new EventDefinition(
          name, (String) map(event).get("Type"), map(map(event).get("Properties")))));
      functions.add(new FunctionDefinition(
          id,
          (String) properties.get("Handler"),
          (String) properties.get("CodeUri"),
          environment,
          events,
          list(properties.get("Policies")),
          properties));
    }
    return functions;
  }

  private static Map<String, Object> variables(Map<String, Object> properties) {
    return map(map(properties.get("Environment")).get("Variables"));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return value instanceof List ? (List<Object>) value : List.of();
  }

  /** One AWS::Serverless::Function with Globals applied. */
  public record FunctionDefinition(
      String logicalId,
      String handler,
      String codeUri,
      Map<String, Object> environment,
      List<EventDefinition> events,
      List<Object> policies,
      Map<String, Object> properties) {

    public String handlerClass() {
      int split = handler.indexOf("::");
      return split < 0 ? handler : handler.substring(0, split);
    }

    public List<EventDefinition> eventsOfType(String type) {
      return events.stream().filter(e -> type.equals(e.type())).toList();
    }
  }

  /** One entry of a function's Events. */
  public record EventDefinition(String name, String type, Map<String, Object> properties) {}
}
