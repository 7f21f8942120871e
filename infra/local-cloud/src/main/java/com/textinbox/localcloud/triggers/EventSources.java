package com.textinbox.localcloud.triggers;

import com.textinbox.localcloud.LocalResources;
import com.textinbox.localcloud.lambda.LocalFunction;
import com.textinbox.localcloud.template.SamTemplate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires each event of a function, as template.yaml declares it, to what triggers it locally: an
 * SQS poller, an SNS subscription, a schedule, a DynamoDB stream poller. {@code Api} events are
 * served by the {@link ApiGateway}. An event type the local cloud cannot run stops the start with
 * a sentence saying which.
 */
public final class EventSources {
  private final LocalResources resources;
  private final SqsClient sqs;
  private final SnsClient sns;
  private final DynamoDbClient dynamoDb;
  private final DynamoDbStreamsClient streams;
  private final Scheduler scheduler;
  private final Integer retryDelaySeconds;
  private final Consumer<AutoCloseable> closeOnStop;

  public EventSources(LocalResources resources, SqsClient sqs, SnsClient sns, DynamoDbClient dynamoDb,
      DynamoDbStreamsClient streams, Scheduler scheduler, Integer retryDelaySeconds, Consumer<AutoCloseable> closeOnStop) {
    this.resources = resources;
    this.sqs = sqs;
    this.sns = sns;
    this.dynamoDb = dynamoDb;
    this.streams = streams;
    this.scheduler = scheduler;
    this.retryDelaySeconds = retryDelaySeconds;
    this.closeOnStop = closeOnStop;
  }

  public void wire(SamTemplate.FunctionDefinition definition, LocalFunction function) {
    for (SamTemplate.EventDefinition event : definition.events()) {
      Map<String, Object> p = event.properties();
      switch (event.type()) {
        case "Api" -> { /* served by the API gateway */ }
        case "SQS" -> {
          String queueId = getAttTarget(p.get("Queue"));
          boolean itemFailures = SamTemplate.list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
          int concurrency = maximumConcurrency(definition.logicalId(), event.name(), p);
          closeOnStop.accept(new SqsPoller(sqs, resources.queueUrl(queueId), resources.arn(queueId),
              function.instances(concurrency), integer(p, "BatchSize", 10), itemFailures, retryDelaySeconds));
        }
        case "SNS" -> sns.subscribe(b -> b.topicArn(resources.resolve(p.get("Topic"))).protocol("lambda").endpoint(function.arn()));
        case "Schedule", "ScheduleV2" -> {
          String expression = resources.resolve(p.containsKey("Schedule") ? p.get("Schedule") : p.get("ScheduleExpression"));
          Object zone = p.get("ScheduleExpressionTimezone");
          scheduler.add(new Scheduler.Schedule(function, event.name(), AwsScheduleExpression.parse(expression),
              zone == null ? ZoneId.of("UTC") : ZoneId.of(resources.resolve(zone)),
              p.containsKey("Input") ? resources.resolve(p.get("Input")) : null));
        }
        case "DynamoDB" -> {
          String tableId = getAttTarget(p.get("Stream"));
          String streamArn = dynamoDb.describeTable(b -> b.tableName(resources.name(tableId))).table().latestStreamArn();
          String onFailureQueue = onFailureQueueUrl(definition.logicalId(), event.name(), p);
          closeOnStop.accept(new DynamoDbStreamPoller(streams, streamArn, function,
              integer(p, "BatchSize", 100), integer(p, "MaximumRetryAttempts", -1),
              onFailureQueue == null ? null : description -> sqs.sendMessage(b -> b.queueUrl(onFailureQueue).messageBody(description))));
        }
        default -> throw new IllegalArgumentException("function " + definition.logicalId() + ": event type "
            + event.type() + " is not supported by the local cloud");
      }
    }
  }

  /** The URL of a stream event's OnFailure destination (an SQS queue of the template), or null when it has none. */
  private String onFailureQueueUrl(String functionId, String eventName, Map<String, Object> properties) {
    Object destination = SamTemplate.map(SamTemplate.map(properties.get("DestinationConfig")).get("OnFailure")).get("Destination");
    if (destination == null) {
      return null;
    }
    String target = getAttTarget(destination);
    if (!"AWS::SQS::Queue".equals(resources.template().typeOf(target))) {
      throw new IllegalArgumentException("function " + functionId + ", event " + eventName
          + ": the local cloud sends OnFailure records to SQS queues of the template only, not to " + target);
    }
    return resources.queueUrl(target);
  }

  /**
   * How many invocations the SQS event may run at once: {@code ScalingConfig.MaximumConcurrency}
   * (2 to 1000, as AWS takes it; each its own instance of the function), else one: without a cap
   * AWS scales out to hundreds, which a laptop stands in for with one poller.
   */
  private int maximumConcurrency(String functionId, String eventName, Map<String, Object> properties) {
    Object cap = SamTemplate.map(properties.get("ScalingConfig")).get("MaximumConcurrency");
    if (cap == null) {
      return 1;
    }
    String value = resources.resolve(cap);
    int concurrency;
    try {
      concurrency = (int) Double.parseDouble(value);
    } catch (NumberFormatException e) {
      concurrency = -1;
    }
    if (concurrency < 2 || concurrency > 1000) {
      throw new IllegalArgumentException("function " + functionId + ", event " + eventName
          + ": ScalingConfig.MaximumConcurrency must be between 2 and 1000 (SQS event sources), not " + value);
    }
    return concurrency;
  }

  private static int integer(Map<String, Object> properties, String name, int fallback) {
    return Integer.parseInt(String.valueOf(properties.getOrDefault(name, fallback)));
  }

  private static String getAttTarget(Object getAtt) {
    List<Object> parts = SamTemplate.list(SamTemplate.map(getAtt).get("Fn::GetAtt"));
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("expected !GetAtt Resource.Attribute, found " + getAtt);
    }
    return parts.get(0).toString();
  }
}
