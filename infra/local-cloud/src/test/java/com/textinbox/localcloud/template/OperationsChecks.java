package com.textinbox.localcloud.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.textinbox.localcloud.template.SamTemplate.EventDefinition;
import com.textinbox.localcloud.template.SamTemplate.FunctionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The operator's side of template.yaml (docs/decisions.md 60): every DLQ and every function has an
 * alarm, every alarm tells the alarm topic when it fires and when it is OK again, and every metric of
 * the product's own namespace that an alarm or the dashboard reads is one a function counts (an
 * {@code Observability.count("Name")} in the sources of the function whose
 * {@code POWERTOOLS_SERVICE_NAME} is the metric's {@code Service}). A renamed metric would
 * otherwise leave a dashboard line flat and an alarm silent forever. Each check returns one readable
 * problem per fault, as {@link TemplateChecks} does.
 */
public final class OperationsChecks {
  static final String ALARM = "AWS::CloudWatch::Alarm";
  static final String DASHBOARD = "AWS::CloudWatch::Dashboard";

  /**
   * Functions whose Lambda {@code Errors} are not alarmed, and why; their {@code Throttles} still are.
   * A TOKEN authorizer refuses a bad or expired token by failing ("Unauthorized"), so its Errors count
   * 401s; an authorizer that breaks shows as the API's 5xx.
   */
  static final Map<String, String> ERRORS_NOT_ALARMED = Map.of("Authorizer", "its Errors are the API's 401s");

  /** Where a function's source counts a metric: {@code Observability.count("SmsSent"...)} (the only way: decision 66). */
  private static final Pattern COUNTED = Pattern.compile("Observability\\.count\\(\\s*\"([A-Za-z0-9]+)\"");

  private static final ObjectMapper JSON = new ObjectMapper();

  private OperationsChecks() {}

  public static List<String> all(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    problems.addAll(alarmActions(template));
    problems.addAll(deadLetterQueues(template));
    problems.addAll(functions(template));
    problems.addAll(productMetrics(template));
    return problems;
  }

  /** One metric an alarm or a widget reads: namespace (as written: a Sub's text), name, dimensions (values as written). */
  record MetricRead(String where, String namespace, String name, Map<String, Object> dimensions) {}

  // ------------------------------------------------------------------ every alarm reaches someone

  /** Every alarm sends to a topic of the template on ALARM and on OK, and says what missing data means. */
  public static List<String> alarmActions(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    for (String alarm : template.resourcesOfType(ALARM)) {
      Map<String, Object> properties = template.properties(alarm);
      for (String actions : List.of("AlarmActions", "OKActions")) {
        List<Object> targets = SamTemplate.list(properties.get(actions));
        if (targets.isEmpty() || !targets.stream().allMatch(t -> isTopicRef(template, t))) {
          problems.add("alarm " + alarm + ": set " + actions + ": [!Ref <an SNS topic of the template>] (the alarm topic),"
              + " so the operator hears when it fires and when it is OK again");
        }
      }
      if (!properties.containsKey("TreatMissingData")) {
        problems.add("alarm " + alarm + ": set TreatMissingData (notBreaching, breaching, ignore or missing): chosen per alarm,"
            + " never left to the default");
      }
    }
    return problems;
  }

  private static boolean isTopicRef(SamTemplate template, Object target) {
    Object ref = SamTemplate.map(target).get("Ref");
    return ref != null && template.resources().containsKey(ref.toString())
        && "AWS::SNS::Topic".equals(template.typeOf(ref.toString()));
  }

  // ------------------------------------------------------------------ any message in any DLQ

  /** The DLQs: every queue a RedrivePolicy sends to, and every stream event's OnFailure queue. */
  static Set<String> deadLetterQueueIds(SamTemplate template) {
    Set<String> dlqs = new LinkedHashSet<>();
    for (String queue : template.resourcesOfType("AWS::SQS::Queue")) {
      String target = getAttOf(SamTemplate.map(template.properties(queue).get("RedrivePolicy")).get("deadLetterTargetArn"));
      if (target != null) {
        dlqs.add(target);
      }
    }
    for (FunctionDefinition function : template.functions()) {
      for (EventDefinition event : function.events()) {
        String destination = TemplateChecks.onFailureDestination(event);
        if (destination != null && template.resources().containsKey(destination)
            && "AWS::SQS::Queue".equals(template.typeOf(destination))) {
          dlqs.add(destination);
        }
      }
    }
    return dlqs;
  }

