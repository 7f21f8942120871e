package com.textinbox.receipts;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.conversations.CarrierMessage;
import com.textinbox.shared.conversations.store.MessageStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Delivery receipts (End User Messaging SMS v2 events, through CarrierEventsTopic and
 * CarrierEventsQueue): the outbound message of the event's {@code messageId} (GetItem
 * {@code CARRIERMSG#<id>}) becomes DELIVERED, or FAILED with a reason a person understands.
 *
 * <p>Status only moves forward (QUEUED &lt; SENT &lt; DELIVERED / FAILED, both final): the update
 * is conditional on the message being QUEUED or SENT, so a repeated or late event changes nothing.
 * An id we never sent (another system's message on the same topic) is logged and skipped; a payload
 * that is not an event fails, and after the queue's retries lands in its DLQ.
 * Requests per receipt: 1 GetItem + 1 UpdateItem.
 */
public final class DeliveryReceiptsHandler extends SqsBatchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryReceiptsHandler.class);

  /** What an event means for the message: its final status and, for a failure, the reason. */
  record Outcome(String status, String reason, String description) {}

  private final MessageStore messages;
  private final Clock clock;

  public DeliveryReceiptsHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC());
  }

  public DeliveryReceiptsHandler(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.messages = new MessageStore(new DynamoTable(dynamoDb, table));
    this.clock = clock;
  }

  /**
   * The outcome of an event type; empty for an event that is not final for the message (pending,
   * queued, accepted by the carrier) or not about a text.
   */
  static Optional<Outcome> outcome(String eventType) {
    return Optional.ofNullable(switch (eventType) {
      case "TEXT_DELIVERED" -> new Outcome("DELIVERED", null, null);
      case "TEXT_UNREACHABLE" -> new Outcome("FAILED", "landline",
          "The number is a landline or cannot receive text messages.");
      case "TEXT_INVALID" -> new Outcome("FAILED", "invalid_number", "The phone number is not valid.");
      case "TEXT_CARRIER_UNREACHABLE" -> new Outcome("FAILED", "number_deactivated",
          "The number is deactivated or out of service at the customer's carrier.");
      case "TEXT_CARRIER_BLOCKED", "TEXT_BLOCKED", "TEXT_SPAM" -> new Outcome("FAILED", "blocked",
          "The customer's carrier blocked the message.");
      case "TEXT_OPTED_OUT" -> new Outcome("FAILED", "opted_out",
          "The customer opted out of texts at their carrier.");
      case "TEXT_INVALID_MESSAGE" -> new Outcome("FAILED", "invalid_message", "The carrier refused the message's content.");
      case "TEXT_TTL_EXPIRED" -> new Outcome("FAILED", "expired", "The phone could not be reached in time; not delivered.");
      case "TEXT_UNKNOWN" -> new Outcome("FAILED", "unknown", "The carrier could not deliver it, without saying why.");
      default -> null;
    });
  }

  @Override
  protected void process(SqsMessage sqsMessage) {
    JsonNode event;
    try {
      event = Json.read(sqsMessage.payload());
    } catch (IllegalArgumentException notJson) {
      throw new IllegalArgumentException("carrier event " + sqsMessage.messageId() + " is not JSON");
    }
    String eventType = Json.text(event, "eventType");
    String carrierMessageId = Json.text(event, "messageId");
    if (!event.isObject() || eventType == null || carrierMessageId == null || carrierMessageId.isBlank()) {
      throw new IllegalArgumentException("carrier event " + sqsMessage.messageId() + " has no eventType or messageId");
    }
    Optional<Outcome> outcome = outcome(eventType);
    if (outcome.isEmpty()) {
      LOG.info("carrier event {} for {}: not final, nothing to record", eventType, carrierMessageId);
      return;
    }
    CarrierMessage sent = messages.byCarrierId(carrierMessageId);
    if (sent == null) {
      // The receipt can overtake the sender: SmsSender records the carrier's id only after Publish
      // returns it. Failing the record lets SQS bring it back once the id is there; a receipt for a
      // message we never sent ends in the DLQ after the queue's maxReceiveCount, nothing is lost.
      throw new IllegalStateException("carrier event " + eventType + " for message " + carrierMessageId
          + " that is not recorded (yet): retried later");
    }
    String messageId = sent.messageId();
    Outcome result = outcome.get();
    String at = Keys.time(event.hasNonNull("eventTimestamp") && event.get("eventTimestamp").canConvertToLong()
        ? Instant.ofEpochMilli(event.get("eventTimestamp").asLong()) : clock.instant());
    MessageStore.Receipt receipt = new MessageStore.Receipt(result.status(), at, eventType, Json.text(event, "messageStatus"),
        Json.text(event, "messageStatusDescription"), result.reason(), result.description());
    if (!messages.receipt(sent.accountId(), sent.conversationId(), sent.timelineSk(), receipt)) {
      LOG.info("carrier event {} for message {}: the message is final already; unchanged", eventType, messageId);
      return;
    }
    // counted once: the update above is conditional on the message not being final yet
    if ("DELIVERED".equals(result.status())) {
      Observability.count("SmsDelivered");
    } else {
      Observability.count("SmsDeliveryFailed");
    }
    LOG.info("message {} (carrier {}) is {}{}", messageId, carrierMessageId, result.status(),
        result.reason() == null ? "" : " (" + result.reason() + ")");
  }
}
