package com.textinbox.localcloud.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.localcloud.LocalResources;
import com.textinbox.localcloud.lambda.LocalFunction;
import com.textinbox.shared.json.Json;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB stream event source mapping: reads every shard of the table's stream in order and
 * hands the function batches in Lambda's event shape. A failed batch is retried (from the first
 * failed record when the function reports item failures) up to MaximumRetryAttempts, then skipped:
 * with an OnFailure destination, the description of the records skipped is sent there first, in
 * the shape Lambda sends (DDBStreamBatchInfo: shard, first and last sequence numbers; not the
 * records); without one, only a log line says what was lost, as on AWS.
 *
 * <p>Not reproduced: BisectBatchOnFunctionError (a failed batch is retried whole from the failed
 * record, not split in halves), MaximumBatchingWindowInSeconds (shards are polled every 250 ms),
 * MaximumRecordAgeInSeconds, ParallelizationFactor, StartingPosition (always TRIM_HORIZON).
 */
public final class DynamoDbStreamPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDbStreamPoller.class);

  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final LocalFunction function;
  private final int batchSize;
  private final int maxRetries;
  private final Consumer<String> onFailure;
  private final Map<String, String> iterators = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param maxRetries MaximumRetryAttempts; -1 retries until the records expire (on AWS), here forever
   * @param onFailure where the description of a batch given up on goes (the OnFailure destination), or null
   */
  public DynamoDbStreamPoller(DynamoDbStreamsClient streams, String streamArn, LocalFunction function, int batchSize,
      int maxRetries, Consumer<String> onFailure) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.function = function;
    this.batchSize = Math.max(1, Math.min(1000, batchSize));
    this.maxRetries = maxRetries;
    this.onFailure = onFailure;
    this.thread = Thread.ofPlatform().daemon().name("stream-" + function.logicalId()).start(this::run);
  }

  private void run() {
    while (running) {
      try {
        boolean any = false;
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
          any |= poll(shard.shardId());
        }
        if (!any) {
          Thread.sleep(250);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("reading the stream for {} failed: {}", function.logicalId(), e.toString());
          sleepQuietly();
        }
      }
    }
  }

  private boolean poll(String shardId) throws InterruptedException {
    String iterator = iterators.computeIfAbsent(shardId, id -> streams.getShardIterator(b -> b.streamArn(streamArn)
        .shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
    if (iterator.isEmpty()) {
      return false; // a closed shard read to its end
    }
    var result = streams.getRecords(b -> b.shardIterator(iterator).limit(batchSize));
    iterators.put(shardId, result.nextShardIterator() == null ? "" : result.nextShardIterator());
    List<Record> records = result.records();
    if (records.isEmpty()) {
      return false;
    }
    int from = 0;
    for (int attempt = 0; from < records.size(); attempt++) {
      Outcome outcome = deliver(records.subList(from, records.size()));
      if (outcome.failedAt() < 0) {
        break;
      }
      if (maxRetries >= 0 && attempt >= maxRetries) {
        List<Record> skipped = records.subList(from + outcome.failedAt(), records.size());
        LOG.error("{} failed a stream batch {} times; skipping {} records{}", function.logicalId(), attempt + 1,
            skipped.size(), onFailure == null ? " (no OnFailure destination: they are lost)" : " (described in its OnFailure destination)");
        if (onFailure != null) {
          try {
            onFailure.accept(Json.write(failureRecord(shardId, skipped, attempt + 1, outcome.functionError())));
          } catch (RuntimeException e) {
            LOG.error("{}: the OnFailure destination refused the batch description: {}", function.logicalId(), e.toString());
          }
        }
        break;
      }
      from += outcome.failedAt();
      Thread.sleep(1000);
    }
    return true;
  }

  /** What an invocation came to: -1 when the batch succeeded, else the index of the first record to retry from. */
  private record Outcome(int failedAt, boolean functionError) {}

  /** The invocation record Lambda sends to an OnFailure destination for a stream batch it gives up on. */
  private Map<String, Object> failureRecord(String shardId, List<Record> skipped, int invokeCount, boolean functionError) {
    Map<String, Object> requestContext = new LinkedHashMap<>();
    requestContext.put("requestId", UUID.randomUUID().toString());
    requestContext.put("functionArn", function.arn());
    requestContext.put("condition", "RetryAttemptsExhausted");
    requestContext.put("approximateInvokeCount", invokeCount);
    Map<String, Object> responseContext = new LinkedHashMap<>();
    responseContext.put("statusCode", 200);
    responseContext.put("executedVersion", "$LATEST");
    if (functionError) {
      responseContext.put("functionError", "Unhandled");
    }
    var first = skipped.getFirst().dynamodb();
    var last = skipped.getLast().dynamodb();
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("shardId", shardId);
    batch.put("startSequenceNumber", first.sequenceNumber());
    batch.put("endSequenceNumber", last.sequenceNumber());
    if (first.approximateCreationDateTime() != null && last.approximateCreationDateTime() != null) {
      batch.put("approximateArrivalOfFirstRecord", first.approximateCreationDateTime().toString());
      batch.put("approximateArrivalOfLastRecord", last.approximateCreationDateTime().toString());
    }
    batch.put("batchSize", skipped.size());
    batch.put("streamArn", streamArn);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("requestContext", requestContext);
    record.put("responseContext", responseContext);
    record.put("version", "1.0");
    record.put("timestamp", Instant.now().toString());
    record.put("DDBStreamBatchInfo", batch);
    return record;
  }

  private Outcome deliver(List<Record> records) {
    ObjectNode event = Json.object();
    ArrayNode out = event.putArray("Records");
    for (Record record : records) {
      ObjectNode r = out.addObject();
      r.put("eventID", record.eventID());
      r.put("eventName", record.eventNameAsString());
      r.put("eventVersion", "1.1");
      r.put("eventSource", "aws:dynamodb");
      r.put("awsRegion", LocalResources.REGION);
      r.put("eventSourceARN", streamArn);
      ObjectNode d = r.putObject("dynamodb");
      var s = record.dynamodb();
      if (s.approximateCreationDateTime() != null) {
        d.put("ApproximateCreationDateTime", s.approximateCreationDateTime().getEpochSecond());
      }
      d.set("Keys", image(s.keys()));
      if (s.hasNewImage()) {
        d.set("NewImage", image(s.newImage()));
      }
      if (s.hasOldImage()) {
        d.set("OldImage", image(s.oldImage()));
      }
      d.put("SequenceNumber", s.sequenceNumber());
      d.put("SizeBytes", s.sizeBytes());
      d.put("StreamViewType", s.streamViewTypeAsString());
    }
    try {
      JsonNode answer = Json.mapper().readTree(function.invoke(Json.bytes(event)));
      JsonNode failures = answer == null ? null : answer.path("batchItemFailures");
      if (failures == null || failures.isEmpty()) {
        return new Outcome(-1, false);
      }
      String first = failures.get(0).path("itemIdentifier").asText();
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).dynamodb().sequenceNumber().equals(first)) {
          return new Outcome(i, false);
        }
      }
      return new Outcome(0, false);
    } catch (Exception e) {
      LOG.warn("{} failed a stream batch: {}", function.logicalId(), e.getMessage());
      return new Outcome(0, true);
    }
  }

  /** DynamoDB JSON, as the stream event carries it. */
  static ObjectNode image(Map<String, AttributeValue> item) {
    ObjectNode node = Json.object();
    item.forEach((name, value) -> node.set(name, value(value)));
    return node;
  }

  private static ObjectNode value(AttributeValue v) {
    ObjectNode node = Json.object();
    switch (v.type()) {
      case S -> node.put("S", v.s());
      case N -> node.put("N", v.n());
      case B -> node.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
      case BOOL -> node.put("BOOL", v.bool());
      case NUL -> node.put("NULL", true);
      case SS -> v.ss().forEach(node.putArray("SS")::add);
      case NS -> v.ns().forEach(node.putArray("NS")::add);
      case BS -> v.bs().forEach(b -> node.withArray("BS").add(Base64.getEncoder().encodeToString(b.asByteArray())));
      case M -> node.set("M", image(v.m()));
      case L -> {
        ArrayNode list = node.putArray("L");
        v.l().forEach(item -> list.add(value(item)));
      }
      default -> throw new IllegalArgumentException("unknown attribute type " + v.type());
    }
    return node;
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(3000);
  }
}
