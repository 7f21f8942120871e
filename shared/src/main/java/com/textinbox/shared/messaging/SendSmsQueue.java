package com.textinbox.shared.messaging;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.aws.PrimingInterceptor;
import com.textinbox.shared.aws.QueuePriming;
import com.textinbox.shared.config.Env;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** Where the commands to text a stored message go: SendSmsQueue, read by SmsSender. */
@FunctionalInterface
public interface SendSmsQueue {
  void send(SendSmsCommand command);

  /**
   * The queue of the function's {@code SEND_SMS_QUEUE_URL}, through its own SQS client, built by
   * the first send (or priming): a schedule's run with nothing due sends nothing (decision 69).
   */
  static SendSmsQueue fromEnvironment() {
    return sqs(AwsClients.lazy(SqsClient::builder, "SQS"), Env.require("SEND_SMS_QUEUE_URL"));
  }

  /** The SQS queue at {@code queueUrl} (SEND_SMS_QUEUE_URL). */
  static SendSmsQueue sqs(SqsClient sqs, String queueUrl) {
    return sqs(() -> sqs, queueUrl);
  }

  /** The SQS queue at {@code queueUrl}, through the client {@code sqs} gives at the first send or priming. */
  static SendSmsQueue sqs(Supplier<SqsClient> sqs, String queueUrl) {
    QueuePriming.register("send-sms queue", SendMessageResponse::builder, () -> sqs.get().sendMessage(b -> b.queueUrl(QueuePriming.nowhere(queueUrl))
        .messageBody("{}").overrideConfiguration(PrimingInterceptor.UNSENT)));
    return command -> sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(command.json()));
  }
}
