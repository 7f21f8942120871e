package com.textinbox.conversations;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Where the events of conversations go (the ConversationEventsQueue; contract in docs/events.md).
 * Delivery is at least once: a consumer dedupes on {@code eventId}.
 */
@FunctionalInterface
public interface ConversationEvents {
  /** Sends one event, the JSON body as written in docs/events.md. */
  void send(String eventId, String type, String json);

  /** The SQS queue at {@code queueUrl}. */
  static ConversationEvents queue(SqsClient sqs, String queueUrl) {
    return (eventId, type, json) -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(json)
        .messageAttributes(Map.of(
            "eventId", MessageAttributeValue.builder().dataType("String").stringValue(eventId).build(),
            "type", MessageAttributeValue.builder().dataType("String").stringValue(type).build())));
  }
}
