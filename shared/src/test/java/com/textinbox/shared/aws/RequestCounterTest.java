package com.textinbox.shared.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.textinbox.shared.config.Env;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A client built by {@link AwsClients#build}, against a stub that answers each request with the
 * next status queued (200 when none): what the counter sees per call and per HTTP attempt.
 */
class RequestCounterTest {
  private static final ConcurrentLinkedDeque<Integer> STATUSES = new ConcurrentLinkedDeque<>();
  private static HttpServer stub;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void client() throws Exception {
    stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stub.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      Integer queued = STATUSES.poll();
      int status = queued == null ? 200 : queued;
      String body = switch (status) {
        case 200 -> "{}";
        case 400 -> "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\",\"message\":\"refused\"}";
        default -> "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"try again\"}";
      };
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    stub.start();
    System.setProperty("aws.region", "us-east-1");
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    Env.use(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + stub.getAddress().getPort()));
    try {
      dynamoDb = AwsClients.build(DynamoDbClient.builder(), "DYNAMODB");
    } finally {
      Env.use(System.getenv());
    }
  }

  @AfterAll
  static void stop() {
    dynamoDb.close();
    stub.stop(0);
  }

  private static void getItem() {
    dynamoDb.getItem(b -> b.tableName("t").key(Map.of("PK", AttributeValue.fromS("k"))));
  }

  private static void putItem() {
    dynamoDb.putItem(b -> b.tableName("t").item(Map.of("PK", AttributeValue.fromS("k"))));
  }

  @Test
  void countsEachOperationOfEachService() {
    Map<String, Integer> made = RequestCounter.during(() -> {
      getItem();
      getItem();
      putItem();
    });
    assertEquals(Map.of(
        "DynamoDb.GetItem", 2, "DynamoDb.GetItem.attempts", 2,
        "DynamoDb.PutItem", 1, "DynamoDb.PutItem.attempts", 1), made);
    assertEquals(List.of("DynamoDb.GetItem", "DynamoDb.GetItem.attempts", "DynamoDb.PutItem", "DynamoDb.PutItem.attempts"),
        List.copyOf(made.keySet()), "sorted by key");
  }

  @Test
  void aRetryIsOneCallAndTwoAttempts() {
    STATUSES.add(500);
    Map<String, Integer> made = RequestCounter.during(RequestCounterTest::putItem);
    assertEquals(Map.of("DynamoDb.PutItem", 1, "DynamoDb.PutItem.attempts", 2), made);
  }

  @Test
  void aCallRefusedByItsConditionIsStillARequest() {
    STATUSES.add(400);
    Map<String, Integer> made = RequestCounter.during(
        () -> assertThrows(ConditionalCheckFailedException.class, RequestCounterTest::putItem));
    assertEquals(Map.of("DynamoDb.PutItem", 1, "DynamoDb.PutItem.attempts", 1), made);
  }

  @Test
  void resetStartsFromZeroAndSnapshotsAreImmutable() {
    getItem();
    assertTrue(RequestCounter.snapshot().get("DynamoDb.GetItem") > 0);
    RequestCounter.reset();
    assertEquals(Map.of(), RequestCounter.snapshot());
    getItem();
    Map<String, Integer> snapshot = RequestCounter.snapshot();
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1), snapshot);
    assertThrows(UnsupportedOperationException.class, () -> snapshot.put("DynamoDb.Scan", 1));
  }
}