  public static List<String> deadLetterQueues(SamTemplate template) {
    List<MetricRead> alarmed = alarmMetrics(template);
    List<String> problems = new ArrayList<>();
    for (String dlq : deadLetterQueueIds(template)) {
      boolean covered = alarmed.stream().anyMatch(m -> "AWS/SQS".equals(m.namespace())
          && "ApproximateNumberOfMessagesVisible".equals(m.name())
          && dlq.equals(getAttOf(m.dimensions().get("QueueName"))));
      if (!covered) {
        problems.add("DLQ " + dlq + ": no alarm reads its ApproximateNumberOfMessagesVisible (dimension QueueName:"
            + " !GetAtt " + dlq + ".QueueName): add one beside the other DLQ alarms, saying what the queue holds and what"
            + " to do (docs/reliability.md, \"Operating it\")");
      }
    }
    return problems;
  }

  // ------------------------------------------------------------------ function errors and throttles

  public static List<String> functions(SamTemplate template) {
    List<String> problems = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      String id = function.logicalId();
      List<String> wanted = ERRORS_NOT_ALARMED.containsKey(id) ? List.of("Throttles") : List.of("Errors", "Throttles");
      for (String metric : wanted) {
        List<String> alarms = template.resourcesOfType(ALARM).stream().filter(alarm -> metricsOf(template, alarm).stream()
            .anyMatch(m -> "AWS/Lambda".equals(m.namespace()) && metric.equals(m.name())
                && id.equals(SamTemplate.map(m.dimensions().get("FunctionName")).get("Ref")))).toList();
        if (alarms.isEmpty()) {
          problems.add("function " + id + ": no alarm reads its " + metric + " (AWS/Lambda, dimension FunctionName: !Ref " + id
              + "): add " + id + "ErrorsAlarm beside the others");
        }
        for (String alarm : alarms) {
          Object functionCondition = template.resource(id).get("Condition");
          if (!Objects.equals(functionCondition, template.resource(alarm).get("Condition"))) {
            problems.add("alarm " + alarm + ": give it the Condition of function " + id + " (" + functionCondition
                + "), so it exists exactly when the function does");
          }
        }
      }
    }
    return problems;
  }

  // ------------------------------------------------------------------ the product's own metrics

  /** The namespace the functions count in: Globals' POWERTOOLS_METRICS_NAMESPACE, as written. */
  static String productNamespace(SamTemplate template) {
    Object value = SamTemplate.map(SamTemplate.map(SamTemplate.map(SamTemplate.map(template.root().get("Globals"))
        .get("Function")).get("Environment")).get("Variables")).get("POWERTOOLS_METRICS_NAMESPACE");
    return written(value);
  }

  public static List<String> productMetrics(SamTemplate template) {
    String namespace = productNamespace(template);
    List<String> problems = new ArrayList<>();
    List<MetricRead> reads = new ArrayList<>(alarmMetrics(template));
    for (String dashboard : template.resourcesOfType(DASHBOARD)) {
      reads.addAll(dashboardMetrics(template, dashboard));
    }
    for (MetricRead read : reads) {
      if (read.namespace() == null || read.namespace().startsWith("AWS/")) {
        continue;
      }
      if (!read.namespace().equals(namespace)) {
        problems.add(read.where() + ": metric " + read.name() + " is read in namespace " + read.namespace()
            + ", but the functions count in " + namespace + " (Globals POWERTOOLS_METRICS_NAMESPACE)");
        continue;
      }
      String service = written(read.dimensions().get("Service"));
      List<FunctionDefinition> emitters = template.functions().stream()
          .filter(f -> service != null && service.equals(written(f.environment().get("POWERTOOLS_SERVICE_NAME")))).toList();
      if (emitters.isEmpty()) {
        problems.add(read.where() + ": metric " + read.name() + " has Service " + service
            + ", which is no function's POWERTOOLS_SERVICE_NAME (the functions count with that one dimension)");
        continue;
      }
      if (emitters.stream().noneMatch(f -> counted(template, f).contains(read.name()))) {
        problems.add(read.where() + ": metric " + read.name() + " (Service " + service + ") is counted by no code of "
            + emitters.stream().map(FunctionDefinition::logicalId).toList() + " (looked for Observability.count(\""
            + read.name() + "\") in its sources): a renamed metric leaves the"
            + " dashboard flat and the alarm silent");
      }
    }
    return problems;
  }

  /** The metric names a function's own sources count (its module: CodeUri's folder above target/). */
  static Set<String> counted(SamTemplate template, FunctionDefinition function) {
    Path jar = template.baseDir().resolve(function.codeUri()).normalize();
    Path module = jar.getParent() != null && jar.getParent().getFileName().toString().equals("target")
        ? jar.getParent().getParent() : jar.getParent();
    Path sources = module.resolve("src/main/java");
    Set<String> names = new LinkedHashSet<>();
    if (!Files.isDirectory(sources)) {
      return names;
    }
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher matcher = COUNTED.matcher(Files.readString(file));
        while (matcher.find()) {
          names.add(matcher.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  // ------------------------------------------------------------------ reading alarms and dashboards

  static List<MetricRead> alarmMetrics(SamTemplate template) {
    List<MetricRead> reads = new ArrayList<>();
    template.resourcesOfType(ALARM).forEach(alarm -> reads.addAll(metricsOf(template, alarm)));
    return reads;
  }

  /** An alarm's metric (MetricName...) or the metrics of its metric math (Metrics[].MetricStat.Metric). */
  static List<MetricRead> metricsOf(SamTemplate template, String alarm) {
    Map<String, Object> properties = template.properties(alarm);
    List<MetricRead> reads = new ArrayList<>();
    String where = "alarm " + alarm;
    if (properties.containsKey("MetricName")) {
      reads.add(new MetricRead(where, written(properties.get("Namespace")), written(properties.get("MetricName")),
          dimensions(properties.get("Dimensions"))));
    }
    for (Object query : SamTemplate.list(properties.get("Metrics"))) {
      Map<String, Object> metric = SamTemplate.map(SamTemplate.map(SamTemplate.map(query).get("MetricStat")).get("Metric"));
      if (!metric.isEmpty()) {
        reads.add(new MetricRead(where, written(metric.get("Namespace")), written(metric.get("MetricName")),
            dimensions(metric.get("Dimensions"))));
      }
    }
    return reads;
  }

  private static Map<String, Object> dimensions(Object list) {
    Map<String, Object> dimensions = new java.util.LinkedHashMap<>();
    for (Object dimension : SamTemplate.list(list)) {
      Map<String, Object> d = SamTemplate.map(dimension);
      dimensions.put(String.valueOf(d.get("Name")), d.get("Value"));
    }
    return dimensions;
  }

  /**
   * The metrics of a dashboard's widgets: {@code [namespace, name, dim1, value1, ..., {options}]} (the
   * shorthand "." for "as the line above" is resolved), expressions skipped. The body is read as written
   * (a Sub's text, its ${...} left in), which is JSON with the variables inside strings.
   */
  static List<MetricRead> dashboardMetrics(SamTemplate template, String dashboard) {
    String body = written(template.properties(dashboard).get("DashboardBody"));
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("dashboard " + dashboard + ": DashboardBody is not JSON: " + e.getMessage(), e);
    }
    List<MetricRead> reads = new ArrayList<>();
    for (JsonNode widget : root.path("widgets")) {
      String where = "dashboard " + dashboard + ", widget \"" + widget.path("properties").path("title").asText("") + "\"";
      List<String> previous = List.of();
      for (JsonNode line : widget.path("properties").path("metrics")) {
        List<String> parts = new ArrayList<>();
        for (JsonNode part : line) {
          if (part.isTextual()) {
            parts.add(part.asText());
          }
        }
        if (parts.size() < 2) {
          continue; // an expression
        }
        for (int i = 0; i < parts.size() && i < previous.size(); i++) {
          if (".".equals(parts.get(i))) {
            parts.set(i, previous.get(i));
          }
        }
        previous = parts;
        Map<String, Object> dimensions = new java.util.LinkedHashMap<>();
        for (int i = 2; i + 1 < parts.size(); i += 2) {
          dimensions.put(parts.get(i), parts.get(i + 1));
        }
        reads.add(new MetricRead(where, parts.get(0), parts.get(1), dimensions));
      }
    }
    return reads;
  }

  /** A value as written in the template: a string, or the text of a {@code !Sub}. */
  static String written(Object value) {
    if (value == null) {
      return null;
    }
    Object sub = SamTemplate.map(value).get("Fn::Sub");
    if (sub != null) {
      return sub instanceof List<?> list ? String.valueOf(list.get(0)) : sub.toString();
    }
    return value.toString();
  }

  /** X of {@code !GetAtt X.Arn} / {@code !GetAtt X.QueueName}, else null. */
  static String getAttOf(Object value) {
    List<Object> getAtt = SamTemplate.list(SamTemplate.map(value).get("Fn::GetAtt"));
    return getAtt.isEmpty() ? null : String.valueOf(getAtt.get(0));
  }
}
