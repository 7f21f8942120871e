package com.textinbox.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.json.Json;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** DynamoDB leaves keys unprocessed when it throttles a BatchGetItem: GET /me must ask again, never answer 404. */
class ThrottledReadTest {
  private static final Map<String, AttributeValue> ACCOUNT = Map.of(
      "PK", AttributeValue.fromS("A#acct-1"), "SK", AttributeValue.fromS("ACCOUNT"), "name", AttributeValue.fromS("Maple"));
  private static final Map<String, AttributeValue> USER = Map.of(
      "PK", AttributeValue.fromS("A#acct-1"), "SK", AttributeValue.fromS("USER#user-1"), "name", AttributeValue.fromS("Ann"));

  /** A client whose first {@code throttledCalls} BatchGetItems read nothing and hand every key back as unprocessed. */
  private static DynamoDbClient throttling(int throttledCalls, AtomicInteger calls) {
    return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
        (proxy, method, args) -> {
          if (args != null && args.length == 1 && args[0] instanceof java.util.function.Consumer) {
            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args); // builds the request, calls below
          }
          if (!method.getName().equals("batchGetItem")) {
            throw new UnsupportedOperationException(method.getName());
          }
          BatchGetItemRequest request = (BatchGetItemRequest) args[0];
          KeysAndAttributes asked = request.requestItems().get("inbox");
          if (calls.incrementAndGet() <= throttledCalls) {
            return BatchGetItemResponse.builder().responses(Map.of()).unprocessedKeys(Map.of("inbox", asked)).build();
          }
          List<Map<String, AttributeValue>> found = asked.keys().stream()
              .map(key -> key.get("SK").s().equals("ACCOUNT") ? ACCOUNT : USER).toList();
          return BatchGetItemResponse.builder().responses(Map.of("inbox", found)).build();
        });
  }

  private static ApiResponse getMe(DynamoDbClient dynamoDb) {
    ObjectNode event = Json.object();
    event.put("httpMethod", "GET");
    event.put("resource", "/me");
    event.putObject("requestContext").putObject("authorizer")
        .put("accountId", "acct-1").put("userId", "user-1").put("role", "user");
    return new UsersApi(dynamoDb, "inbox").handle(event);
  }

  @Test
  void unprocessedKeysAreReadAgain() {
    AtomicInteger calls = new AtomicInteger();
    ApiResponse response = getMe(throttling(2, calls));
    assertEquals(200, response.status());
    assertEquals("Ann", Json.mapper().valueToTree(response.body()).path("name").asText());
    assertEquals(3, calls.get());
  }

  @Test
  void stillThrottledAfterSeveralTriesIsA503NotA404() {
    AtomicInteger calls = new AtomicInteger();
    ApiResponse response = getMe(throttling(100, calls));
    assertEquals(503, response.status());
    assertEquals("busy", Json.mapper().valueToTree(response.body()).path("error").path("code").asText());
    assertEquals(4, calls.get(), "a bounded number of tries");
  }
}
