package com.textinbox.localcloud.recording;

import com.textinbox.localcloud.recording.SamPolicyTemplates.Template;
import com.textinbox.localcloud.template.SamTemplate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Least privilege, measured (docs/least-privilege.md): what each function of template.yaml called
 * while the end-to-end suite ran, as the {@link AwsCallRecorder} noted it, against what its SAM
 * policy templates grant ({@link SamPolicyTemplates}). For each function:
 *
 * <ol>
 *   <li>it was invoked at all (otherwise nothing is known of what it calls);
 *   <li>every action it called is granted by one of its templates (else AccessDenied on AWS);
 *   <li>every template grants something it called (else a whole template too many);
 *   <li>no smaller combination of templates of the same family covers what it called (DynamoDBCrudPolicy
 *       where only reads were made: DynamoDBReadPolicy).
 * </ol>
 *
 * Actions are compared, not resources: which resource each template is on is checked statically by
 * TemplateChecks (a resource the function is told about in its environment).
 */
public final class LeastPrivilege {
  /** The IAM services whose calls the local cloud routes through the recorder (LocalCloud.start). */
  public static final Set<String> MEASURED_SERVICES = Set.of("dynamodb", "sqs", "s3", "sns", "ses", "es", "execute-api");

  /** One function as measured: invoked or not, the actions called, its policies as written. */
  public record FunctionUse(String function, boolean invoked, SortedSet<String> called, List<String> policies) {}

  /** Every function as measured, and the problems found (empty: least privilege holds). */
  public record Report(List<FunctionUse> functions, List<String> problems) {
    /** The measurements as a Markdown table, for the test's output and docs/least-privilege.md. */
    public String table() {
      StringBuilder out = new StringBuilder("| Function | Actions called during the e2e suite | Policy templates |\n|---|---|---|\n");
      for (FunctionUse use : functions) {
        String called = !use.invoked() ? "(never invoked)" : use.called().isEmpty() ? "none" : String.join(", ", use.called());
        String policies = use.policies().isEmpty() ? "none" : String.join(", ", use.policies());
        out.append("| ").append(use.function()).append(" | ").append(called).append(" | ").append(policies).append(" |\n");
      }
      return out.toString();
    }
  }

  private record Grant(int index, String name, String resource, Template template) {
    String describe() {
      return name + " (" + resource + ")";
    }
  }

  private LeastPrivilege() {}

  /**
   * @param calls what each function called: logical id -> IAM actions (GET /_local/aws-calls)
   * @param invoked the functions invoked at least once (GET /_local/functions)
   * @param measuredServices the IAM services whose calls were recorded ({@link #MEASURED_SERVICES})
   */
  public static Report check(SamTemplate template, Map<String, ? extends Collection<String>> calls, Set<String> invoked,
      Set<String> measuredServices) {
    List<FunctionUse> uses = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (SamTemplate.FunctionDefinition function : template.functions()) {
      String id = function.logicalId();
      SortedSet<String> called = new TreeSet<>(calls.containsKey(id) ? calls.get(id) : List.of());
      List<Object> policies = asList(function.properties().get("Policies"));
      List<Grant> grants = new ArrayList<>();
      List<String> written = new ArrayList<>();
      for (int i = 0; i < policies.size(); i++) {
        Object policy = policies.get(i);
        Map<String, Object> map = SamTemplate.map(policy);
        if (map.size() == 1 && !map.containsKey("Statement")) {
          String name = map.keySet().iterator().next();
          String resource = resourceOf(SamTemplate.map(map.get(name)));
          written.add(name + " (" + resource + ")");
          Template known = SamPolicyTemplates.named(name).orElse(null);
          if (known == null) {
            problems.add(id + ": Policies[" + i + "] " + name + " is unknown to SamPolicyTemplates, so what it grants cannot be"
                + " compared with what the function calls: add its actions there, from SAM's policy_templates.json");
          } else if (!measuredServices.contains(known.service())) {
            problems.add(id + ": Policies[" + i + "] " + name + " cannot be measured: the local cloud does not route "
                + known.service() + " calls through the AWS call recorder yet (LocalCloud.start, LocalResources.environmentOf)");
          } else {
            grants.add(new Grant(i, name, resource, known));
          }
        } else if (ReviewedInlineStatements.matching(id, map.get("Statement")).orElse(null) instanceof ReviewedInlineStatements.Reviewed
            reviewed) {
          // a reviewed inline policy: its Allow statements' actions count as one more grant
          written.add(reviewed.describe());
          Template inline = new Template(reviewed.describe(), "reviewed inline statements of " + id, "Resource",
              reviewed.allowedActions());
          if (!measuredServices.contains(inline.service())) {
            problems.add(id + ": Policies[" + i + "] " + reviewed.describe() + " cannot be measured: the local cloud does not"
                + " route " + inline.service() + " calls through the AWS call recorder yet");
          } else {
            grants.add(new Grant(i, inline.name(), "as reviewed", inline));
          }
        } else {
          written.add(String.valueOf(policy));
          problems.add(id + ": Policies[" + i + "] is not a SAM policy template, so what it grants cannot be compared with what"
              + " the function calls: use a SAM policy template on one resource (TemplateChecks.POLICY_TEMPLATES), or, where"
              + " IAM has no resource to scope it to, an inline policy reviewed in ReviewedInlineStatements");
        }
      }
      boolean wasInvoked = invoked.contains(id);
      uses.add(new FunctionUse(id, wasInvoked, called, written));
      if (!wasInvoked) {
        problems.add(id + ": never invoked during the end-to-end suite, so what it calls is unknown and its policies "
            + (written.isEmpty() ? "(none)" : written) + " are unchecked: add an end-to-end test (infra/e2e-tests) that makes it run");
        continue;
      }
      problems.addAll(notGranted(id, called, grants));
      problems.addAll(unused(function, called, grants));
      problems.addAll(smallerWouldDo(id, called, grants));
    }
    return new Report(uses, problems);
  }

