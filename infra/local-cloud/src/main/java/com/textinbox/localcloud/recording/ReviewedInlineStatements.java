package com.textinbox.localcloud.recording;

import com.textinbox.localcloud.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inline IAM statements template.yaml may hold, each reviewed and listed here with why no SAM
 * policy template does the job (docs/least-privilege.md, "Reviewed inline statements"). Every other
 * grant is a SAM policy template on one resource (TemplateChecks). A statement matches an entry
 * when it is for that function, Allow, with exactly those actions and that resource as written
 * (the {@code !Sub} text): widening it, or copying it to another function, is a new review.
 *
 * <p>The least-privilege test measures these like templates: the function must call each
 * statement's actions during the end-to-end suite, and may call them only if some grant allows.
 */
public final class ReviewedInlineStatements {
  /** One reviewed statement. {@code resource} is the statement's Resource as written (the text of its !Sub). */
  public record Reviewed(String function, Set<String> actions, String resource, String why) {
    /** Its IAM service prefix ({@code execute-api}), for the recorder's measured services. */
    public String service() {
      String first = actions.iterator().next();
      return first.substring(0, first.indexOf(':'));
    }
  }

  public static final List<Reviewed> ALL = List.of(
      new Reviewed("LiveConnections", Set.of("execute-api:ManageConnections"),
          "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${LiveApi}/${Stage}/POST/@connections/*",
          "no SAM policy template grants execute-api:ManageConnections (the API Gateway Management API of a WebSocket"
              + " API); scoped to POST (send to a connection) on this API's connections in this stage only"));

  private ReviewedInlineStatements() {}

  /** The reviewed entry the statement of the function is, if any. */
  public static Optional<Reviewed> match(String function, Object statement) {
    Map<String, Object> map = SamTemplate.map(statement);
    if (!"Allow".equals(map.get("Effect"))) {
      return Optional.empty();
    }
    Set<String> actions = new TreeSet<>();
    Object action = map.get("Action");
    if (action instanceof List<?> list) {
      list.forEach(a -> actions.add(String.valueOf(a)));
    } else if (action != null) {
      actions.add(String.valueOf(action));
    }
    String resource = resourceText(map.get("Resource"));
    return ALL.stream()
        .filter(r -> r.function().equals(function) && new TreeSet<>(r.actions()).equals(actions) && r.resource().equals(resource))
        .findFirst();
  }

  /** The statements of one inline policy ({@code Statement: [...]}). */
  public static List<Object> statementsOf(Object policy) {
    Object statements = SamTemplate.map(policy).get("Statement");
    return statements instanceof List<?> list ? new ArrayList<>(list) : statements == null ? List.of() : List.of(statements);
  }

  /** A Resource as written: a plain string, or the text of a {@code !Sub}; null for anything else (a list, a Ref). */
  static String resourceText(Object resource) {
    if (resource instanceof String text) {
      return text;
    }
    Object sub = SamTemplate.map(resource).get("Fn::Sub");
    return sub instanceof String text ? text : null;
  }
}
