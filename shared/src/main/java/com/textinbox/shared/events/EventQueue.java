package com.textinbox.shared.events;

import com.textinbox.shared.aws.PrimingInterceptor;
import com.textinbox.shared.aws.QueuePriming;
import com.textinbox.shared.observability.Priming;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A queue of events (docs/events.md): the JSON body, with the message attributes {@code eventId}
 * and {@code type} so a consumer can route without parsing. Delivery is at least once: consumers
 * dedupe on {@code eventId}.
 */
@FunctionalInterface
public interface EventQueue {
  /** Sends one event, the JSON body as written in docs/events.md. */
  void send(String eventId, String type, String json);

  /** The SQS queue at {@code queueUrl}. */
  static EventQueue sqs(SqsClient sqs, String queueUrl) {
    return sqs(() -> sqs, queueUrl);
  }

  /**
   * The SQS queue at {@code queueUrl}, through the client {@code sqs} gives at the first send or
   * priming ({@code AwsClients.lazy}: a route that sends nothing never builds it, decision 69).
   */
  static EventQueue sqs(Supplier<SqsClient> sqs, String queueUrl) {
    QueuePriming.register("event queue", SendMessageResponse::builder, () -> sqs.get().sendMessage(b -> b.queueUrl(QueuePriming.nowhere(queueUrl))
        .messageBody("{}").messageAttributes(attributes(Priming.KEY, Priming.KEY)).overrideConfiguration(PrimingInterceptor.UNSENT)));
    return (eventId, type, json) -> sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(json)
        .messageAttributes(attributes(eventId, type)));
  }

  /**
   * The SQS queue at {@code queueUrl}, each message hidden for {@code delaySeconds} first (SQS
   * {@code DelaySeconds}, 0-900): for a message sent before the write it follows is committed, so
   * that it does not reach its consumer first (docs/decisions.md 65).
   */
  static EventQueue sqs(SqsClient sqs, String queueUrl, int delaySeconds) {
    return sqs(() -> sqs, queueUrl, delaySeconds);
  }

  /** {@link #sqs(SqsClient, String, int)} through the client {@code sqs} gives at the first send. */
  static EventQueue sqs(Supplier<SqsClient> sqs, String queueUrl, int delaySeconds) {
    return (eventId, type, json) -> sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(json).delaySeconds(delaySeconds)
        .messageAttributes(attributes(eventId, type)));
  }

  static Map<String, MessageAttributeValue> attributes(String eventId, String type) {
    return Map.of(
        "eventId", MessageAttributeValue.builder().dataType("String").stringValue(eventId).build(),
        "type", MessageAttributeValue.builder().dataType("String").stringValue(type).build());
  }

  /** Events sent in tests, in order. */
  record Sent(String eventId, String type, String json) {}

  /** A queue that keeps what it is given (tests). */
  static EventQueue into(List<Sent> sent) {
    return (eventId, type, json) -> sent.add(new Sent(eventId, type, json));
  }
}
