package com.textinbox.shared.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.observability.Priming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every function fed by a DynamoDB stream, the twin of
 * {@link com.textinbox.shared.sqs.SqsBatchHandler}. Records of a shard arrive in order; the
 * handler answers with the first record that failed ({@code ReportBatchItemFailures}), and Lambda
 * retries from that record on, the later ones with it, so the order of changes to an item is
 * kept. After the event source's MaximumRetryAttempts the rest of the batch goes to its OnFailure
 * destination. Consumers must therefore be idempotent: a record may be handed over more than once.
 *
 * <p>By default records are processed one by one ({@link #process}); a function that does better
 * with the whole batch at once (one bulk request) overrides {@link #processRecords}.
 */
public abstract class DynamoDBStreamHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoDBStreamHandler.class);

  /** Held here: the CRaC context holds it weakly (see Priming). */
  private final org.crac.Resource priming = Priming.register(getClass().getSimpleName(), this::prime);

  /**
   * SnapStart priming (docs/decisions.md 46): a stream event read and its record taken apart, and
   * an answer written, without processing anything. A function may add reads by overriding this.
   */
  protected void prime() {
    JsonNode event = Priming.event("""
        {"Records": [{"eventID": "priming", "eventName": "MODIFY", "eventSourceARN": "arn:aws:dynamodb:us-east-1:000000000000:table/priming/stream/priming",
                      "dynamodb": {"SequenceNumber": "1", "Keys": {"PK": {"S": "PRIMING#none"}, "SK": {"S": "PRIMING#none"}},
                                   "NewImage": {"PK": {"S": "PRIMING#none"}, "SK": {"S": "PRIMING#none"}, "n": {"N": "1"}, "b": {"BOOL": true}}}}]}""");
    for (JsonNode record : event.path("Records")) {
      StreamRecord.of(record);
    }
    Priming.answer(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "1"))));
  }

  /** Does the work of one record; throwing stops the batch there, and that record is retried. */
  protected abstract void process(StreamRecord record) throws Exception;

  /**
   * Processes the batch in order and returns the sequence number of the first record that failed,
   * or null when all succeeded. The default hands each record to {@link #process} and stops at
   * the first failure (later records are retried with it anyway).
   */
  protected String processRecords(List<StreamRecord> records) {
    for (StreamRecord record : records) {
      try {
        process(record);
      } catch (Exception e) {
        LOG.warn("stream record {} ({}) failed: {}", record.sequenceNumber(), record.eventName(), e.toString());
        return record.sequenceNumber();
      }
    }
    return null;
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = Json.read(input);
    String failed = Observability.around(context, () -> handleEvent(event));
    List<Map<String, String>> failures = failed == null ? List.of() : List.of(Map.of("itemIdentifier", failed));
    output.write(Json.bytes(Map.of("batchItemFailures", failures)));
  }

  /**
   * The sequence number of the first record that failed, or null. A record that cannot even be
   * read counts as failed there: the records before it are processed, it and the rest retried.
   */
  public final String handleEvent(JsonNode event) {
    List<StreamRecord> records = new ArrayList<>();
    String unreadable = null;
    for (JsonNode node : event.path("Records")) {
      try {
        records.add(StreamRecord.of(node));
      } catch (IllegalArgumentException e) {
        unreadable = Json.text(node.path("dynamodb"), "SequenceNumber");
        if (unreadable == null) {
          // Lambda could not tell which record to retry from: fail the whole invocation instead
          throw new IllegalArgumentException("a stream record without a sequence number: " + e.getMessage(), e);
        }
        LOG.warn("stream record {} cannot be read: {}", unreadable, e.getMessage());
        break;
      }
    }
    String failed = records.isEmpty() ? null : processRecords(List.copyOf(records));
    return failed != null ? failed : unreadable;
  }
}