  /** (a) Called but granted by none of the function's templates: AccessDenied on AWS. */
  private static List<String> notGranted(String id, Set<String> called, List<Grant> grants) {
    List<String> problems = new ArrayList<>();
    for (String action : called) {
      if (grants.stream().anyMatch(g -> g.template().grants(action))) {
        continue;
      }
      Template cover = SamPolicyTemplates.all().stream()
          .filter(t -> t.grants(action))
          .min(Comparator.comparingInt(t -> t.actions().size()))
          .orElse(null);
      problems.add(id + " called " + action + ", which none of its policy templates grants: on AWS it would get AccessDenied. "
          + (cover != null
              ? "Grant it with " + cover.name() + " (" + cover.resourceParameter() + ": the " + cover.family() + " it uses), the"
                  + " smallest SAM policy template that allows it"
              : "No SAM policy template known to SamPolicyTemplates allows it: find the narrowest in SAM's list and add it there"
                  + " and to TemplateChecks.POLICY_TEMPLATES"));
    }
    return problems;
  }

  /** (b) A template that grants nothing the function called: a whole template too many. */
  /** The queues a stream event sends failed batches to (DestinationConfig.OnFailure), as the policies name them. */
  private static Set<String> onFailureQueues(SamTemplate.FunctionDefinition function) {
    Set<String> queues = new java.util.HashSet<>();
    for (SamTemplate.EventDefinition event : function.eventsOfType("DynamoDB")) {
      Map<String, Object> onFailure = SamTemplate.map(SamTemplate.map(event.properties().get("DestinationConfig")).get("OnFailure"));
      Object destination = onFailure.get("Destination");
      List<Object> getAtt = SamTemplate.list(SamTemplate.map(destination).get("Fn::GetAtt"));
      if (!getAtt.isEmpty()) {
        queues.add(getAtt.get(0).toString());
      }
    }
    return queues;
  }

  private static List<String> unused(SamTemplate.FunctionDefinition function, Set<String> called, List<Grant> grants) {
    List<String> problems = new ArrayList<>();
    Set<String> onFailureQueues = onFailureQueues(function);
    for (Grant grant : grants) {
      if (called.stream().anyMatch(grant.template()::grants)) {
        continue;
      }
      if (grant.name().equals("SQSSendMessagePolicy")
          && onFailureQueues.stream().anyMatch(queue -> grant.resource().matches(".*(!Ref|!GetAtt) " + queue + "\\b.*"))) {
        continue; // Lambda's event source mapping sends there with the function's role, not the function's code
      }
      String hint = "";
      if (grant.template().family().equals(SamPolicyTemplates.SQS_QUEUE) && !function.eventsOfType("SQS").isEmpty()) {
        hint = " (receiving from an SQS event's queue needs no template: SAM gives the event source mapping its own rights,"
            + " AWSLambdaSQSQueueExecutionRole)";
      }
      problems.add(function.logicalId() + ": Policies[" + grant.index() + "] " + grant.describe() + " grants nothing the"
          + " function called during the end-to-end suite" + hint + ": remove it; or, if the function needs it on a path the"
          + " suite does not take, add an end-to-end test of that path");
    }
    return problems;
  }

