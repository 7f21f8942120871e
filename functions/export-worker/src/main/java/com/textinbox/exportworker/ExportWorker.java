package com.textinbox.exportworker;

import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.files.store.FileStore;
import com.textinbox.shared.jobs.FileJobs;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.JobMessage;
import com.textinbox.shared.jobs.store.JobStore;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;

/**
 * The export jobs of the ExportJobsQueue (docs/decisions.md 53): a customer list as CSV or XLSX
 * (P7, {@link CustomerListFile}), a conversation as PDF (C13, {@link ConversationPdfFile}),
 * written to S3 as a stream, then emailed as a link valid 7 days ({@link FileJobs}: once, however
 * often a message is delivered). Wiring: template.yaml, function ExportWorker.
 */
public final class ExportWorker extends SqsBatchHandler {

  private final FileJobs fileJobs;
  private final CustomerStore customers;
  private final ConversationStore conversations;
  private final AccountStore accounts;

  public ExportWorker() {
    this(DynamoTable.fromEnvironment(), FileStore.forEmailedLinks(), EmailSender.fromEnvironment(), Clock.systemUTC());
  }

  public ExportWorker(DynamoTable table, FileStore files, EmailSender email, Clock clock) {
    this.accounts = new AccountStore(table);
    this.customers = new CustomerStore(table);
    this.conversations = new ConversationStore(table);
    this.fileJobs = new FileJobs(new JobStore(table), files, accounts, email, clock);
  }

  @Override
  protected void process(SqsMessage message) throws Exception {
    JobMessage job = JobMessage.parse(message.payload());
    switch (job.kind()) {
      case Job.CUSTOMER_EXPORT -> fileJobs.run(job, (item, m) -> new CustomerListFile(customers, m));
      case Job.CONVERSATION_EXPORT -> fileJobs.run(job, (item, m) -> ConversationPdfFile.prepare(conversations, customers, accounts, m));
      default -> throw new IllegalArgumentException("unknown job kind " + job.kind() + ": left for the DLQ");
    }
  }
}
