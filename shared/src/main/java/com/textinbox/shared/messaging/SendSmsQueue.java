package com.textinbox.shared.messaging;

import software.amazon.awssdk.services.sqs.SqsClient;

/** Where the commands to text a stored message go: SendSmsQueue, read by SmsSender. */
@FunctionalInterface
public interface SendSmsQueue {
  void send(SendSmsCommand command);

  /** The SQS queue at {@code queueUrl} (SEND_SMS_QUEUE_URL). */
  static SendSmsQueue sqs(SqsClient sqs, String queueUrl) {
    return command -> sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(command.json()));
  }
}
