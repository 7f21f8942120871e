package com.textinbox.localcloud.recording;

import com.textinbox.localcloud.template.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inline IAM statements template.yaml may hold, each reviewed, in one place. Functions are
 * granted SAM policy templates on one resource each (TemplateChecks.iam); a few rights exist that
 * no template can grant, because IAM has no resource to scope them to. Each such grant is written
 * here with the function it belongs to, its statements exactly as template.yaml writes them (the
 * order, every Sid, Effect, Action and Resource, intrinsic functions in their long form), and why.
 *
 * <p>TemplateChecks accepts an inline policy ({@code - Statement: [...]}) of a function only when
 * it is, statement for statement, one of that function's entries here: anything else (another
 * function, a statement changed, the Deny that narrows an Allow removed) still fails. LeastPrivilege
 * counts the actions of its {@code Allow} statements as granted, so the recorded calls must use
 * them like any template's (docs/least-privilege.md, "Reviewed inline statements").
 */
public final class ReviewedInlineStatements {
  /** One reviewed inline policy: the function's logical id, its statements as written, and the review. */
  public record Reviewed(String function, List<Map<String, Object>> statements, String why) {
    /** The actions its Allow statements grant (Deny statements grant nothing). */
    public List<String> allowedActions() {
      return statements.stream()
          .filter(statement -> "Allow".equals(statement.get("Effect")))
          .flatMap(statement -> asList(statement.get("Action")).stream())
          .map(String::valueOf)
          .toList();
    }

    /** How the test output and the docs name it. */
    public String describe() {
      return "reviewed inline statements " + statements.stream().map(s -> String.valueOf(s.get("Sid"))).toList();
    }
  }

  /** The endpoints of the push platform application named by the PushPlatformApplicationArn parameter, as written. */
  private static final Map<String, Object> PUSH_ENDPOINTS = Map.of("Fn::Sub", List.of(
      "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:endpoint/${Application}/*",
      Map.of("Application", Map.of("Fn::Select", List.of(1,
          Map.of("Fn::Split", List.of(":app/", Map.of("Ref", "PushPlatformApplicationArn"))))))));

  /** Sending (POST) to the connections of the live WebSocket API in this stage, as written. */
  private static final Map<String, Object> LIVE_CONNECTIONS = Map.of("Fn::Sub",
      "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${LiveApi}/${Stage}/POST/@connections/*");

  /** Every reviewed inline policy. Add one only after review, and say why in docs/least-privilege.md. */
  public static final List<Reviewed> ALL = List.of(
      new Reviewed("SmsSender", List.of(
          Map.of("Sid", "TextPhoneNumbers", "Effect", "Allow", "Action", "sns:Publish", "Resource", "*"),
          Map.of("Sid", "NeverPublishToSnsResources", "Effect", "Deny", "Action", "sns:Publish",
              "Resource", Map.of("Fn::Sub", "arn:${AWS::Partition}:sns:*:*:*"))),
          "SNS Publish to a phone number (PhoneNumber=) names no resource: IAM authorizes it on Resource \"*\", which"
              + " no SAM policy template grants. The Deny on every SNS ARN (topics, platform endpoints) leaves the"
              + " Allow good for phone numbers only."),
      new Reviewed("NotificationsApi", List.of(
          Map.of("Sid", "RegisterDevices", "Effect", "Allow", "Action", "sns:CreatePlatformEndpoint",
              "Resource", Map.of("Ref", "PushPlatformApplicationArn")),
          Map.of("Sid", "RemoveDeviceEndpoints", "Effect", "Allow", "Action", "sns:DeleteEndpoint",
              "Resource", PUSH_ENDPOINTS)),
          "A device's push endpoint is created on the one platform application and deleted when the device is"
              + " removed; no SAM policy template grants sns:CreatePlatformEndpoint or sns:DeleteEndpoint."),
      new Reviewed("NotificationDispatcher", List.of(
          Map.of("Sid", "PushToDeviceEndpoints", "Effect", "Allow", "Action", List.of("sns:Publish", "sns:DeleteEndpoint"),
              "Resource", PUSH_ENDPOINTS),
          Map.of("Sid", "PostToLiveConnections", "Effect", "Allow", "Action", "execute-api:ManageConnections",
              "Resource", Map.of("Fn::If", List.of("LiveNotificationsOn", LIVE_CONNECTIONS, Map.of("Fn::Sub",
                  "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:none/${Stage}/POST/@connections/*"))))),
          "Push to device endpoints (SNSPublishMessagePolicy is for topics only) and removal of the endpoints SNS"
              + " reports disabled, only the endpoints of the push platform application; live browser messages"
              + " through the WebSocket Management API, as for LiveConnections."),
      new Reviewed("LiveConnections", List.of(
          Map.of("Sid", "PostToLiveConnections", "Effect", "Allow", "Action", "execute-api:ManageConnections",
              "Resource", LIVE_CONNECTIONS)),
          "Sending to a browser's WebSocket goes through the API Gateway Management API; no SAM policy template grants"
              + " execute-api:ManageConnections. Scoped to POST (send) on this API's connections in this stage only."),
      new Reviewed("SearchIndexer", List.of(
          Map.of("Sid", "ReadSearchAliases", "Effect", "Allow", "Action", "es:ESHttpGet",
              "Resource", Map.of("Fn::Sub", "${SearchDomain.Arn}/_alias/*"))),
          "Before its first write a container reads which index the alias (and the rebuild's alias) is on (C15,"
              + " decision 58); ElasticsearchHttpPostPolicy grants POST and PUT only. GET on the _alias paths only."),
      new Reviewed("SearchApi", List.of(
          Map.of("Sid", "SearchTheIndex", "Effect", "Allow", "Action", "es:ESHttpPost",
              "Resource", List.of(Map.of("Fn::Sub", "${SearchDomain.Arn}/inbox/_msearch"),
                  Map.of("Fn::Sub", "${SearchDomain.Arn}/inbox/_mget")))),
          "Searches are two POSTs on the alias (_msearch, then _mget of the hits' customers); ElasticsearchHttpPostPolicy"
              + " would also grant PUT (writes, index creation) on the whole domain."),
      new Reviewed("Reindex", List.of(
          Map.of("Sid", "RebuildTheIndex", "Effect", "Allow",
              "Action", List.of("es:ESHttpGet", "es:ESHttpPut", "es:ESHttpPost", "es:ESHttpDelete"),
              "Resource", Map.of("Fn::Sub", "${SearchDomain.Arn}/*"))),
          "A rebuild creates an index (PUT), fills and refreshes it and moves the alias (POST), reads the alias (GET)"
              + " and deletes the previous generation (DELETE); no SAM policy template grants GET or DELETE on a domain."));

  private ReviewedInlineStatements() {}

  /** The reviewed entry that a function's inline policy ({@code Statement}: one statement or a list) is exactly, if any. */
  public static Optional<Reviewed> matching(String function, Object statement) {
    List<Object> written = asList(statement);
    return ALL.stream()
        .filter(reviewed -> reviewed.function().equals(function))
        .filter(reviewed -> reviewed.statements().equals(written))
        .findFirst();
  }

  private static List<Object> asList(Object value) {
    return value == null ? List.of() : value instanceof List<?> ? SamTemplate.list(value) : List.of(value);
  }
}
