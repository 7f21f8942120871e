package com.textinbox.localcloud.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.textinbox.localcloud.recording.SamPolicyTemplates;
import com.textinbox.localcloud.template.SamTemplate.EventDefinition;
import com.textinbox.localcloud.template.SamTemplate.FunctionDefinition;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * template.yaml and the code agree (DESIGN.md, principle 1): every {@link TemplateChecks} check
 * finds nothing in the real template, and each one reports the fault planted in a mutated copy.
 *
 * <p>Needs the function jars: {@code mvn -B package -DskipTests} once (or {@code mvn verify},
 * which packages the functions before this module's tests).
 */
class TemplateConsistencyTest {
  private static SamTemplate template;

  @BeforeAll
  static void loadTemplate() throws IOException {
    template = SamTemplate.load(findTemplate());
  }

  /** template.yaml of the repository: the first folder holding one, walking up from here. */
  static Path findTemplate() {
    return RepositoryFiles.path("template.yaml");
  }

  // ------------------------------------------------------------------ the real template

  @Nested
  class TheRealTemplate {
    @Test
    void isValidSam() {
      assertNoProblems("SAM schema", TemplateChecks.samSchema(template));
    }

    @Test
    void drainsTheSendQueueWithAFewSendersAtMost() {
      // a burst of texts is paced per number by the senders (decision 61), never fanned out to hundreds
      EventDefinition commands = template.functions().stream().filter(f -> f.logicalId().equals("SmsSender")).findFirst()
          .orElseThrow().eventsOfType("SQS").getFirst();
      assertEquals(Map.of("Ref", "SmsSenderMaxConcurrency"),
          SamTemplate.map(commands.properties().get("ScalingConfig")).get("MaximumConcurrency"));
    }

    @Test
    void bringsACrashedSendBackAfterItsLease() {
      // a command whose SmsSender crashed after its claim comes back after the queue's visibility
      // timeout; only once the message's lease is over may that delivery text it (else it waits
      // for QueuedSmsSweep, minutes): the lease ends at most the function's timeout after the receive
      FunctionDefinition sender = template.functions().stream().filter(f -> f.logicalId().equals("SmsSender")).findFirst()
          .orElseThrow();
      long visibility = ((Number) template.properties("SendSmsQueue").get("VisibilityTimeout")).longValue();
      long timeout = ((Number) sender.properties().get("Timeout")).longValue();
      assertTrue(visibility > timeout + QueuedSms.LEASE.toSeconds(),
          "SendSmsQueue's VisibilityTimeout " + visibility + " s, SmsSender's Timeout " + timeout + " s, the lease "
              + QueuedSms.LEASE.toSeconds() + " s");
    }

    @Test
    void namesHandlersThatAreInTheJars() {
      assertNoProblems("handlers", TemplateChecks.handlers(template));
    }

    @Test
    void carriesSharedsLazySdkMetadata() {
      assertNoProblems("SDK metadata", TemplateChecks.lazySdkMetadata(template));
    }

    @Test
    void sendsEachHandlerEventsItCanTake() {
      assertNoProblems("event types", TemplateChecks.eventTypes(template));
    }

    @Test
    void setsTheEnvironmentTheCodeReadsAndNoMore() {
      assertNoProblems("environment", TemplateChecks.environment(template));
    }

    @Test
    void givesEveryQueueADeadLetterQueueAndEverySubscriptionAQueuePolicy() {
      assertNoProblems("queues", TemplateChecks.queues(template));
    }

    @Test
    void grantsLeastPrivilege() {
      assertNoProblems("IAM", TemplateChecks.iam(template));
    }
  }

  /** The least-privilege e2e test compares calls with what each allowed template grants: it must know every one. */
  @Test
  void everyPolicyTemplateAllowedHereHasItsActionsInSamPolicyTemplates() {
    TemplateChecks.POLICY_TEMPLATES.forEach((name, allowed) -> {
      SamPolicyTemplates.Template known = SamPolicyTemplates.named(name).orElse(null);
      assertNotNull(known, name + " is allowed by TemplateChecks.POLICY_TEMPLATES but missing from SamPolicyTemplates:"
          + " add its actions there (from SAM's policy_templates.json)");
      assertEquals(allowed.resourceParameters().keySet(), java.util.Set.of(known.resourceParameter()),
          name + ": the resource parameter differs between TemplateChecks and SamPolicyTemplates");
    });
  }

  private static void assertNoProblems(String check, List<String> problems) {
    if (!problems.isEmpty()) {
      String report = "template.yaml and the code disagree (" + check + " check, " + problems.size() + " problem"
          + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems);
      System.out.println(report);
      fail(report);
    }
  }

  // ------------------------------------------------------------------ mutated copies

  @Nested
  class AMutatedCopy {
    @TempDir
    Path temp;

    @Test
    void withAMisspeltFunctionPropertyBreaksTheSamSchema() {
      String function = template.functions().getFirst().logicalId();
      SamTemplate mutated = mutated(root -> {
        Map<String, Object> properties = properties(root, function);
        properties.put("Handlr", properties.remove("Handler"));
      });

      List<String> problems = TemplateChecks.samSchema(mutated);
      assertReported(problems, "$.Resources." + function + ".Properties", "Handlr");
      assertOnlyAbout(problems, "$.Resources." + function + ".Properties");
    }

    @Test
    void withAMisspeltEventPropertyBreaksTheSamSchema() {
      FunctionDefinition function = firstFunctionWithEvent("SQS");
      EventDefinition event = function.eventsOfType("SQS").getFirst();
      SamTemplate mutated = mutated(root -> {
        Map<String, Object> properties = eventProperties(root, function.logicalId(), event.name());
        properties.put("Queu", properties.remove("Queue"));
      });

      List<String> problems = TemplateChecks.samSchema(mutated);
      String where = "$.Resources." + function.logicalId() + ".Properties.Events." + event.name() + ".Properties";
      assertReported(problems, where, "Queu");
      assertReported(problems, where, "required property 'Queue' not found");
      assertOnlyAbout(problems, where);
    }

    @Test
    void withAHandlerClassRenamedNamesAClassMissingFromTheJar() {
      FunctionDefinition function = template.functions().getFirst();
      SamTemplate mutated = mutated(root ->
          properties(root, function.logicalId()).put("Handler", "com.textinbox.NoSuchHandler::handleRequest"));

      assertReported(TemplateChecks.handlers(mutated),
          "function " + function.logicalId() + ": handler class com.textinbox.NoSuchHandler is not in "
              + template.baseDir().resolve(function.codeUri()));
    }

    @Test
    void withAnotherHandlerMethodIsReported() {
      FunctionDefinition function = template.functions().getFirst();
      SamTemplate mutated = mutated(root ->
          properties(root, function.logicalId()).put("Handler", function.handlerClass() + "::handle"));

      assertReported(TemplateChecks.handlers(mutated), "function " + function.logicalId(), "must be <class>::handleRequest");
    }

    @Test
    void withAnApiRouteTheHandlerDoesNotServeIsReportedBothWays() {
      FunctionDefinition function = firstFunctionWithEvent("Api");
      EventDefinition event = function.eventsOfType("Api").getFirst();
      String served = event.properties().get("Method") + " " + event.properties().get("Path");
      SamTemplate mutated = mutated(root -> eventProperties(root, function.logicalId(), event.name()).put("Path", "/nowhere"));

      List<String> problems = TemplateChecks.eventTypes(mutated);
      assertReported(problems, "function " + function.logicalId(), "routes " + event.properties().get("Method")
          + " /nowhere to " + function.handlerClass() + ", which does not serve it");
      assertReported(problems, "serves " + served + " but template.yaml declares no Api event for it");
    }

    @Test
    void withAnApiEventOnAFunctionThatIsNoApiHandlerIsReported() {
      FunctionDefinition function = firstFunctionWithEvent("SQS");
      Map<String, Object> api = new LinkedHashMap<>(firstFunctionWithEvent("Api").eventsOfType("Api").getFirst().properties());
      SamTemplate mutated = mutated(root -> events(root, function.logicalId()).put("Extra", Map.of("Type", "Api", "Properties", api)));

      assertReported(TemplateChecks.eventTypes(mutated),
          "function " + function.logicalId() + ", event Extra (Api)", "does not extend com.textinbox.shared.api.ApiHandler");
    }

    @Test
    void withAnSqsEventWithoutReportBatchItemFailuresIsReported() {
      FunctionDefinition function = firstFunctionWithEvent("SQS");
      EventDefinition event = function.eventsOfType("SQS").getFirst();
      SamTemplate mutated = mutated(root ->
          eventProperties(root, function.logicalId(), event.name()).remove("FunctionResponseTypes"));

      assertReported(TemplateChecks.eventTypes(mutated),
          "function " + function.logicalId() + ", event " + event.name() + " (SQS)", "ReportBatchItemFailures");
    }

    @Test
    void withAConcurrencyCapAwsRefusesIsReported() {
      SamTemplate literal = mutated(root -> eventProperties(root, "SmsSender", "Commands")
          .put("ScalingConfig", new LinkedHashMap<>(Map.of("MaximumConcurrency", 1))));
      assertReported(TemplateChecks.eventTypes(literal), "function SmsSender, event Commands (SQS)",
          "MaximumConcurrency must be between 2 and 1000", "it is 1");
      SamTemplate unbounded = mutated(root -> map(map(root.get("Parameters")).get("SmsSenderMaxConcurrency")).remove("MinValue"));
      assertReported(TemplateChecks.eventTypes(unbounded), "function SmsSender", "MinValue >= 2");
    }

    @Test
    void withAnSqsEventFromAQueueOutsideTheTemplateIsReported() {
      FunctionDefinition function = firstFunctionWithEvent("SQS");
      EventDefinition event = function.eventsOfType("SQS").getFirst();
      SamTemplate mutated = mutated(root -> eventProperties(root, function.logicalId(), event.name())
          .put("Queue", "arn:aws:sqs:us-east-1:123456789012:elsewhere"));

      assertReported(TemplateChecks.eventTypes(mutated), "event " + event.name(), "Queue must be !GetAtt <queue>.Arn",
          "not arn:aws:sqs:us-east-1:123456789012:elsewhere");
    }

    @Test
    void withAScheduleEventSaysTheCheckDoesNotSupportItYet() {
      FunctionDefinition function = firstFunctionWithEvent("SQS");
      SamTemplate mutated = mutated(root -> events(root, function.logicalId())
          .put("Nightly", Map.of("Type", "Schedule", "Properties", Map.of("Schedule", "rate(1 day)"))));

      assertReported(TemplateChecks.eventTypes(mutated),
          "function " + function.logicalId() + ", event Nightly (Schedule)", "not supported yet by this check");
    }

    @Test
    void withAStreamEventWithoutReportBatchItemFailuresIsReported() {
      FunctionDefinition function = firstFunctionWithEvent("DynamoDB");
      EventDefinition event = function.eventsOfType("DynamoDB").getFirst();
      SamTemplate mutated = mutated(root ->
          eventProperties(root, function.logicalId(), event.name()).remove("FunctionResponseTypes"));

      assertReported(TemplateChecks.eventTypes(mutated),
          "function " + function.logicalId() + ", event " + event.name() + " (DynamoDB)", "ReportBatchItemFailures");
    }

    @Test
    void withAStreamEventRetryingForeverOrDroppingWhatFailsIsReported() {
      FunctionDefinition function = firstFunctionWithEvent("DynamoDB");
      EventDefinition event = function.eventsOfType("DynamoDB").getFirst();
      SamTemplate mutated = mutated(root -> {
        Map<String, Object> properties = eventProperties(root, function.logicalId(), event.name());
        properties.remove("MaximumRetryAttempts");
        properties.remove("DestinationConfig");
      });

      List<String> problems = TemplateChecks.eventTypes(mutated);
      assertReported(problems, "event " + event.name() + " (DynamoDB)", "set MaximumRetryAttempts");
      assertReported(problems, "event " + event.name() + " (DynamoDB)", "OnFailure", "not silently dropped");
    }

    @Test
    void withAStreamEventOnAFunctionThatIsNoStreamHandlerIsReported() {
      FunctionDefinition function = firstFunctionWithEvent("SQS");
      Map<String, Object> stream = new LinkedHashMap<>(firstFunctionWithEvent("DynamoDB").eventsOfType("DynamoDB").getFirst().properties());
      SamTemplate mutated = mutated(root ->
          events(root, function.logicalId()).put("Changes", Map.of("Type", "DynamoDB", "Properties", stream)));

      assertReported(TemplateChecks.eventTypes(mutated), "function " + function.logicalId() + ", event Changes (DynamoDB)",
          "does not extend com.textinbox.shared.stream.DynamoDBStreamHandler");
    }

    @Test
    void withAStreamEventOnAQueueNotATableIsReported() {
      FunctionDefinition function = firstFunctionWithEvent("DynamoDB");
      EventDefinition event = function.eventsOfType("DynamoDB").getFirst();
      String queue = firstQueueWith("RedrivePolicy");
      SamTemplate mutated = mutated(root -> eventProperties(root, function.logicalId(), event.name())
          .put("Stream", Map.of("Fn::GetAtt", List.of(queue, "Arn"))));

      assertReported(TemplateChecks.eventTypes(mutated), "event " + event.name(), "Stream must be !GetAtt <table>.StreamArn",
          "not !GetAtt " + queue + ".Arn");
    }

    @Test
    void withAnAuthorizerThatIsNoFunctionOfTheTemplateIsReported() {
      String api = template.resourcesOfType("AWS::Serverless::Api").getFirst();
      SamTemplate mutated = mutated(root -> {
        Map<String, Object> authorizers = map(map(properties(root, api).get("Auth")).get("Authorizers"));
        map(authorizers.values().iterator().next()).put("FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:x");
      });

      assertReported(TemplateChecks.eventTypes(mutated), "API " + api + ", authorizer", "FunctionArn must be");
    }

    @Test
    void withoutAVariableTheCodeRequiresIsReported() {
      FunctionDefinition function = firstFunctionSetting("TABLE_NAME");
      SamTemplate mutated = mutated(root -> variables(root, function.logicalId()).remove("TABLE_NAME"));

      assertReported(TemplateChecks.environment(mutated),
          "function " + function.logicalId() + " reads environment variable TABLE_NAME which template.yaml does not set");
    }

    @Test
    void withoutAVariableTheCodeReadsWithADefaultIsReported() {
      FunctionDefinition function = firstFunctionSetting("DEFAULT_PHONE_REGION");
      SamTemplate mutated = mutated(root -> variables(root, function.logicalId()).remove("DEFAULT_PHONE_REGION"));

      assertReported(TemplateChecks.environment(mutated),
          "function " + function.logicalId() + " reads environment variable DEFAULT_PHONE_REGION", "does not set");
    }

    @Test
    void withAVariableNoCodeReadsIsReported() {
      FunctionDefinition function = template.functions().getFirst();
      SamTemplate mutated = mutated(root -> variables(root, function.logicalId()).put("STALE_SETTING", "x"));

      List<String> problems = TemplateChecks.environment(mutated);
      assertReported(problems, "function " + function.logicalId(), "sets environment variable STALE_SETTING",
          "never reads it");
      assertFalse(problems.stream().anyMatch(p -> p.contains("POWERTOOLS_") || p.contains("LOG_LEVEL")),
          "variables Powertools reads itself are not reported: " + problems);
    }

    @Test
    void withAVariableReferringToAnUndeclaredResourceIsReported() {
      FunctionDefinition function = template.functions().getFirst();
      SamTemplate mutated = mutated(root -> variables(root, function.logicalId()).put("GHOST", Map.of("Ref", "Ghost")));

      assertReported(TemplateChecks.environment(mutated), "function " + function.logicalId(), "GHOST", "Ghost is not a resource");
    }

    @Test
    void withAQueueWithoutRedrivePolicyIsReported() {
      String queue = firstQueueWith("RedrivePolicy");
      SamTemplate mutated = mutated(root -> properties(root, queue).remove("RedrivePolicy"));

      assertReported(TemplateChecks.queues(mutated), "queue " + queue + " has no RedrivePolicy");
    }

    @Test
    void withTooManyReceivesBeforeTheDlqIsReported() {
      String queue = firstQueueWith("RedrivePolicy");
      SamTemplate mutated = mutated(root -> map(properties(root, queue).get("RedrivePolicy")).put("maxReceiveCount", 50));

      assertReported(TemplateChecks.queues(mutated), "queue " + queue, "maxReceiveCount must be between 1 and 10", "50");
    }

    @Test
    void withADlqKeepingMessagesLessThan14DaysIsReported() {
      String queue = firstQueueWith("RedrivePolicy");
      Object target = map(template.properties(queue).get("RedrivePolicy")).get("deadLetterTargetArn");
      String dlq = TemplateChecks.getAttTarget(target, "Arn");
      assertNotNull(dlq, queue + "'s DLQ");
      SamTemplate mutated = mutated(root -> properties(root, dlq).put("MessageRetentionPeriod", 345600));

      assertReported(TemplateChecks.queues(mutated), "queue " + dlq + " is a dead-letter queue", "1209600", "345600");
    }

    @Test
    void withAnOnFailureQueueKeepingMessagesLessThan14DaysIsReported() {
      String queue = TemplateChecks.onFailureDestination(firstFunctionWithEvent("DynamoDB").eventsOfType("DynamoDB").getFirst());
      assertNotNull(queue, "the stream event's OnFailure queue");
      SamTemplate mutated = mutated(root -> properties(root, queue).put("MessageRetentionPeriod", 86400));

      List<String> problems = TemplateChecks.queues(mutated);
      assertReported(problems, "queue " + queue + " is a dead-letter queue (or an OnFailure destination)", "1209600", "86400");
      assertFalse(problems.stream().anyMatch(p -> p.contains(queue + " has no RedrivePolicy")), "an OnFailure queue needs no DLQ of its own");
    }

    @Test
    void withASubscribedQueueThatSnsMayNotSendToIsReported() {
      List<String> queuePolicies = template.resourcesOfType("AWS::SQS::QueuePolicy");
      assertFalse(queuePolicies.isEmpty(), "template.yaml has a queue policy");
      SamTemplate mutated = mutated(root -> queuePolicies.forEach(map(root.get("Resources"))::remove));

      assertReported(TemplateChecks.queues(mutated), "is subscribed to topic", "no AWS::SQS::QueuePolicy lets");
    }

    @Test
    void withAStarResourceIsReported() {
      FunctionDefinition function = firstFunctionWithPolicies();
      SamTemplate mutated = mutated(root -> policies(root, function.logicalId()).add(Map.of("Statement", List.of(
          Map.of("Effect", "Allow", "Action", List.of("dynamodb:GetItem"), "Resource", "*")))));

      assertReported(TemplateChecks.iam(mutated), "function " + function.logicalId() + ", Policies[", "Resource '*'");
    }

    @Test
    void aReviewedInlinePolicyPassesOnlyOnItsFunctionAndOnlyAsReviewed() {
      for (var reviewed : com.textinbox.localcloud.recording.ReviewedInlineStatements.ALL) {
        // the template holds it as reviewed (grantsLeastPrivilege), and nothing else passes: with a statement
        // dropped (e.g. the Deny that narrows an Allow) or, for a single statement, its resource widened
        List<Map<String, Object>> statements = reviewed.statements();
        List<Object> changed = statements.size() > 1
            ? List.copyOf(statements.subList(0, statements.size() - 1))
            : List.of(widened(statements.getFirst()));
        SamTemplate notAsReviewed = mutated(root -> policies(root, reviewed.function())
            .replaceAll(p -> p instanceof Map<?, ?> m && m.containsKey("Statement") ? Map.of("Statement", changed) : p));
        assertReported(TemplateChecks.iam(notAsReviewed), "function " + reviewed.function() + ", Policies[", "inline statement",
            "ReviewedInlineStatements");

        String other = template.functions().stream().filter(f -> !f.policies().isEmpty()).map(FunctionDefinition::logicalId)
            .filter(id -> !id.equals(reviewed.function())).findFirst().orElseThrow();
        SamTemplate onAnotherFunction = mutated(root -> policies(root, other).add(Map.of("Statement", reviewed.statements())));
        assertReported(TemplateChecks.iam(onAnotherFunction), "function " + other + ", Policies[", "inline statement");
      }
    }

    private static Map<String, Object> widened(Map<String, Object> statement) {
      Map<String, Object> copy = new java.util.LinkedHashMap<>(statement);
      copy.put("Resource", "*");
      return copy;
    }

    @Test
    void withAStarActionIsReported() {
      FunctionDefinition function = firstFunctionWithPolicies();
      SamTemplate mutated = mutated(root -> policies(root, function.logicalId()).add(Map.of("Statement",
          Map.of("Effect", "Allow", "Action", "dynamodb:*", "Resource", "arn:aws:dynamodb:us-east-1:1:table/t"))));

      assertReported(TemplateChecks.iam(mutated), "function " + function.logicalId(), "action 'dynamodb:*'");
    }

    @Test
    void withAManagedPolicyIsReported() {
      FunctionDefinition function = firstFunctionWithPolicies();
      SamTemplate mutated = mutated(root -> policies(root, function.logicalId()).add("AmazonDynamoDBFullAccess"));

      assertReported(TemplateChecks.iam(mutated), "function " + function.logicalId(), "managed policy AmazonDynamoDBFullAccess");
    }

    @Test
    void withAnUnknownPolicyTemplateIsReported() {
      FunctionDefinition function = firstFunctionWithPolicies();
      SamTemplate mutated = mutated(root -> policies(root, function.logicalId())
          .add(Map.of("AWSSecretsManagerGetSecretValuePolicy", Map.of("SecretArn", "arn:x"))));

      assertReported(TemplateChecks.iam(mutated), "policy template AWSSecretsManagerGetSecretValuePolicy is unknown");
    }

    @Test
    void withAPolicyOnAResourceTheFunctionCannotFindIsReported() {
      FunctionDefinition function = firstFunctionSetting("TABLE_NAME");
      SamTemplate mutated = mutated(root -> variables(root, function.logicalId()).remove("TABLE_NAME"));

      assertReported(TemplateChecks.iam(mutated), "function " + function.logicalId(),
          "none of its environment variables refers to");
    }

    @Test
    void withAnOnFailureQueueTheFunctionMayNotSendToIsReported() {
      FunctionDefinition function = firstFunctionWithEvent("DynamoDB");
      String queue = TemplateChecks.onFailureDestination(function.eventsOfType("DynamoDB").getFirst());
      SamTemplate mutated = mutated(root -> policies(root, function.logicalId())
          .removeIf(policy -> policy instanceof Map<?, ?> map && map.containsKey("SQSSendMessagePolicy")));

      assertReported(TemplateChecks.iam(mutated), "function " + function.logicalId(), "gives up on to " + queue,
          "SQSSendMessagePolicy");
    }

    @Test
    void withPoliciesOnAFunctionThatMakesNoAwsCallsIsReported() {
      String api = template.resourcesOfType("AWS::Serverless::Api").getFirst();
      Map<String, Object> authorizer = map(map(map(template.properties(api).get("Auth")).get("Authorizers"))
          .values().iterator().next());
      String function = TemplateChecks.getAttTarget(authorizer.get("FunctionArn"), "Arn");
      // every function now carries the SDK (the authorizer reads API keys, AP4): a copy of its jar without it
      Path withoutSdk = jarWithout(template.baseDir().resolve(template.functions().stream()
          .filter(f -> f.logicalId().equals(function)).findFirst().orElseThrow().codeUri()), "software/amazon/awssdk/");
      SamTemplate mutated = mutated(root -> {
        properties(root, function).put("Policies", List.of(Map.of("DynamoDBReadPolicy", Map.of("TableName", Map.of("Ref", "Table")))));
        properties(root, function).put("CodeUri", withoutSdk.toString());
      });

      assertReported(TemplateChecks.iam(mutated), "function " + function, "makes no AWS calls: remove its Policies");
    }

    /** A copy of {@code jar} in the temp folder without the entries under {@code prefix}. */
    private Path jarWithout(Path jar, String prefix) {
      Path copy = temp.resolve("without-" + jar.getFileName());
      try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar.toFile());
          java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(copy))) {
        for (var entries = in.entries(); entries.hasMoreElements(); ) {
          java.util.jar.JarEntry entry = entries.nextElement();
          if (!entry.getName().startsWith(prefix)) {
            out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
            in.getInputStream(entry).transferTo(out);
            out.closeEntry();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return copy;
    }

    /**
     * A fresh copy of template.yaml, changed, written to a temp folder and read back; CodeUri made
     * absolute so the copy still finds the function jars.
     */
    private SamTemplate mutated(Consumer<Map<String, Object>> change) {
      try {
        Map<String, Object> root = CloudFormationYaml.read(template.file());
        for (FunctionDefinition function : template.functions()) {
          properties(root, function.logicalId())
              .put("CodeUri", template.baseDir().resolve(function.codeUri()).toString());
        }
        change.accept(root);
        Path file = temp.resolve("template.yaml");
        Files.writeString(file, new Yaml().dump(root));
        return SamTemplate.load(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Fails unless one problem contains every fragment; shows all problems when it fails. */
  private static void assertReported(List<String> problems, String... fragments) {
    boolean found = problems.stream().anyMatch(p -> Arrays.stream(fragments).allMatch(p::contains));
    assertTrue(found, "expected a problem with " + Arrays.toString(fragments) + "; the check reported:\n  - "
        + String.join("\n  - ", problems));
  }

  /** The schema's other branches (other resource or event types) are filtered out: only the fault is left. */
  private static void assertOnlyAbout(List<String> problems, String location) {
    assertTrue(problems.stream().allMatch(p -> p.contains(location + ":")),
        "expected problems about " + location + " only; the check reported:\n  - " + String.join("\n  - ", problems));
  }

  // ------------------------------------------------------------------ picking and changing parts of a template

  private static FunctionDefinition firstFunctionWithEvent(String type) {
    return template.functions().stream().filter(f -> !f.eventsOfType(type).isEmpty()).findFirst()
        .orElseThrow(() -> new AssertionError("template.yaml has no function with an " + type + " event"));
  }

  private static FunctionDefinition firstFunctionSetting(String variable) {
    return template.functions().stream().filter(f -> f.environment().containsKey(variable)).findFirst()
        .orElseThrow(() -> new AssertionError("template.yaml has no function setting " + variable));
  }

  private static FunctionDefinition firstFunctionWithPolicies() {
    return template.functions().stream().filter(f -> !f.policies().isEmpty()).findFirst()
        .orElseThrow(() -> new AssertionError("template.yaml has no function with Policies"));
  }

  private static String firstQueueWith(String property) {
    return template.resourcesOfType("AWS::SQS::Queue").stream()
        .filter(q -> template.properties(q).containsKey(property)).findFirst()
        .orElseThrow(() -> new AssertionError("template.yaml has no queue with " + property));
  }

  private static Map<String, Object> properties(Map<String, Object> root, String logicalId) {
    return map(map(map(root.get("Resources")).get(logicalId)).get("Properties"));
  }

  private static Map<String, Object> events(Map<String, Object> root, String function) {
    return map(properties(root, function).get("Events"));
  }

  private static Map<String, Object> eventProperties(Map<String, Object> root, String function, String event) {
    return map(map(events(root, function).get(event)).get("Properties"));
  }

  private static Map<String, Object> variables(Map<String, Object> root, String function) {
    return map(map(properties(root, function).get("Environment")).get("Variables"));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> policies(Map<String, Object> root, String function) {
    Map<String, Object> properties = properties(root, function);
    properties.put("Policies", new ArrayList<>(SamTemplate.list(properties.get("Policies"))));
    return (List<Object>) properties.get("Policies");
  }

  /** A map of the tree; fails rather than returning an empty stand-in, so a mutation never goes nowhere. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertTrue(value instanceof Map, "expected a mapping in template.yaml, found " + value);
    return (Map<String, Object>) value;
  }
}
