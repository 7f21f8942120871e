package com.textinbox.localcloud;

import com.textinbox.localcloud.template.SamTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates, through the real SDK calls, every resource template.yaml declares that has a local
 * engine: the table (keys, indexes, stream, TTL), the queues (with their redrive policies), the
 * buckets, the topics and their subscriptions (not the search index: the stack makes its own, docs/decisions.md 58).
 * Existing ones are kept, so a run with --data picks up where it stopped.
 */
final class Provisioner {
  private final LocalResources resources;
  private final SamTemplate template;
  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;
  private final S3Client s3;
  private final SnsClient sns;

  Provisioner(LocalResources resources, DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3, SnsClient sns) {
    this.resources = resources;
    this.template = resources.template();
    this.dynamoDb = dynamoDb;
    this.sqs = sqs;
    this.s3 = s3;
    this.sns = sns;
  }

  void provisionAll() {
    template.resourcesOfType("AWS::DynamoDB::Table").forEach(this::table);
    List<String> queues = template.resourcesOfType("AWS::SQS::Queue");
    queues.forEach(this::queue);
    queues.forEach(this::redrive);
    template.resourcesOfType("AWS::S3::Bucket").forEach(id -> {
      String name = resources.name(id);
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name))) {
        s3.createBucket(b -> b.bucket(name));
      }
    });
    template.resourcesOfType("AWS::SNS::Topic").forEach(id -> sns.createTopic(b -> b.name(resources.name(id))));
    // CloudWatch alarms and dashboards have no engine here: left out (docs/decisions.md 60)
    template.resourcesOfType("AWS::SNS::Subscription").stream().filter(resources::created).forEach(this::subscription);
  }

  private void table(String id) {
    Map<String, Object> p = template.properties(id);
    String name = resources.name(id);
    List<AttributeDefinition> attributes = new ArrayList<>();
    for (Object a : SamTemplate.list(p.get("AttributeDefinitions"))) {
      Map<String, Object> m = SamTemplate.map(a);
      attributes.add(AttributeDefinition.builder()
          .attributeName((String) m.get("AttributeName")).attributeType((String) m.get("AttributeType")).build());
    }
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (Object i : SamTemplate.list(p.get("GlobalSecondaryIndexes"))) {
      Map<String, Object> m = SamTemplate.map(i);
      Map<String, Object> projection = SamTemplate.map(m.get("Projection"));
      indexes.add(GlobalSecondaryIndex.builder()
          .indexName((String) m.get("IndexName"))
          .keySchema(keySchema(m.get("KeySchema")))
          .projection(Projection.builder()
              .projectionType((String) projection.getOrDefault("ProjectionType", "ALL"))
              .nonKeyAttributes(SamTemplate.list(projection.get("NonKeyAttributes")).stream().map(Object::toString).toList())
              .build())
          .build());
    }
    CreateTableRequest.Builder request = CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(attributes)
        .keySchema(keySchema(p.get("KeySchema")));
    if (!indexes.isEmpty()) {
      request.globalSecondaryIndexes(indexes);
    }
    Map<String, Object> stream = SamTemplate.map(p.get("StreamSpecification"));
    if (!stream.isEmpty()) {
      request.streamSpecification(StreamSpecification.builder()
          .streamEnabled(true).streamViewType((String) stream.get("StreamViewType")).build());
    }
    try {
      dynamoDb.createTable(request.build());
    } catch (ResourceInUseException exists) {
      return;
    }
    Map<String, Object> ttl = SamTemplate.map(p.get("TimeToLiveSpecification"));
    if (Boolean.TRUE.equals(ttl.get("Enabled")) || "true".equals(String.valueOf(ttl.get("Enabled")))) {
      dynamoDb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t
          .attributeName((String) ttl.get("AttributeName")).enabled(true)));
    }
  }

  private static List<KeySchemaElement> keySchema(Object schema) {
    List<KeySchemaElement> keys = new ArrayList<>();
    for (Object k : SamTemplate.list(schema)) {
      Map<String, Object> m = SamTemplate.map(k);
      keys.add(KeySchemaElement.builder()
          .attributeName((String) m.get("AttributeName")).keyType((String) m.get("KeyType")).build());
    }
    return keys;
  }

  private void queue(String id) {
    Map<String, Object> p = template.properties(id);
    Map<QueueAttributeName, String> attributes = new HashMap<>();
    copy(p, "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT, attributes);
    copy(p, "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD, attributes);
    copy(p, "DelaySeconds", QueueAttributeName.DELAY_SECONDS, attributes);
    copy(p, "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, attributes);
    copy(p, "FifoQueue", QueueAttributeName.FIFO_QUEUE, attributes);
    copy(p, "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, attributes);
    sqs.createQueue(b -> b.queueName(resources.name(id)).attributes(attributes));
  }

  private void redrive(String id) {
    Map<String, Object> redrive = SamTemplate.map(template.properties(id).get("RedrivePolicy"));
    if (redrive.isEmpty()) {
      return;
    }
    String policy = "{\"deadLetterTargetArn\":\"" + resources.resolve(redrive.get("deadLetterTargetArn"))
        + "\",\"maxReceiveCount\":" + resources.resolve(redrive.get("maxReceiveCount")) + "}";
    sqs.setQueueAttributes(b -> b.queueUrl(resources.queueUrl(id))
        .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)));
  }

  private void copy(Map<String, Object> p, String property, QueueAttributeName name, Map<QueueAttributeName, String> into) {
    if (p.containsKey(property)) {
      into.put(name, resources.resolve(p.get(property)));
    }
  }

  private void subscription(String id) {
    Map<String, Object> p = template.properties(id);
    String topicArn = resources.resolve(p.get("TopicArn"));
    String endpoint = resources.resolve(p.get("Endpoint"));
    String protocol = resources.resolve(p.get("Protocol"));
    boolean raw = "true".equalsIgnoreCase(String.valueOf(p.getOrDefault("RawMessageDelivery", "false")));
    boolean exists = sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions().stream()
        .anyMatch(s -> s.endpoint().equals(endpoint));
    if (!exists) {
      sns.subscribe(b -> b.topicArn(topicArn).protocol(protocol).endpoint(endpoint)
          .attributes(raw ? Map.of("RawMessageDelivery", "true") : Map.of()));
    }
  }
}
