package com.textinbox.localcloud.standins;

import com.textinbox.localcloud.standins.SnsTopics.Subscription;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Delivers a topic's message to each subscription whose filter policy lets it through. Queues get it
 * before Publish answers (SQS delivery is near-immediate in AWS, and tests can then read at once);
 * functions get it on another thread, as Lambda's asynchronous invocation does. A failed delivery is
 * logged, never the publisher's error, as in SNS.
 */
final class SnsFanOut {
  private static final System.Logger LOG = System.getLogger(SnsFanOut.class.getName());

  private final SnsEnvelope envelope;
  private final SqsClient sqs;
  private final SnsPlatformEndpoints platform;
  private final SnsOutbox outbox;
  private final Executor async;
  private volatile LambdaInvoker lambdaInvoker;

  SnsFanOut(SnsEnvelope envelope, SqsClient sqs, SnsPlatformEndpoints platform, SnsOutbox outbox, Executor async) {
    this.envelope = envelope;
    this.sqs = sqs;
    this.platform = platform;
    this.outbox = outbox;
    this.async = async;
  }

  void onLambda(LambdaInvoker invoker) {
    this.lambdaInvoker = invoker;
  }

  void deliver(SnsMessage message, String topicArn, List<Subscription> subscriptions) {
    for (Subscription subscription : subscriptions) {
      try {
        if (passes(message, subscription)) {
          deliver(message, topicArn, subscription);
        }
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "SNS could not deliver " + message.messageId() + " to "
            + subscription.endpoint(), e);
      }
    }
  }

  private static boolean passes(SnsMessage message, Subscription subscription) {
    String policy = subscription.attributes().get("FilterPolicy");
    if (policy == null || policy.isEmpty()) {
      return true;
    }
    boolean bodyScope = "MessageBody".equals(subscription.attributes().get("FilterPolicyScope"));
    return SnsFilterPolicy.parse(policy).matches(message, bodyScope);
  }

  private void deliver(SnsMessage message, String topicArn, Subscription subscription) {
    switch (subscription.protocol()) {
      case "sqs" -> toQueue(message, topicArn, subscription);
      case "lambda" -> toFunction(message, topicArn, subscription);
      case "sms" -> outbox.sendSms(message.messageId(), subscription.endpoint(), message.textFor("sms"),
          message.stringAttributes());
      case "application" -> {
        SnsPlatformEndpoints.Endpoint endpoint = platform.pushTarget(subscription.endpoint());
        outbox.sendPush(message.messageId(), endpoint, message.textFor(endpoint.platform()));
      }
      default -> throw new IllegalStateException("no delivery for " + subscription.protocol());
    }
  }

  private void toQueue(SnsMessage message, String topicArn, Subscription subscription) {
    if (sqs == null) {
      throw new IllegalStateException("the SNS stand-in was started without an SQS client");
    }
    String queueName = subscription.endpoint().substring(subscription.endpoint().lastIndexOf(':') + 1);
    String queueUrl = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
    String text = message.textFor("sqs");
    String body = subscription.rawDelivery() ? text : envelope.forQueue(message, text, topicArn, subscription.arn());
    sqs.sendMessage(b -> {
      b.queueUrl(queueUrl).messageBody(body);
      if (subscription.rawDelivery()) {
        b.messageAttributes(queueAttributes(message));
      }
      if (queueName.endsWith(".fifo")) {
        // only a FIFO topic reaches a FIFO queue: its group goes along, its deduplication by content if none
        b.messageGroupId(message.messageGroupId()).messageDeduplicationId(message.deduplicationId() != null
            ? message.deduplicationId() : SnsEnvelope.sha256Hex(text));
      }
    });
  }

  /** With raw delivery, SNS message attributes become SQS ones (SQS has no String.Array: it is a String). */
  private static Map<String, MessageAttributeValue> queueAttributes(SnsMessage message) {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    message.attributes().forEach((name, attribute) -> {
      MessageAttributeValue.Builder value = MessageAttributeValue.builder();
      if (attribute.isBinary()) {
        value.dataType(attribute.dataType()).binaryValue(SdkBytes.fromByteArray(
            Base64.getDecoder().decode(attribute.binaryValue())));
      } else {
        String type = attribute.dataType().startsWith("String.Array") ? "String" : attribute.dataType();
        value.dataType(type).stringValue(attribute.stringValue());
      }
      attributes.put(name, value.build());
    });
    return attributes;
  }

  private void toFunction(SnsMessage message, String topicArn, Subscription subscription) {
    LambdaInvoker invoker = lambdaInvoker;
    if (invoker == null) {
      throw new IllegalStateException("no LambdaInvoker is registered (SnsStandIn.onLambda)");
    }
    String event = envelope.lambdaEvent(message, message.textFor("lambda"), topicArn, subscription.arn());
    async.execute(() -> {
      try {
        invoker.invoke(subscription.endpoint(), event);
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "the function " + subscription.endpoint() + " failed on SNS message "
            + message.messageId(), e);
      }
    });
  }
}
