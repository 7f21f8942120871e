package com.textinbox.customerdeletion;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.jobs.CustomerDeletionJob;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The customer deletion function (P5, docs/decisions.md 50), on the CustomerDeletionQueue: each
 * message names a job ({@code {"type": "customer.delete", "accountId", "jobId"}}) that
 * {@link CustomerDeleter} works through, resuming from the steps the job records done; a job
 * longer than a few pages per message queues its own continuation. Wiring: template.yaml,
 * function CustomerDeletion.
 */
public final class CustomerDeletionHandler extends SqsBatchHandler {
  private final CustomerDeleter deleter;

  public CustomerDeletionHandler() {
    this(DynamoTable.fromEnvironment(), Clock.systemUTC(),
        // the continuation's SQS client built at the first continuation or by priming: most runs
        // finish within their budget and send none (decisions 69 and 70)
        EventQueue.sqs(AwsClients.lazy(SqsClient::builder, "SQS"), Env.require("CUSTOMER_DELETION_QUEUE_URL")));
  }

  /** @param continuations where a job's next message goes when the budget runs out (its own queue) */
  public CustomerDeletionHandler(DynamoTable table, Clock clock, EventQueue continuations) {
    this.deleter = new CustomerDeleter(table, clock, continuations);
  }

  /** Priming (decision 46): the event's round trip, then a job's requests, each of nothing ({@link CustomerDeleter#prime}). */
  @Override
  protected void prime() {
    super.prime();
    deleter.prime();
  }

  @Override
  protected void process(SqsMessage message) {
    deleter.run(CustomerDeletionJob.Step.parse(message.body()), message.receiveCount());
  }
}
