package com.textinbox.localcloud.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM actions an AWS API request needs, read from the request the way the service reads it
 * (the operation it names), then named as IAM names them (which is not always the operation):
 *
 * <ul>
 *   <li>JSON protocols (DynamoDB, SQS): the operation in {@code X-Amz-Target}
 *       ({@code DynamoDB_20120810.GetItem} is {@code dynamodb:GetItem}). DynamoDB transactions and
 *       PartiQL need the actions of what they contain ({@code TransactWriteItems} with a Put and a
 *       ConditionCheck needs {@code dynamodb:PutItem} and {@code dynamodb:ConditionCheckItem}).
 *   <li>Query protocol (SNS, SES v1, SQS of older SDKs): the {@code Action=} form field.
 *   <li>SQS and SNS batches need the action of one message ({@code SendMessageBatch} is
 *       {@code sqs:SendMessage}, {@code PublishBatch} is {@code sns:Publish}).
 *   <li>SES v2 (REST-JSON): method and path ({@code POST /v2/email/outbound-emails} is
 *       {@code ses:SendEmail}).
 *   <li>S3 (REST): method, path (bucket or object) and sub-resource ({@code GET /bucket/key} is
 *       {@code s3:GetObject}; a copy also reads its source; an ACL header also needs
 *       {@code s3:PutObjectAcl}).
 *   <li>OpenSearch (HTTP): the method ({@code es:ESHttpPost}, ...).
 *   <li>API Gateway Management API (REST, signed as {@code execute-api}): any call on
 *       {@code @connections/{id}} is {@code execute-api:ManageConnections}.
 * </ul>
 *
 * A request this class cannot read is named {@code service:?METHOD /path} rather than dropped, so
 * that the least-privilege test shows it and someone teaches this class the operation.
 */
