package com.textinbox.sender;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.messaging.SendSmsCommand;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where SmsSender puts a command back to wait (decision 61): SendSmsQueue itself, with a
 * DelaySeconds. A new message, so its receive count starts again: waiting for its place in the
 * number's line, or after the carrier's "throttled", never moves a text towards the DLQ.
 */
@FunctionalInterface
public interface DeferredCommands {
  void sendLater(SendSmsCommand command, int delaySeconds);

  /**
   * SendSmsQueue (SEND_SMS_QUEUE_URL) through the function's own SQS client, built at the first
   * command put back: most invocations put none back, so the cold start does not pay for it.
   */
  static DeferredCommands fromEnvironment() {
    String queueUrl = Env.require("SEND_SMS_QUEUE_URL");
    AtomicReference<SqsClient> sqs = new AtomicReference<>();
    return (command, delaySeconds) -> sqs.updateAndGet(built -> built != null ? built : AwsClients.build(SqsClient.builder(), "SQS"))
        .sendMessage(b -> b.queueUrl(queueUrl).messageBody(command.json()).delaySeconds(delaySeconds));
  }
}
