package com.textinbox.localcloud.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.localcloud.engines.DynamoDbEngine;
import com.textinbox.localcloud.engines.S3Engine;
import com.textinbox.localcloud.engines.SqsEngine;
import com.textinbox.localcloud.standins.SesStandIn;
import com.textinbox.localcloud.standins.SnsStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real SDK clients, built as the functions build them (endpoint override from
 * AWS_ENDPOINT_URL_*, no path-style switch), through the recorder's per-function path prefix to the
 * real local engines: every call works as it does direct, and is recorded as the IAM action it needs.
 */
class AwsCallRecorderTest {
  private static final String ACCESS_KEY = "local";
  private static final String SECRET_KEY = "local-secret";
  private static final Region REGION = Region.US_EAST_1;

  private static DynamoDbEngine dynamoDbEngine;
  private static SqsEngine sqsEngine;
  private static S3Engine s3Engine;
  private static SnsStandIn snsStandIn;
  private static SesStandIn sesStandIn;
  private static SqsClient directSqs;
  private static AwsCallRecorder recorder;

  @BeforeAll
  static void start() throws Exception {
    dynamoDbEngine = DynamoDbEngine.start(0, null);
    sqsEngine = SqsEngine.start(0, "us-east-1", "000000000000");
    s3Engine = S3Engine.start(0, null);
    directSqs = build(SqsClient.builder(), sqsEngine.endpoint());
    snsStandIn = SnsStandIn.start(0, "us-east-1", "000000000000", directSqs);
    sesStandIn = SesStandIn.start(0);
    recorder = AwsCallRecorder.start(Map.of(
        "dynamodb", dynamoDbEngine.endpoint(),
        "sqs", sqsEngine.endpoint(),
        "s3", s3Engine.endpoint(),
        "sns", snsStandIn.endpoint(),
        "ses", sesStandIn.endpoint(),
        "sesv2", sesStandIn.endpoint()));
  }

  @AfterAll
  static void stop() throws Exception {
    recorder.close();
    sesStandIn.close();
    snsStandIn.close();
    directSqs.close();
    s3Engine.close();
    sqsEngine.close();
    dynamoDbEngine.close();
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, URI endpoint) {
    return builder.endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }

  /** The endpoint the local cloud gives the function for the service: its own port, whatever the service. */
  private static URI through(String function, String service) {
    return URI.create(recorder.endpoint(function));
  }

  private static SortedSet<String> recorded(String function) {
    return recorder.calls().getOrDefault(function, new TreeSet<>());
  }

