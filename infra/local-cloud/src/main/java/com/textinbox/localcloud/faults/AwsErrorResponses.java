package com.textinbox.localcloud.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The error answers AWS gives, in each service's own protocol, so that the SDK reads them as it
 * reads AWS's and its real retry and error handling run:
 *
 * <ul>
 *   <li>DynamoDB (JSON 1.0): {@code {"__type":"com.amazonaws.dynamodb.v20120810#<Code>","message":...}};
 *       throttling is a 400 ProvisionedThroughputExceededException or ThrottlingException (half each),
 *       a conflict is a TransactionCanceledException with a {@code TransactionConflict} cancellation
 *       reason (transactions) or a TransactionConflictException (single-item writes), a server error
 *       a 500 InternalServerError.
 *   <li>SQS (JSON 1.0 with the query-compatible {@code x-amzn-query-error} header): 400 RequestThrottled,
 *       500 InternalFailure.
 *   <li>SNS and SES v1 (Query protocol, XML {@code ErrorResponse}): 400 Throttling, 500 InternalError /
 *       InternalFailure.
 *   <li>SES v2 and the API Gateway Management API (REST-JSON, {@code x-amzn-ErrorType}): 429
 *       TooManyRequestsException / LimitExceededException, 500.
 *   <li>S3 (REST-XML {@code Error}): 503 SlowDown, 500 InternalError. OpenSearch: 429 / 500 JSON.
 * </ul>
 *
 * {@link #crashed} is the answer to the calls of an invocation that crashed: a 400 with a code no
 * SDK retries, so the handler's remaining calls fail at once and reach nothing.
 */
public final class AwsErrorResponses {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
  private static final String AMZ_JSON = "application/x-amz-json-1.0";

  /** One error answer: status, headers, body. */
  public record ErrorResponse(int status, Map<String, String> headers, byte[] body) {}

  private AwsErrorResponses() {}

  /** The answer of a throttling, transaction-conflict or server-error fault to a call of {@code service}. */
  public static ErrorResponse of(FaultKind fault, String service, byte[] requestBody) {
    return switch (fault) {
      case THROTTLING -> throttling(service);
      case TRANSACTION_CONFLICT -> transactionConflict(requestBody);
      case SERVER_ERROR -> serverError(service);
      case TIMEOUT, CRASH_AFTER -> throw new IllegalArgumentException(fault.id() + " has no error answer");
    };
  }

  /** The answer to a call made by an invocation that has crashed (never retried by the SDK). */
  public static ErrorResponse crashed(String service, String why) {
    return error(service, 400, "LocalCloudFunctionCrashed", "the function has crashed: " + why, true);
  }

  private static ErrorResponse throttling(String service) {
    return switch (service) {
      case "dynamodb" -> ThreadLocalRandom.current().nextBoolean()
          ? error(service, 400, "ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.", true)
          : error(service, 400, "ThrottlingException", "Throughput exceeds the current capacity for one or more global secondary indexes. DynamoDB is automatically scaling your index so please try again shortly.", true);
      case "sqs" -> error(service, 400, "RequestThrottled", "Rate exceeded", true);
      case "sns", "ses" -> error(service, 400, "Throttling", "Rate exceeded", true);
      case "sesv2" -> error(service, 429, "TooManyRequestsException", "Too many requests", true);
      case "execute-api" -> error(service, 429, "LimitExceededException", "Rate exceeded", true);
      case "s3" -> error(service, 503, "SlowDown", "Please reduce your request rate.", false);
      default -> error(service, 429, "TooManyRequests", "Rate exceeded", true);
    };
  }

  private static ErrorResponse serverError(String service) {
    return switch (service) {
      case "dynamodb" -> error(service, 500, "InternalServerError", "Internal server error", false);
      case "sns" -> error(service, 500, "InternalError", "Internal service error", false);
      case "s3" -> error(service, 500, "InternalError", "We encountered an internal error. Please try again.", false);
      case "sesv2", "execute-api" -> error(service, 500, "InternalServerErrorException", "Internal server error", false);
      default -> error(service, 500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", false);
    };
  }

  /**
   * A transaction (TransactWriteItems / TransactGetItems) is cancelled with one reason per item,
   * {@code TransactionConflict} on one of them and {@code None} on the others, as DynamoDB does
   * when another transaction holds an item; any other call gets TransactionConflictException.
   */
  private static ErrorResponse transactionConflict(byte[] requestBody) {
    JsonNode request;
    try {
      request = requestBody.length == 0 ? JSON.createObjectNode() : JSON.readTree(requestBody);
    } catch (IOException e) {
      request = JSON.createObjectNode();
    }
    JsonNode items = request.path("TransactItems");
    if (!items.isArray() || items.isEmpty()) {
      return error("dynamodb", 400, "TransactionConflictException", "Transaction is ongoing for the item", true);
    }
    int conflicting = ThreadLocalRandom.current().nextInt(items.size());
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", DYNAMODB + "TransactionCanceledException");
    StringBuilder codes = new StringBuilder();
    ArrayNode reasons = body.putArray("CancellationReasons");
    for (int i = 0; i < items.size(); i++) {
      ObjectNode reason = reasons.addObject();
      if (i == conflicting) {
        reason.put("Code", "TransactionConflict");
        reason.put("Message", "Transaction is ongoing for the item");
      } else {
        reason.put("Code", "None");
      }
      codes.append(i == 0 ? "" : ", ").append(i == conflicting ? "TransactionConflict" : "None");
    }
    body.put("Message", "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]");
    return json(400, body, AMZ_JSON, Map.of());
  }

  private static ErrorResponse error(String service, int status, String code, String message, boolean sender) {
    return switch (service) {
      case "dynamodb" -> {
        ObjectNode body = JSON.createObjectNode().put("__type", DYNAMODB + code).put("message", message);
        yield json(status, body, AMZ_JSON, Map.of());
      }
      case "sqs" -> {
        ObjectNode body = JSON.createObjectNode().put("__type", "com.amazonaws.sqs#" + code).put("message", message);
        yield json(status, body, AMZ_JSON, Map.of("x-amzn-query-error", code + ";" + (sender ? "Sender" : "Receiver")));
      }
      case "sns", "ses" -> xml(status, "<ErrorResponse xmlns=\"" + (service.equals("sns")
          ? "http://sns.amazonaws.com/doc/2010-03-31/" : "http://ses.amazonaws.com/doc/2010-12-01/") + "\">"
          + "<Error><Type>" + (sender ? "Sender" : "Receiver") + "</Type><Code>" + code + "</Code><Message>"
          + escape(message) + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
      case "s3" -> xml(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
          + escape(message) + "</Message><RequestId>" + UUID.randomUUID() + "</RequestId></Error>");
      case "opensearch" -> json(status, JSON.createObjectNode().put("status", status).set("error",
          JSON.createObjectNode().put("type", code).put("reason", message)), "application/json", Map.of());
      default -> json(status, JSON.createObjectNode().put("message", message), "application/json", Map.of("x-amzn-ErrorType", code));
    };
  }

  private static ErrorResponse json(int status, JsonNode body, String contentType, Map<String, String> extra) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
    headers.putAll(extra);
    try {
      return new ErrorResponse(status, headers, JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ErrorResponse xml(int status, String body) {
    return new ErrorResponse(status, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", UUID.randomUUID().toString()),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
