package com.textinbox.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The assignment function (MISSION: "independent Lambda functions for ... assignment"), on two
 * queues: ConversationEventsQueue (InboundSms: who gets a new or reopened conversation, then the
 * {@code message.received} notification event; {@link AutoAssigner}) and BulkAssignQueue (the
 * steps of bulk assignment jobs; {@link BulkAssigner}). Wiring: template.yaml, function Assignment.
 */
public final class AssignmentHandler extends SqsBatchHandler {
  private final AutoAssigner auto;
  private final BulkAssigner bulk;

  public AssignmentHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(), sqs(),
        Env.require("NOTIFICATION_EVENTS_QUEUE_URL"), Env.require("BULK_ASSIGN_QUEUE_URL"));
  }

  private AssignmentHandler(DynamoDbClient dynamoDb, String table, Clock clock, SqsClient sqs, String notificationsUrl,
      String bulkUrl) {
    this(dynamoDb, table, clock, EventQueue.sqs(sqs, notificationsUrl), batches(sqs, bulkUrl));
  }

  /** Tests: where notification events and bulk steps go. */
  public AssignmentHandler(DynamoDbClient dynamoDb, String table, Clock clock, EventQueue notifications, BulkSteps steps) {
    DynamoTable items = new DynamoTable(dynamoDb, table);
    this.auto = new AutoAssigner(items, clock, notifications);
    this.bulk = new BulkAssigner(items, clock, notifications, steps);
  }

  private static SqsClient sqs() {
    return AwsClients.build(SqsClient.builder(), "SQS");
  }

  /** The next steps of bulk jobs: message bodies to the BulkAssignQueue, 10 per SendMessageBatch. */
  @FunctionalInterface
  public interface BulkSteps {
    void send(List<String> bodies);
  }

  static BulkSteps batches(SqsClient sqs, String queueUrl) {
    return bodies -> {
      for (int from = 0; from < bodies.size(); from += 10) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = from; i < Math.min(bodies.size(), from + 10); i++) {
          entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies.get(i)).build());
        }
        SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        if (sent.hasFailed() && !sent.failed().isEmpty()) {
          // the message is retried as a whole: the steps it sends are idempotent
          throw new IllegalStateException(sent.failed().size() + " bulk step(s) not queued: " + sent.failed().get(0).message());
        }
      }
    };
  }

  @Override
  protected void process(SqsMessage message) {
    JsonNode body = Json.read(message.body());
    String type = Json.text(body, "type");
    if (type != null && type.startsWith("bulk.")) {
      bulk.handle(message.body());
    } else {
      auto.handle(body);
    }
  }
}
