package com.textinbox.localcloud.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.localcloud.template.SamTemplate.FunctionDefinition;
import com.textinbox.shared.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Alarms and the dashboard of template.yaml (docs/decisions.md 60): {@link OperationsChecks} finds
 * nothing in the real template, and reports each fault planted in a changed copy (a new DLQ or
 * function without an alarm, a metric no code counts, an alarm that tells no one it is OK again).
 */
class OperationsTemplateTest {
  private static SamTemplate template;

  @TempDir
  Path temp;

  @BeforeAll
  static void load() throws IOException {
    template = SamTemplate.load(RepositoryFiles.path("template.yaml"));
  }

  @Test
  void theRealTemplateAlarmsEveryDlqAndFunctionOnMetricsTheCodeCounts() {
    List<String> problems = OperationsChecks.all(template);
    assertTrue(problems.isEmpty(), "template.yaml's alarms and dashboard:\n  - " + String.join("\n  - ", problems));
  }

  @Test
  void theChecksSeeWhatTheyCheck() {
    // guards the checks themselves: an empty reading would pass everything
    assertEquals(10, OperationsChecks.deadLetterQueueIds(template).size(), "DLQs found: " + OperationsChecks.deadLetterQueueIds(template));
    assertTrue(OperationsChecks.deadLetterQueueIds(template).contains("SearchIndexerDLQ"), "a stream's OnFailure queue is a DLQ too");
    List<OperationsChecks.MetricRead> dashboard = OperationsChecks.dashboardMetrics(template, "PipelineDashboard");
    for (String metric : List.of("SmsReceived", "SmsStored", "NotificationsCreated", "SmsSent", "SmsDelivered")) {
      assertTrue(dashboard.stream().anyMatch(m -> m.name().equals(metric)), "the pipeline dashboard shows " + metric);
    }
    FunctionDefinition receipts = template.functions().stream().filter(f -> f.logicalId().equals("DeliveryReceipts")).findFirst().orElseThrow();
    assertTrue(OperationsChecks.counted(template, receipts).containsAll(List.of("SmsDelivered", "SmsDeliveryFailed")));
  }

  @Test
  void aNewDlqWithoutAnAlarmIsReported() {
    SamTemplate changed = changed(resources -> {
      resources.put("ExtraDLQ", Map.of("Type", "AWS::SQS::Queue", "Properties", Map.of("MessageRetentionPeriod", 1209600)));
      resources.put("ExtraQueue", Map.of("Type", "AWS::SQS::Queue", "Properties", Map.of("RedrivePolicy",
          Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of("ExtraDLQ", "Arn")), "maxReceiveCount", 5))));
    });
    assertReported(OperationsChecks.deadLetterQueues(changed), "DLQ ExtraDLQ", "ApproximateNumberOfMessagesVisible");
  }

  @Test
  void aFunctionWithoutAnAlarmIsReported() {
    SamTemplate changed = changed(resources -> resources.remove("SmsSenderErrorsAlarm"));
    List<String> problems = OperationsChecks.functions(changed);
    assertReported(problems, "function SmsSender", "Errors");
    assertReported(problems, "function SmsSender", "Throttles");
  }

  @Test
  void anAlarmOfAConditionalFunctionWithoutItsConditionIsReported() {
    SamTemplate changed = changed(resources -> properties(resources, "LiveConnectionsErrorsAlarm", true).remove("Condition"));
    assertReported(OperationsChecks.functions(changed), "alarm LiveConnectionsErrorsAlarm", "LiveNotificationsOn");
  }

  @Test
  void aMetricNoCodeCountsIsReported() {
    SamTemplate changed = changed(resources -> {
      Map<String, Object> body = properties(resources, "PipelineDashboard", false);
      String text = (String) ((Map<?, ?>) body.get("DashboardBody")).get("Fn::Sub");
      body.put("DashboardBody", Map.of("Fn::Sub", text.replace("\"SmsStored\"", "\"SmsFiled\"")));
    });
    assertReported(OperationsChecks.productMetrics(changed), "dashboard PipelineDashboard", "SmsFiled", "InboundSms");
  }

  @Test
  void anAlarmOnAMetricOfAnotherServiceIsReported() {
    SamTemplate changed = changed(resources -> {
      String yaml = new Yaml().dump(properties(resources, "SmsDeliveryFailureAlarm", false).get("Metrics"));
      properties(resources, "SmsDeliveryFailureAlarm", false).put("Metrics",
          new Yaml().load(yaml.replace("SmsDeliveryFailed", "SmsSent")));
    });
    assertReported(OperationsChecks.productMetrics(changed), "alarm SmsDeliveryFailureAlarm", "SmsSent", "DeliveryReceipts");
  }

  @Test
  void anAlarmThatSaysNothingWhenOkIsReported() {
    SamTemplate changed = changed(resources -> properties(resources, "SendSmsDLQAlarm", false).remove("OKActions"));
    assertReported(OperationsChecks.alarmActions(changed), "alarm SendSmsDLQAlarm", "OKActions");
  }

  @Test
  void theAlarmEmailIsSubscribedOnlyWhenGiven() {
    assertEquals("HasAlarmEmail", template.resource("AlarmEmailSubscription").get("Condition"));
    assertEquals(Map.of("Ref", "AlarmEmail"), template.properties("AlarmEmailSubscription").get("Endpoint"));
    Intrinsics.Resources none = new Intrinsics.Resources() {
      @Override
      public String ref(String logicalId) {
        throw new AssertionError(logicalId);
      }

      @Override
      public String getAtt(String logicalId, String attribute) {
        throw new AssertionError(logicalId);
      }
    };
    Map<String, String> parameters = new HashMap<>(template.parameterDefaults());
    assertFalse(new Intrinsics(parameters, none, template.conditions()).condition("HasAlarmEmail"), "blank by default: no subscription");
    parameters.put("AlarmEmail", "ops@example.com");
    assertTrue(new Intrinsics(parameters, none, template.conditions()).condition("HasAlarmEmail"));
  }

  // ------------------------------------------------------------------ changed copies

  /** A copy of template.yaml, changed, written and read back (CodeUri made absolute: the checks read the functions' sources). */
  private SamTemplate changed(Consumer<Map<String, Object>> change) {
    try {
      Map<String, Object> root = CloudFormationYaml.read(template.file());
      @SuppressWarnings("unchecked")
      Map<String, Object> resources = (Map<String, Object>) root.get("Resources");
      for (FunctionDefinition function : template.functions()) {
        properties(resources, function.logicalId(), false).put("CodeUri", template.baseDir().resolve(function.codeUri()).toString());
      }
      change.accept(resources);
      Path file = temp.resolve("template.yaml");
      Files.writeString(file, new Yaml().dump(root));
      return SamTemplate.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A resource's Properties (or, with {@code resource}, the resource itself), as a mutable map. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> resources, String id, boolean resource) {
    Map<String, Object> item = (Map<String, Object>) resources.get(id);
    assertTrue(item != null, "template.yaml has no resource " + id);
    return resource ? item : (Map<String, Object>) item.get("Properties");
  }

  private static void assertReported(List<String> problems, String... fragments) {
    boolean found = problems.stream().anyMatch(p -> List.of(fragments).stream().allMatch(p::contains));
    assertTrue(found, "expected a problem with " + List.of(fragments) + "; the check reported:\n  - " + String.join("\n  - ", problems));
  }
}
