package com.textinbox.inbound;

import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.messaging.InboundSms;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Inbound SMS, from the carrier's SNS topic through the InboundSms queue. Each message is stored
 * once (keyed by the carrier's message id) in its customer's conversation, under the company that
 * owns the destination number; compliance keywords (STOP, START, HELP) change the customer's
 * subscription and get their automatic reply (queued for SmsSender on SendSmsQueue); then one event
 * goes to the conversation events queue (docs/events.md).
 * The steps and their DynamoDB requests: {@link InboundConversations}.
 * Wiring: template.yaml, function InboundSms.
 */
public final class InboundSmsHandler extends SqsBatchHandler {
  private final InboundConversations conversations;
  private final String defaultRegion;

  public InboundSmsHandler() {
    this(AwsClients.build(SqsClient.builder(), "SQS"));
  }

  /** One SQS client for both queues. */
  private InboundSmsHandler(SqsClient sqs) {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Env.optional("DEFAULT_PHONE_REGION", "US"), Clock.systemUTC(),
        ConversationEvents.queue(sqs, Env.require("CONVERSATION_EVENTS_QUEUE_URL")),
        SendSmsQueue.sqs(sqs, Env.require("SEND_SMS_QUEUE_URL")),
        EventQueue.sqs(sqs, Env.require("NOTIFICATION_EVENTS_QUEUE_URL")));
  }

  /** Without the notification events queue: for tests of texts that answer no appointment reminder. */
  public InboundSmsHandler(DynamoDbClient dynamoDb, String table, String defaultRegion, Clock clock, ConversationEvents events,
      SendSmsQueue sendSms) {
    this(dynamoDb, table, defaultRegion, clock, events, sendSms, (eventId, type, json) -> {
      throw new IllegalStateException("no notification events queue for " + type);
    });
  }

  /** @param notifications where a reply to an appointment reminder (AP2) is announced (NotificationEventsQueue) */
  public InboundSmsHandler(DynamoDbClient dynamoDb, String table, String defaultRegion, Clock clock, ConversationEvents events,
      SendSmsQueue sendSms, EventQueue notifications) {
    this.conversations = new InboundConversations(InboundStores.on(new DynamoTable(dynamoDb, table), clock), clock, events, sendSms,
        notifications);
    this.defaultRegion = defaultRegion;
  }

  /**
   * SnapStart priming (docs/decisions.md 46): a carrier payload parsed (the phone-number metadata
   * loaded), the reads of nothing a text starts with and its writes built, never sent
   * ({@link InboundConversations#prime}); nothing is stored or sent.
   */
  @Override
  protected void prime() {
    super.prime();
    InboundSms sms = InboundSms.parse("{\"originationNumber\": \"(514) 555-0199\", \"destinationNumber\": \"+15145550100\","
        + " \"messageBody\": \"priming\", \"inboundMessageId\": \"priming\"}", defaultRegion);
    conversations.prime(sms);
  }

  @Override
  protected void process(SqsMessage message) {
    // texts in (the dashboard's first figure): every delivery of a carrier message, redeliveries included
    Observability.count("SmsReceived");
    InboundSms sms = InboundSms.parse(message.payload(), defaultRegion);
    conversations.receive(sms, message.snsTimestamp().orElse(null));
  }
}