  @Test
  void dynamoDbThroughAPathPrefix() {
    try (DynamoDbClient direct = build(DynamoDbClient.builder(), dynamoDbEngine.endpoint());
        DynamoDbClient dynamoDb = build(DynamoDbClient.builder(), through("Ddb", "dynamodb"))) {
      direct.createTable(b -> b.tableName("table1").billingMode("PAY_PER_REQUEST")
          .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH)));
      Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("a"));
      dynamoDb.putItem(b -> b.tableName("table1").item(Map.of("PK", AttributeValue.fromS("a"), "v", AttributeValue.fromS("é")))
          .conditionExpression("attribute_not_exists(PK)"));
      assertThrows(ConditionalCheckFailedException.class, () -> dynamoDb.putItem(b -> b.tableName("table1")
          .item(key).conditionExpression("attribute_not_exists(PK)")), "engine errors come back as they are");
      assertEquals("é", dynamoDb.getItem(b -> b.tableName("table1").key(key)).item().get("v").s());
      dynamoDb.transactWriteItems(b -> b.transactItems(
          t -> t.update(u -> u.tableName("table1").key(key).updateExpression("SET v = :v")
              .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x")))),
          t -> t.conditionCheck(c -> c.tableName("table1").key(Map.of("PK", AttributeValue.fromS("b")))
              .conditionExpression("attribute_not_exists(PK)"))));
      assertEquals(1, dynamoDb.query(b -> b.tableName("table1").keyConditionExpression("PK = :a")
          .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("a")))).count());
    }
    assertEquals(new TreeSet<>(Set.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem",
        "dynamodb:ConditionCheckItem", "dynamodb:Query")), recorded("Ddb"));
  }

  @Test
  void sqsThroughAPathPrefix() {
    String queueUrl = directSqs.createQueue(b -> b.queueName("q")).queueUrl();
    try (SqsClient sqs = build(SqsClient.builder(), through("Sender", "sqs"))) {
      sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("hello"));
      sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(e -> e.id("1").messageBody("one"), e -> e.id("2").messageBody("two")));
      assertEquals("0", sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("DelaySeconds"))
          .attributesAsStrings().get("DelaySeconds"));
    }
    assertEquals(3, directSqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().size()
        + directSqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().size());
    assertEquals(new TreeSet<>(Set.of("sqs:SendMessage", "sqs:GetQueueAttributes")), recorded("Sender"));
  }

  @Test
  void s3ThroughAPathPrefixWithVirtualHostStyleLeftToTheSdk() throws Exception {
    byte[] content = "a,b\n1,2\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
    try (S3Client direct = S3Client.builder().endpointOverride(s3Engine.endpoint()).region(REGION).forcePathStyle(true)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClient(UrlConnectionHttpClient.create()).build();
        S3Client s3 = build(S3Client.builder(), through("Exporter", "s3"))) {
      direct.createBucket(b -> b.bucket("files"));
      s3.putObject(b -> b.bucket("files").key("exports/a b+é.csv").contentType("text/csv"), RequestBody.fromBytes(content));
      assertEquals(content.length, s3.headObject(b -> b.bucket("files").key("exports/a b+é.csv")).contentLength(),
          "HEAD keeps the object's length");
      ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("files").key("exports/a b+é.csv"));
      assertArrayEquals(content, got.asByteArray());
      assertEquals(List.of("exports/a b+é.csv"), s3.listObjectsV2(b -> b.bucket("files").prefix("exports/"))
          .contents().stream().map(o -> o.key()).toList());
      s3.deleteObject(b -> b.bucket("files").key("exports/a b+é.csv"));
      assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket("files").key("exports/a b+é.csv")));
    }
    assertEquals(new TreeSet<>(Set.of("s3:PutObject", "s3:GetObject", "s3:ListBucket", "s3:DeleteObject")), recorded("Exporter"));
  }

  @Test
  void aPresignedLinkIsRecordedAgainstTheFunctionThatSignedIt() throws Exception {
    try (S3Client direct = S3Client.builder().endpointOverride(s3Engine.endpoint()).region(REGION).forcePathStyle(true)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClient(UrlConnectionHttpClient.create()).build();
        S3Presigner presigner = S3Presigner.builder().endpointOverride(through("Linker", "s3")).region(REGION)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build()) {
      direct.createBucket(b -> b.bucket("links"));
      direct.putObject(b -> b.bucket("links").key("report.csv"), RequestBody.fromString("x,y"));
      URI link = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket("links").key("report.csv"))).url().toURI();
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      assertEquals("x,y", response.body());
    }
    assertEquals(new TreeSet<>(Set.of("s3:GetObject")), recorded("Linker"), "whoever follows the link acts with the signer's rights");
  }

  @Test
  void snsAndSesThroughAPathPrefix() {
    String topicArn;
    try (SnsClient direct = build(SnsClient.builder(), snsStandIn.endpoint())) {
      topicArn = direct.createTopic(b -> b.name("events")).topicArn();
    }
    try (SnsClient sns = build(SnsClient.builder(), through("Notifier", "sns"));
        SesClient ses = build(SesClient.builder(), through("Notifier", "ses"));
        SesV2Client sesV2 = build(SesV2Client.builder(), through("Notifier", "sesv2"))) {
      assertFalse(sns.publish(b -> b.topicArn(topicArn).message("hi")).messageId().isEmpty());
      sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(e -> e.id("1").message("one")));
      ses.sendEmail(b -> b.source("inbox@textinbox.example").destination(d -> d.toAddresses("ana@example.com"))
          .message(m -> m.subject(s -> s.data("Digest")).body(body -> body.text(t -> t.data("3 new")))));
      sesV2.sendEmail(b -> b.fromEmailAddress("inbox@textinbox.example").destination(d -> d.toAddresses("bo@example.com"))
          .content(c -> c.simple(m -> m.subject(s -> s.data("Export ready")).body(body -> body.text(t -> t.data("link"))))));
    }
    assertEquals(2, sesStandIn.sentEmails().size());
    assertEquals(new TreeSet<>(Set.of("sns:Publish", "ses:SendEmail")), recorded("Notifier"));
  }

  @Test
  void aRequestNotSignedForAServiceIsRefusedWithWhatIsServed() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(recorder.endpoint("Unsigned") + "/")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("dynamodb"), response.body());
    assertFalse(recorder.calls().containsKey("Unsigned"));
  }

  @Test
  void eachFunctionHasItsOwnPort() {
    assertEquals(recorder.endpoint("A"), recorder.endpoint("A"));
    assertFalse(recorder.endpoint("A").equals(recorder.endpoint("B")));
  }
}
