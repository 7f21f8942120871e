package com.textinbox.localcloud.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.textinbox.localcloud.engines.DynamoDbEngine;
import com.textinbox.localcloud.engines.SqsEngine;
import com.textinbox.localcloud.recording.AwsCallRecorder;
import com.textinbox.localcloud.standins.SnsStandIn;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real SDK clients, one attempt each (no retry), through the per-function proxy with fault
 * rules: each fault comes back as the exception AWS's would give (the SDK's own exception types,
 * codes and throttling / retry classification), and a crash-after call takes effect while the
 * rest of the invocation reaches nothing.
 */
class FaultInjectionProxyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DynamoDbEngine dynamoDbEngine;
  private static SqsEngine sqsEngine;
  private static SnsStandIn snsStandIn;
  private static SqsClient directSqs;
  private static DynamoDbClient directDynamoDb;
  private static FaultRules faults;
  private static AwsCallRecorder recorder;

  @BeforeAll
  static void start() throws Exception {
    dynamoDbEngine = DynamoDbEngine.start(0, null);
    sqsEngine = SqsEngine.start(0, "us-east-1", "000000000000");
    directSqs = build(SqsClient.builder(), sqsEngine.endpoint());
    directDynamoDb = build(DynamoDbClient.builder(), dynamoDbEngine.endpoint());
    snsStandIn = SnsStandIn.start(0, "us-east-1", "000000000000", directSqs);
    faults = new FaultRules();
    recorder = AwsCallRecorder.start(Map.of("dynamodb", dynamoDbEngine.endpoint(), "sqs", sqsEngine.endpoint(),
        "sns", snsStandIn.endpoint()), faults);
    directDynamoDb.createTable(b -> b.tableName("faults").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH)));
  }

  @AfterAll
  static void stop() throws Exception {
    recorder.close();
    snsStandIn.close();
    directSqs.close();
    directDynamoDb.close();
    sqsEngine.close();
    dynamoDbEngine.close();
  }

  @AfterEach
  void clear() {
    faults.clear();
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint) {
    return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C of(String function, B builder) {
    return build(builder, URI.create(recorder.endpoint(function)));
  }

  private static FaultRule rule(String json) throws Exception {
    return faults.add(JSON.readTree(json));
  }

  private static Map<String, AttributeValue> item(String pk) {
    return Map.of("PK", AttributeValue.fromS(pk));
  }

  @Test
  void dynamoDbThrottlingIsTheSdksThrottlingException() throws Exception {
    FaultRule rule = rule("{\"function\":\"F\",\"action\":\"dynamodb:*\",\"share\":1,\"fault\":\"throttling\",\"limit\":4}");
    try (DynamoDbClient dynamoDb = of("F", DynamoDbClient.builder())) {
      for (int i = 0; i < 4; i++) {
        AwsServiceException e = assertThrows(AwsServiceException.class, () -> dynamoDb.getItem(b -> b.tableName("faults").key(item("a"))));
        assertTrue(e.isThrottlingException(), e.toString());
        assertEquals(400, e.statusCode());
        assertTrue(List.of("ProvisionedThroughputExceededException", "ThrottlingException").contains(e.awsErrorDetails().errorCode()));
      }
      dynamoDb.getItem(b -> b.tableName("faults").key(item("a"))); // the limit is reached: served
    }
    assertEquals(4, rule.injected().get());
    assertEquals(5, rule.matched().get());
  }

  @Test
  void aTransactionConflictCancelsTheTransactionWithItsReason() throws Exception {
    rule("{\"function\":\"F\",\"action\":\"dynamodb:TransactWriteItems\",\"share\":1,\"fault\":\"transaction-conflict\"}");
    try (DynamoDbClient dynamoDb = of("F", DynamoDbClient.builder())) {
      TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> dynamoDb.transactWriteItems(b -> b
          .transactItems(t -> t.put(p -> p.tableName("faults").item(item("x"))), t -> t.put(p -> p.tableName("faults").item(item("y"))))));
      assertEquals(List.of("TransactionConflict"), e.cancellationReasons().stream().map(CancellationReason::code)
          .filter(c -> !c.equals("None")).toList());
      assertEquals(2, e.cancellationReasons().size());
      dynamoDb.putItem(b -> b.tableName("faults").item(item("x"))); // not a transaction: not this rule's
    }
    faults.clear();
    rule("{\"function\":\"F\",\"action\":\"dynamodb:PutItem\",\"share\":1,\"fault\":\"transaction-conflict\"}");
    try (DynamoDbClient dynamoDb = of("F", DynamoDbClient.builder())) {
      assertThrows(TransactionConflictException.class, () -> dynamoDb.putItem(b -> b.tableName("faults").item(item("x"))));
    }
  }

  @Test
  void sqsAndSnsServerErrorsAndThrottlingInTheirOwnProtocols() throws Exception {
    String queueUrl = directSqs.createQueue(b -> b.queueName("q")).queueUrl();
    String topicArn = build(SnsClient.builder(), snsStandIn.endpoint()).createTopic(b -> b.name("topic")).topicArn();
    rule("{\"function\":\"F\",\"action\":\"sqs:SendMessage\",\"share\":1,\"fault\":\"server-error\",\"limit\":1}");
    rule("{\"function\":\"F\",\"action\":\"sqs:SendMessage\",\"share\":1,\"fault\":\"throttling\",\"limit\":1}");
    rule("{\"function\":\"F\",\"action\":\"sns:Publish\",\"share\":1,\"fault\":\"server-error\",\"limit\":1}");
    rule("{\"function\":\"F\",\"action\":\"sns:Publish\",\"share\":1,\"fault\":\"throttling\",\"limit\":1}");
    try (SqsClient sqs = of("F", SqsClient.builder()); SnsClient sns = of("F", SnsClient.builder())) {
      AwsServiceException sqs500 = assertThrows(AwsServiceException.class, () -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("m")));
      assertEquals(500, sqs500.statusCode());
      assertEquals("InternalFailure", sqs500.awsErrorDetails().errorCode());
      AwsServiceException sqsThrottled = assertThrows(AwsServiceException.class, () -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("m")));
      assertTrue(sqsThrottled.isThrottlingException(), sqsThrottled.toString());
      sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("m"));

      AwsServiceException sns500 = assertThrows(AwsServiceException.class, () -> sns.publish(b -> b.topicArn(topicArn).message("m")));
      assertEquals(500, sns500.statusCode());
      assertEquals("InternalError", sns500.awsErrorDetails().errorCode());
      AwsServiceException snsThrottled = assertThrows(AwsServiceException.class, () -> sns.publish(b -> b.topicArn(topicArn).message("m")));
      assertTrue(snsThrottled.isThrottlingException(), snsThrottled.toString());
      sns.publish(b -> b.topicArn(topicArn).message("m"));
    }
  }

  @Test
  void aTimeoutIsAConnectionClosedWithNoAnswer() throws Exception {
    rule("{\"function\":\"F\",\"action\":\"dynamodb:GetItem\",\"share\":1,\"fault\":\"timeout\",\"holdMillis\":100,\"limit\":1}");
    try (DynamoDbClient dynamoDb = of("F", DynamoDbClient.builder())) {
      assertThrows(SdkClientException.class, () -> dynamoDb.getItem(b -> b.tableName("faults").key(item("a"))));
      dynamoDb.getItem(b -> b.tableName("faults").key(item("a")));
    }
  }

  @Test
  void aCrashAfterACallLetsItTakeEffectThenRefusesTheRestOfTheInvocation() throws Exception {
    rule("{\"function\":\"G\",\"action\":\"dynamodb:PutItem\",\"share\":1,\"fault\":\"crash-after\",\"limit\":1}");
    faults.crashes().begin("G");
    try (DynamoDbClient dynamoDb = of("G", DynamoDbClient.builder())) {
      AwsServiceException crash = assertThrows(AwsServiceException.class, () -> dynamoDb.putItem(b -> b.tableName("faults").item(item("crashed"))));
      assertEquals("LocalCloudFunctionCrashed", crash.awsErrorDetails().errorCode());
      assertTrue(directDynamoDb.getItem(b -> b.tableName("faults").key(item("crashed"))).hasItem(), "the call took effect");
      assertThrows(AwsServiceException.class, () -> dynamoDb.putItem(b -> b.tableName("faults").item(item("after"))));
      assertTrue(!directDynamoDb.getItem(b -> b.tableName("faults").key(item("after"))).hasItem(), "nothing after the crash reaches AWS");
      assertTrue(faults.crashes().end("G").orElseThrow().contains("dynamodb:PutItem"));
      faults.crashes().begin("G"); // the next invocation runs normally
      dynamoDb.putItem(b -> b.tableName("faults").item(item("after")));
    }
  }

  @Test
  void rulesAreCheckedField() {
    for (String bad : List.of("{\"function\":\"F\",\"action\":\"dynamodb:*\",\"share\":1.5,\"fault\":\"throttling\"}",
        "{\"function\":\"F\",\"action\":\"dynamodb:*\",\"share\":1,\"fault\":\"fire\"}",
        "{\"function\":\"F\",\"action\":\"nope\",\"share\":1,\"fault\":\"throttling\"}",
        "{\"function\":\"F\",\"action\":\"sns:Publish\",\"share\":1,\"fault\":\"transaction-conflict\"}",
        "{\"function\":\"F\",\"action\":\"sns:Publish\",\"share\":1,\"fault\":\"throttling\",\"holdMillis\":5}",
        "{\"function\":\"F\",\"action\":\"sns:Publish\",\"share\":1,\"fault\":\"throttling\",\"extra\":1}")) {
      assertThrows(IllegalArgumentException.class, () -> rule(bad), bad);
    }
    assertTrue(faults.list().isEmpty());
  }
}
