package com.textinbox.shared.sqs;

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
 * Base of every SQS-triggered function: each record is processed on its own, and only the failed
 * ones are reported back ({@code ReportBatchItemFailures}), so SQS redelivers just those and, after
 * the queue's maxReceiveCount, moves them to its DLQ. Nothing is lost and nothing loops forever.
 *
 * <p>On a FIFO queue the first failure fails the rest of the batch too, to keep the order.
 */
public abstract class SqsBatchHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SqsBatchHandler.class);

  /** Held here: the CRaC context holds it weakly (see Priming). */
  private final org.crac.Resource priming = Priming.register(getClass().getSimpleName(), this::prime);

  /**
   * SnapStart priming (docs/decisions.md 46): an SQS event read and its record taken apart, and an
   * answer written, without processing anything. A function may add reads by overriding this
   * (calling super), within the rule: reads of things that do not exist, never a write or a send.
   */
  protected void prime() {
    JsonNode event = Priming.event("""
        {"Records": [{"messageId": "priming", "body": "{}", "attributes": {"ApproximateReceiveCount": "1"},
                      "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:priming"}]}""");
    event.path("Records").forEach(SqsMessage::of);
    Priming.answer(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "priming"))));
  }

  /** Does the work of one message; throwing leaves the message for a retry (and finally the DLQ). */
  protected abstract void process(SqsMessage message) throws Exception;

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = Json.read(input);
    List<String> failed = Observability.around(context, () -> processBatch(event));
    List<Map<String, String>> failures = new ArrayList<>();
    failed.forEach(id -> failures.add(Map.of("itemIdentifier", id)));
    output.write(Json.bytes(Map.of("batchItemFailures", failures)));
  }

  /** Called before each batch's first message (a function keeping a per-invocation budget resets it here). */
  protected void beforeBatch() {}

  /** The ids of the messages that failed. */
  public final List<String> processBatch(JsonNode event) {
    beforeBatch();
    List<String> failed = new ArrayList<>();
    boolean failRest = false;
    for (JsonNode record : event.path("Records")) {
      SqsMessage message = SqsMessage.of(record);
      if (failRest) {
        failed.add(message.messageId());
        continue;
      }
      try {
        process(message);
      } catch (MalformedMessage e) {
        LOG.error("message {} is not one this queue carries ({}): left for the DLQ", message.messageId(), e.getMessage());
        failed.add(message.messageId());
        failRest = message.eventSourceArn() != null && message.eventSourceArn().endsWith(".fifo");
      } catch (Exception e) {
        LOG.warn("message {} failed (receive count {}): {}", message.messageId(), message.receiveCount(), e.toString());
        failed.add(message.messageId());
        failRest = message.eventSourceArn() != null && message.eventSourceArn().endsWith(".fifo");
      }
    }
    return failed;
  }
}
