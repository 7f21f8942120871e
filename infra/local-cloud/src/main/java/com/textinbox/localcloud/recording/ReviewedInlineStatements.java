package com.textinbox.localcloud.recording;

import com.textinbox.localcloud.template.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The few inline IAM statements this project allows, each reviewed and listed here with why: an
 * action no SAM policy template grants, on a resource narrower than "*". TemplateChecks refuses any
 * other inline statement, and any statement here that differs in actions or resource from what was
 * reviewed; the least-privilege test measures these like templates (granted, used, nothing more).
 * docs/least-privilege.md, "Reviewed inline statements", lists the same.
 */
public final class ReviewedInlineStatements {
  /** One reviewed statement: the function, its Sid, its exact actions, its resource as written, and why. */
  public record Reviewed(String function, String sid, Set<String> actions, String resource, String why) {
    /** As a policy template for the least-privilege measurement: its family is its own, so no template replaces it. */
    public SamPolicyTemplates.Template asTemplate() {
      return new SamPolicyTemplates.Template("inline " + sid, "reviewed inline statement " + sid, "Resource",
          List.copyOf(actions));
    }
  }

  /** The endpoints of the push platform application named by the PushPlatformApplicationArn parameter. */
  static final String PUSH_ENDPOINTS = "!Sub [arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:endpoint/${Application}/*,"
      + " {Application=!Select [1, !Split [:app/, !Ref PushPlatformApplicationArn]]}]";

  public static final List<Reviewed> ALL = List.of(
      new Reviewed("NotificationsApi", "RegisterDevices", Set.of("sns:CreatePlatformEndpoint"), "!Ref PushPlatformApplicationArn",
          "a device's push endpoint is created on the platform application; no SAM policy template grants"
              + " sns:CreatePlatformEndpoint; the resource is that one application"),
      new Reviewed("NotificationsApi", "RemoveDeviceEndpoints", Set.of("sns:DeleteEndpoint"), PUSH_ENDPOINTS,
          "a removed device's endpoint is deleted; no template grants sns:DeleteEndpoint; the resource is the endpoints"
              + " of the push application only"),
      new Reviewed("NotificationDispatcher", "PushToDeviceEndpoints", Set.of("sns:Publish", "sns:DeleteEndpoint"), PUSH_ENDPOINTS,
          "push to device endpoints (SNSPublishMessagePolicy is for topics only) and removal of the endpoints SNS reports"
              + " disabled; the resource is the endpoints of the push application only"));

  private ReviewedInlineStatements() {}

  /** The reviewed statement this one of the function's is, if it is exactly one. */
  public static Optional<Reviewed> match(String function, Map<String, Object> statement) {
    if (!"Allow".equals(statement.get("Effect"))) {
      return Optional.empty();
    }
    Set<String> actions = new TreeSet<>();
    Object action = statement.get("Action");
    if (action instanceof List<?> list) {
      list.forEach(a -> actions.add(String.valueOf(a)));
    } else if (action != null) {
      actions.add(String.valueOf(action));
    }
    String resource = show(statement.get("Resource"));
    return ALL.stream()
        .filter(r -> r.function().equals(function) && r.sid().equals(statement.get("Sid"))
            && new TreeSet<>(r.actions()).equals(actions) && r.resource().equals(resource))
        .findFirst();
  }

  /** A resource as written, intrinsics in their short form: {@code !Ref X}, {@code !Sub [...]}. */
  public static String show(Object value) {
    if (value instanceof Map<?, ?> raw && raw.size() == 1
        && (raw.containsKey("Ref") || String.valueOf(raw.keySet().iterator().next()).startsWith("Fn::"))) {
      Map<String, Object> map = SamTemplate.map(value);
      String name = map.keySet().iterator().next();
      Object inner = map.get(name);
      String shortName = name.startsWith("Fn::") ? name.substring(4) : name;
      return "!" + shortName + " " + show(inner);
    }
    if (value instanceof Map<?, ?> raw) {
      StringBuilder out = new StringBuilder("{");
      SamTemplate.map(raw).forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append("=").append(show(v)));
      return out.append("}").toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (Object item : list) {
        out.append(out.length() > 1 ? ", " : "").append(show(item));
      }
      return out.append("]").toString();
    }
    return String.valueOf(value);
  }
}
