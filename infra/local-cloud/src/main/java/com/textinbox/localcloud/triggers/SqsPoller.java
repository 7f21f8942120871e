package com.textinbox.localcloud.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.localcloud.LocalResources;
import com.textinbox.localcloud.lambda.LocalFunction;
import com.textinbox.shared.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS event source mapping: long-polls the queue, hands the function batches of up to
 * BatchSize records in Lambda's event shape, deletes what succeeded and leaves the rest to come
 * back after the visibility timeout; the queue's redrive policy moves a message that keeps
 * failing to its DLQ. With ReportBatchItemFailures only the listed records count as failed; a
 * function error, or an answer naming an unknown record, fails the whole batch (as on AWS).
 *
 * <p>{@code retryDelaySeconds} (default: the queue's own visibility timeout) lets tests see
 * retries and DLQ moves in seconds rather than minutes.
 *
 * <p>One poller per instance of the function: with {@code ScalingConfig.MaximumConcurrency} N, N
 * instances each take a batch and run it, so at most N invocations run at once, as on AWS.
 */
public final class SqsPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final int batchSize;
  private final boolean reportsItemFailures;
  private final Integer retryDelaySeconds;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  /** Polls for each of {@code instances} (one: the function itself) at once. */
  public SqsPoller(SqsClient sqs, String queueUrl, String queueArn, List<LocalFunction> instances, int batchSize,
      boolean reportsItemFailures, Integer retryDelaySeconds) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.queueArn = queueArn;
    this.batchSize = Math.max(1, Math.min(10, batchSize));
    this.reportsItemFailures = reportsItemFailures;
    this.retryDelaySeconds = retryDelaySeconds;
    for (int i = 0; i < instances.size(); i++) {
      LocalFunction function = instances.get(i);
      threads.add(Thread.ofPlatform().daemon().name("sqs-" + function.logicalId() + (i == 0 ? "" : "-" + (i + 1)))
          .start(() -> run(function)));
    }
  }

  private void run(LocalFunction function) {
    while (running) {
      try {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
            .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
            .messageAttributeNames("All")).messages();
        if (!messages.isEmpty()) {
          deliver(function, messages);
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("polling {} failed: {}", queueUrl, e.toString());
          sleep(1000);
        }
      }
    }
  }

  private void deliver(LocalFunction function, List<Message> messages) {
    ObjectNode event = Json.object();
    ArrayNode records = event.putArray("Records");
    for (Message message : messages) {
      ObjectNode record = records.addObject();
      record.put("messageId", message.messageId());
      record.put("receiptHandle", message.receiptHandle());
      record.put("body", message.body());
      ObjectNode attributes = record.putObject("attributes");
      message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
      ObjectNode messageAttributes = record.putObject("messageAttributes");
      message.messageAttributes().forEach((name, value) -> {
        ObjectNode attribute = messageAttributes.putObject(name);
        attribute.put("stringValue", value.stringValue());
        attribute.put("dataType", value.dataType());
      });
      record.put("md5OfBody", message.md5OfBody());
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", queueArn);
      record.put("awsRegion", LocalResources.REGION);
    }
    Set<String> failed = new HashSet<>();
    try {
      JsonNode answer = Json.mapper().readTree(function.invoke(Json.bytes(event)));
      if (reportsItemFailures && answer != null) {
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.messageId()));
        for (JsonNode failure : answer.path("batchItemFailures")) {
          String id = failure.path("itemIdentifier").asText("");
          if (!ids.contains(id)) {
            throw new IllegalStateException("batchItemFailures names an unknown record '" + id + "'");
          }
          failed.add(id);
        }
      }
    } catch (Exception e) {
      LOG.warn("{} failed its batch of {}: {}", function.logicalId(), messages.size(), e.getMessage());
      messages.forEach(m -> failed.add(m.messageId()));
    }
    List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
    for (Message message : messages) {
      if (failed.contains(message.messageId())) {
        if (retryDelaySeconds != null) {
          sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(retryDelaySeconds));
        }
      } else {
        done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size())).receiptHandle(message.receiptHandle()).build());
      }
    }
    if (!done.isEmpty()) {
      sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(3000);
    }
  }
}
