package com.textinbox.exports;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.jobs.store.JobStore;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * API of file jobs (docs/decisions.md 53): a customer list export (P7), a conversation's PDF (C13),
 * and any job's status and progress ({@code GET /jobs/{jobId}}). Each export is a job item and a
 * message on the ExportJobsQueue; the ExportWorker writes the file to S3 and emails the link. No
 * POI, no PDFBox here: this function stays small. Admins and users; free users get 403. SnapStart
 * priming (decision 46) is the base's: its routes take a path parameter or write, so none is primed.
 * Wiring: template.yaml, function ExportsApi.
 */
public final class ExportsApi extends ApiHandler {
  public ExportsApi() {
    this(DynamoTable.fromEnvironment(),
        EventQueue.sqs(AwsClients.lazy(SqsClient::builder, "SQS"), Env.require("EXPORT_JOBS_QUEUE_URL")),
        Clock.systemUTC());
  }

  public ExportsApi(DynamoTable table, EventQueue exportJobs, Clock clock) {
    JobStore jobs = new JobStore(table);
    ExportRoutes exports = new ExportRoutes(jobs, new ConversationStore(table), exportJobs, clock);
    route("POST", "/customer-exports", exports::customers);
    route("POST", "/conversations/{conversationId}/exports", exports::conversation);
    route("GET", "/jobs/{jobId}", new JobRoutes(jobs)::get);
  }
}