public final class IamActions {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the proxy received it: path relative to the service endpoint, query still encoded. */
  public record Request(String service, String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    public Request {
      Map<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      if (headers != null) {
        caseless.putAll(headers);
      }
      headers = caseless;
      body = body == null ? new byte[0] : body;
      path = path == null || path.isEmpty() ? "/" : path;
    }

    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.getFirst();
    }
  }

  /** The services the local cloud runs, by the names used here (SES's v2 API apart from v1: another protocol). */
  public static final Set<String> SERVICES = Set.of("dynamodb", "sqs", "s3", "sns", "ses", "sesv2", "opensearch", "execute-api");

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^,\\s]+)");

  private IamActions() {}

  /**
   * The service a request is for: the one the SDK signed it for, the fourth part of the SigV4
   * credential scope ({@code AKID/20260101/us-east-1/sns/aws4_request}), in the Authorization header
   * or, for a presigned URL, the {@code X-Amz-Credential} parameter. SES signs both its APIs as
   * {@code ses}; v2's paths start with {@code /v2/}. OpenSearch signs as {@code es}. Empty when the
   * request is not SigV4-signed.
   */
  public static Optional<String> serviceOf(String path, String rawQuery, Map<String, List<String>> headers) {
    Request request = new Request("", "GET", path, rawQuery, headers, null);
    String credential = null;
    String authorization = request.header("Authorization");
    if (authorization != null && authorization.startsWith("AWS4-")) {
      Matcher matcher = CREDENTIAL.matcher(authorization);
      credential = matcher.find() ? matcher.group(1) : null;
    }
    if (credential == null) {
      credential = form(rawQuery).get("X-Amz-Credential");
    }
    String[] scope = credential == null ? new String[0] : credential.split("/");
    if (scope.length != 5) {
      return Optional.empty();
    }
    String signed = scope[3];
    return Optional.of(switch (signed) {
      case "ses" -> request.path().startsWith("/v2/") ? "sesv2" : "ses";
      case "es" -> "opensearch";
      default -> signed;
    });
  }

  /** The IAM prefix of a service as the local cloud names it ({@code sesv2} is SES's v2 API: {@code ses}). */
  public static String iamPrefix(String service) {
    return switch (service) {
      case "sesv2" -> "ses";
      case "opensearch" -> "es";
      default -> service;
    };
  }

  /** The actions the request needs, in a stable order, never empty. */
  public static List<String> of(Request request) {
    String prefix = iamPrefix(request.service());
    List<String> operations = switch (request.service()) {
      case "dynamodb" -> dynamoDb(request);
      case "sqs" -> sqs(request);
      case "sns" -> sns(request);
      case "ses" -> queryAction(request);
      case "sesv2" -> sesV2(request);
      case "s3" -> s3(request);
      case "opensearch" -> List.of("ESHttp" + capitalized(request.method()));
      // the WebSocket API's Management API (POST, GET, DELETE @connections/{id}): one IAM action for all three
      case "execute-api" -> request.path().contains("/@connections/") ? List.of("ManageConnections") : List.of();
      default -> List.of();
    };
    List<String> actions = new ArrayList<>();
    for (String operation : operations) {
      if (operation != null && !operation.isEmpty()) {
        actions.add(prefix + ":" + operation);
      }
    }
    if (actions.isEmpty()) {
      actions.add(unknown(prefix, request));
    }
    return List.copyOf(new LinkedHashSet<>(actions));
  }

  // ------------------------------------------------------------------ DynamoDB

  private static List<String> dynamoDb(Request request) {
    String operation = targetOperation(request);
    if (operation == null) {
      return List.of();
    }
    return switch (operation) {
      // IAM checks each item of a transaction with the action of its kind
      case "TransactWriteItems" -> transactWrite(json(request));
      case "TransactGetItems" -> List.of("GetItem");
      // PartiQL: one action per statement kind
      case "ExecuteStatement" -> List.of(partiQl(json(request).path("Statement").asText()));
      case "BatchExecuteStatement" -> partiQl(json(request).path("Statements"));
      case "ExecuteTransaction" -> partiQl(json(request).path("TransactStatements"));
      default -> List.of(operation);
    };
  }

  private static List<String> transactWrite(JsonNode body) {
    Set<String> actions = new LinkedHashSet<>();
    for (JsonNode item : body.path("TransactItems")) {
      if (item.has("Put")) {
        actions.add("PutItem");
      }
      if (item.has("Update")) {
        actions.add("UpdateItem");
      }
      if (item.has("Delete")) {
        actions.add("DeleteItem");
      }
      if (item.has("ConditionCheck")) {
        actions.add("ConditionCheckItem");
      }
    }
    return actions.isEmpty() ? List.of("TransactWriteItems") : List.copyOf(actions);
  }

  private static List<String> partiQl(JsonNode statements) {
    Set<String> actions = new LinkedHashSet<>();
    for (JsonNode statement : statements) {
      actions.add(partiQl(statement.path("Statement").asText()));
    }
    return List.copyOf(actions);
  }

  private static String partiQl(String statement) {
    String verb = statement.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    return switch (verb) {
      case "SELECT" -> "PartiQLSelect";
      case "INSERT" -> "PartiQLInsert";
      case "UPDATE" -> "PartiQLUpdate";
      case "DELETE" -> "PartiQLDelete";
      default -> "ExecuteStatement";
    };
  }

  // ------------------------------------------------------------------ SQS, SNS, SES

  private static List<String> sqs(Request request) {
    String operation = targetOperation(request);
    if (operation == null) {
      List<String> query = queryAction(request);
      operation = query.isEmpty() ? null : query.getFirst();
    }
    if (operation == null) {
      return List.of();
    }
    // "Permissions for SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch are
    // the same as for SendMessage, DeleteMessage and ChangeMessageVisibility" (SQS API reference)
    return List.of(operation.endsWith("Batch")
        ? operation.substring(0, operation.length() - "Batch".length()) : operation);
  }

  private static List<String> sns(Request request) {
    String operation = targetOperation(request);
    if (operation == null) {
      List<String> query = queryAction(request);
      operation = query.isEmpty() ? null : query.getFirst();
    }
    if (operation == null) {
      return List.of();
    }
    // PublishBatch is allowed by sns:Publish
    return List.of(operation.equals("PublishBatch") ? "Publish" : operation);
  }

  /** The Query protocol's {@code Action}, from the form body or the query string. */
  private static List<String> queryAction(Request request) {
    String action = form(request.rawQuery()).get("Action");
    if (action == null) {
      String contentType = String.valueOf(request.header("Content-Type")).toLowerCase(Locale.ROOT);
      if (contentType.startsWith("application/x-www-form-urlencoded") || !looksLikeJson(request.body())) {
        action = form(new String(request.body(), StandardCharsets.UTF_8)).get("Action");
      }
    }
    return action == null || action.isBlank() ? List.of() : List.of(action);
  }

  private static List<String> sesV2(Request request) {
    String path = request.path();
    String method = request.method();
    if (method.equals("POST") && path.equals("/v2/email/outbound-emails")) {
      return List.of("SendEmail");
    }
    if (method.equals("POST") && path.equals("/v2/email/outbound-bulk-emails")) {
      return List.of("SendBulkEmail");
    }
    if (method.equals("GET") && path.equals("/v2/email/account")) {
      return List.of("GetAccount");
    }
    if (method.equals("GET") && path.startsWith("/v2/email/identities/")) {
      return List.of("GetEmailIdentity");
    }
    return List.of();
  }

  // ------------------------------------------------------------------ S3

  private static List<String> s3(Request request) {
    String path = request.path().substring(1);
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    String key = slash < 0 ? "" : path.substring(slash + 1);
    Set<String> sub = form(request.rawQuery()).keySet();
    String method = request.method();
    if (bucket.isEmpty()) {
      return method.equals("GET") ? List.of("ListAllMyBuckets") : List.of();
    }
    if (key.isEmpty()) {
      return bucketOperation(method, sub);
    }
    List<String> actions = new ArrayList<>();
    switch (method) {
      case "GET" -> actions.add(
          sub.contains("acl") ? (sub.contains("versionId") ? "GetObjectVersionAcl" : "GetObjectAcl")
              : sub.contains("tagging") ? (sub.contains("versionId") ? "GetObjectVersionTagging" : "GetObjectTagging")
              : sub.contains("uploadId") ? "ListMultipartUploadParts"
              : sub.contains("attributes") ? (sub.contains("versionId") ? "GetObjectVersionAttributes" : "GetObjectAttributes")
              : sub.contains("versionId") ? "GetObjectVersion"
              : "GetObject");
      case "HEAD" -> actions.add(sub.contains("versionId") ? "GetObjectVersion" : "GetObject");
      case "PUT" -> {
        if (sub.contains("acl")) {
          actions.add("PutObjectAcl");
        } else if (sub.contains("tagging")) {
          actions.add("PutObjectTagging");
        } else {
          // PutObject, CopyObject, UploadPart, UploadPartCopy
          actions.add("PutObject");
          if (request.header("x-amz-copy-source") != null) {
            actions.add("GetObject"); // of the source object
          }
          if (!sub.contains("uploadId") && (request.header("x-amz-acl") != null
              || request.headers().keySet().stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("x-amz-grant-")))) {
            actions.add("PutObjectAcl");
          }
          if (!sub.contains("uploadId") && request.header("x-amz-tagging") != null) {
            actions.add("PutObjectTagging");
          }
        }
      }
      case "POST" -> actions.add(
          sub.contains("uploads") || sub.contains("uploadId") ? "PutObject" // multipart create and complete
              : sub.contains("restore") ? "RestoreObject"
              : sub.contains("select") ? "GetObject"
              : null);
      case "DELETE" -> actions.add(
          sub.contains("uploadId") ? "AbortMultipartUpload"
              : sub.contains("tagging") ? (sub.contains("versionId") ? "DeleteObjectVersionTagging" : "DeleteObjectTagging")
              : sub.contains("versionId") ? "DeleteObjectVersion"
              : "DeleteObject");
      default -> { }
    }
    return actions;
  }

  private static List<String> bucketOperation(String method, Set<String> sub) {
    String operation = switch (method) {
      case "GET" -> sub.contains("location") ? "GetBucketLocation"
          : sub.contains("versions") ? "ListBucketVersions"
          : sub.contains("uploads") ? "ListBucketMultipartUploads"
          : sub.contains("lifecycle") ? "GetLifecycleConfiguration"
          : sub.contains("policy") ? "GetBucketPolicy"
          : sub.contains("acl") ? "GetBucketAcl"
          : sub.contains("cors") ? "GetBucketCORS"
          : sub.contains("notification") ? "GetBucketNotification"
          : sub.contains("tagging") ? "GetBucketTagging"
          : sub.contains("versioning") ? "GetBucketVersioning"
          : "ListBucket"; // ListObjects, ListObjectsV2 (list-type=2)
      case "HEAD" -> "ListBucket"; // HeadBucket
      case "PUT" -> sub.contains("lifecycle") ? "PutLifecycleConfiguration"
          : sub.contains("policy") ? "PutBucketPolicy"
          : sub.contains("acl") ? "PutBucketAcl"
          : sub.contains("cors") ? "PutBucketCORS"
          : sub.contains("notification") ? "PutBucketNotification"
          : sub.contains("tagging") ? "PutBucketTagging"
          : sub.contains("versioning") ? "PutBucketVersioning"
          : "CreateBucket";
      case "DELETE" -> sub.contains("lifecycle") ? "PutLifecycleConfiguration"
          : sub.contains("policy") ? "DeleteBucketPolicy"
          : sub.contains("cors") ? "PutBucketCORS"
          : sub.contains("tagging") ? "PutBucketTagging"
          : "DeleteBucket";
      case "POST" -> sub.contains("delete") ? "DeleteObject" : null; // DeleteObjects
      default -> null;
    };
    return operation == null ? List.of() : List.of(operation);
  }

  // ------------------------------------------------------------------ helpers

  /** {@code X-Amz-Target: Service_Version.Operation} -> Operation. */
  private static String targetOperation(Request request) {
    String target = request.header("X-Amz-Target");
    if (target == null || target.isBlank()) {
      return null;
    }
    int dot = target.lastIndexOf('.');
    return dot < 0 ? target.strip() : target.substring(dot + 1).strip();
  }

  private static JsonNode json(Request request) {
    try {
      JsonNode node = JSON.readTree(request.body());
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static boolean looksLikeJson(byte[] body) {
    for (byte b : body) {
      if (!Character.isWhitespace(b)) {
        return b == '{' || b == '[';
      }
    }
    return false;
  }

  /** Form-encoded parameters (a query string or a Query protocol body); a name alone maps to "". */
  static Map<String, String> form(String encoded) {
    return com.textinbox.localcloud.FormEncoding.parse(encoded);
  }

  private static String capitalized(String method) {
    String lower = method.toLowerCase(Locale.ROOT);
    return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  private static String unknown(String prefix, Request request) {
    Set<String> parameters = form(request.rawQuery()).keySet(); // names only: values may be signatures
    return prefix + ":?" + request.method() + " " + request.path() + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
  }
}
