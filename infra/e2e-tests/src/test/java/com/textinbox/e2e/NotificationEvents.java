package com.textinbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What lands on NotificationEventsQueue (docs/events.md, "Notification events"), read through the
 * local cloud's SQS endpoint. This suite has no dispatcher consuming the queue: the tests are its
 * only reader, and take every event off it, keeping each by {@code eventId} with the number of
 * copies seen (at-least-once delivery shows as copies of one id).
 */
final class NotificationEvents {
  private static final Map<String, JsonNode> BY_ID = new ConcurrentHashMap<>();
  private static final Map<String, Integer> COPIES = new ConcurrentHashMap<>();
  private static final List<JsonNode> ALL = new ArrayList<>();
  private static SqsClient sqs;

  private NotificationEvents() {}

  private static synchronized SqsClient sqs() {
    if (sqs == null) {
      JsonNode aws = LocalCloudProcess.endpoints().path("aws");
      sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
          .region(Region.of(aws.path("region").asText()))
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
          .endpointOverride(URI.create(aws.path("sqs").asText()))
          .build();
    }
    return sqs;
  }

  static String queueUrl(String logicalId) {
    for (JsonNode queue : Http.get(LocalCloudProcess.endpoints().path("queues").asText(), null).json()) {
      if (queue.path("logicalId").asText().equals(logicalId)) {
        return queue.path("url").asText();
      }
    }
    throw new AssertionError("no queue " + logicalId);
  }

  /** Takes what is on the queue now. */
  static synchronized void drain() {
    String url = queueUrl("NotificationEventsQueue");
    List<Message> messages;
    do {
      messages = sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
      for (Message message : messages) {
        JsonNode event = new Http.Response(200, message.body()).json();
        String id = event.path("eventId").asText();
        BY_ID.putIfAbsent(id, event);
        COPIES.merge(id, 1, Integer::sum);
        ALL.add(event);
        sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
      }
    } while (!messages.isEmpty());
  }

  /** The event {@code eventId}, once it is on the queue. */
  static JsonNode withId(String eventId) {
    return Eventually.await("the event " + eventId + " on NotificationEventsQueue", Duration.ofSeconds(30), () -> {
      drain();
      return BY_ID.get(eventId);
    });
  }

  /** How many copies of {@code eventId} were taken off the queue so far. */
  static int copies(String eventId) {
    drain();
    return COPIES.getOrDefault(eventId, 0);
  }

  /** Every event taken off the queue so far that matches (copies included). */
  static synchronized List<JsonNode> matching(Predicate<JsonNode> test) {
    drain();
    return ALL.stream().filter(test).toList();
  }
}