  /** (c) A smaller combination of templates of the same family would cover what the function called. */
  private static List<String> smallerWouldDo(String id, Set<String> called, List<Grant> grants) {
    List<String> problems = new ArrayList<>();
    Map<String, List<Grant>> usedByFamily = new LinkedHashMap<>();
    for (Grant grant : grants) {
      if (called.stream().anyMatch(grant.template()::grants)) {
        usedByFamily.computeIfAbsent(grant.template().family(), f -> new ArrayList<>()).add(grant);
      }
    }
    usedByFamily.forEach((family, current) -> {
      if (current.stream().map(Grant::resource).distinct().count() > 1) {
        return; // several resources of one kind: actions are not told apart by resource, so no advice
      }
      List<Template> candidates = SamPolicyTemplates.family(family);
      Set<String> needed = called.stream()
          .filter(action -> current.stream().anyMatch(g -> g.template().grants(action)))
          .collect(Collectors.toCollection(TreeSet::new));
      List<Template> best = smallestCover(candidates, needed);
      Set<String> currentActions = SamPolicyTemplates.actionsOf(current.stream().map(Grant::template).toList());
      Set<String> bestActions = SamPolicyTemplates.actionsOf(best);
      if (best.isEmpty() || bestActions.size() >= currentActions.size()) {
        return;
      }
      Set<String> dropped = new TreeSet<>(currentActions);
      dropped.removeAll(bestActions);
      String resource = current.getFirst().resource();
      problems.add(id + ": " + current.stream().map(Grant::name).collect(Collectors.joining(" + ")) + " (" + resource + ") grants"
          + " more than the function called (" + String.join(", ", needed) + "): use "
          + best.stream().map(Template::name).collect(Collectors.joining(" + ")) + " (" + resource + ") instead, which covers"
          + " it without " + String.join(", ", dropped));
    });
    return problems;
  }

  /** The combination of templates covering every needed action that grants the fewest actions (then: fewest templates). */
  static List<Template> smallestCover(List<Template> candidates, Set<String> needed) {
    List<Template> best = List.of();
    int bestSize = Integer.MAX_VALUE;
    for (int mask = 1; mask < (1 << candidates.size()); mask++) {
      List<Template> subset = new ArrayList<>();
      for (int i = 0; i < candidates.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          subset.add(candidates.get(i));
        }
      }
      boolean covers = needed.stream().allMatch(action -> subset.stream().anyMatch(t -> t.grants(action)));
      int size = SamPolicyTemplates.actionsOf(subset).size();
      if (covers && (size < bestSize || size == bestSize && subset.size() < best.size())) {
        best = subset;
        bestSize = size;
      }
    }
    return best;
  }

  /** The template's resource parameter as written: {@code !Ref Table}. */
  private static String resourceOf(Map<String, Object> parameters) {
    if (parameters.isEmpty()) {
      return "no parameters";
    }
    return parameters.entrySet().stream().map(e -> e.getKey() + ": " + show(e.getValue())).collect(Collectors.joining(", "));
  }

  private static String show(Object value) {
    Map<String, Object> map = SamTemplate.map(value);
    if (map.get("Ref") instanceof String ref) {
      return "!Ref " + ref;
    }
    List<Object> getAtt = SamTemplate.list(map.get("Fn::GetAtt"));
    if (getAtt.size() == 2) {
      return "!GetAtt " + getAtt.get(0) + "." + getAtt.get(1);
    }
    return String.valueOf(value);
  }

  private static List<Object> asList(Object value) {
    return value == null ? List.of() : value instanceof List<?> ? SamTemplate.list(value) : List.of(value);
  }
}
