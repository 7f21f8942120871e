package com.textinbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The local cloud's engines, reached with the real SDK, as a developer's script would. */
final class LocalAws {
  private static DynamoDbClient dynamoDb;

  private LocalAws() {}

  static synchronized DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      JsonNode aws = LocalCloudProcess.endpoints().path("aws");
      dynamoDb = DynamoDbClient.builder()
          .httpClient(UrlConnectionHttpClient.create())
          .region(Region.of(aws.path("region").asText()))
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
              aws.path("accessKeyId").asText(), aws.path("secretAccessKey").asText())))
          .endpointOverride(URI.create(aws.path("dynamodb").asText()))
          .build();
    }
    return dynamoDb;
  }

  static String table() {
    return LocalCloudProcess.endpoints().path("aws").path("table").asText();
  }

  static Map<String, AttributeValue> item(String pk, String sk) {
    Map<String, AttributeValue> item = dynamoDb().getItem(b -> b.tableName(table()).consistentRead(true)
        .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
    return item == null || item.isEmpty() ? null : item;
  }

  /** The number of messages waiting in a queue of the template, by logical id. */
  static int visibleMessages(String queueLogicalId) {
    for (JsonNode queue : Http.get(LocalCloudProcess.endpoints().path("queues").asText(), null).json()) {
      if (queue.path("logicalId").asText().equals(queueLogicalId)) {
        return queue.path("visible").asInt();
      }
    }
    throw new AssertionError("no queue " + queueLogicalId);
  }
}
