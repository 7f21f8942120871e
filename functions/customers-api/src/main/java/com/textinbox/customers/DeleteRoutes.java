package com.textinbox.customers;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.jobs.CustomerDeletionJob;
import com.textinbox.shared.jobs.store.CustomerDeletionJobStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DELETE /customers/{customerId} (P5, docs/decisions.md 50): irrecoverable. One transaction deletes
 * the profile (its custom attribute values with it), its mobile's and reference's guards and its
 * conversation items, so the customer leaves every list at once and its next text makes a new
 * profile; the same transaction puts the job that deletes the rest (timelines, read states, the
 * messages' carrier look-ups and search documents, notifications about it), done by the
 * CustomerDeletion function from the CustomerDeletionQueue: 202 with the job. A customer who has
 * no conversation has nothing more: 204, no job.
 *
 * <p>The job's message is sent BEFORE the transaction (docs/decisions.md 65): a deletion committed
 * always has its message, so the job always runs. SQS refusing it is a 503 with nothing deleted (try
 * again), never a customer gone with a job that never starts. A message whose transaction never
 * commits (cancelled three times, a crash in between) names a job that does not exist: the worker
 * lets it come back once, in case it overtook the commit, then drops it.
 */
record DeleteRoutes(DynamoTable table, CustomerStore customers, ConversationStore conversations,
    CustomerDeletionJobStore jobs, EventQueue deletions, Clock clock) {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteRoutes.class);
  private static final int ATTEMPTS = 3;
  /** Conversation items deleted in the profile's transaction (100 items at most, with the profile, 2 guards, the job). */
  static final int CONVERSATIONS_IN_TRANSACTION = 90;
  /**
   * How long SQS hides the job's message, sent before the transaction: it would otherwise often reach
   * the worker before the job is committed (the worker then lets it come back once, a visibility
   * timeout later: the history deleted minutes late). Seconds are nothing to a job the client polls.
   */
  static final int MESSAGE_DELAY_SECONDS = 5;

  ApiResponse delete(ApiRequest request) {
    String accountId = request.caller().accountId();
    // one id for every attempt: its message is sent once, and only one attempt can put the job
    String jobId = "job-" + UUID.randomUUID();
    boolean queued = false;
    for (int attempt = 1; ; attempt++) {
      CustomerProfile profile = Ids.customer(customers, request);
      Set<String> ids = new LinkedHashSet<>();
      if (profile.activeConversationId() != null) {
        ids.add(profile.activeConversationId());   // GSI2 may not list a conversation just opened
      }
      conversations.ofCustomer(accountId, profile.customerId(), ListRoutes.MAX_CONVERSATIONS)
          .forEach(c -> ids.add(c.conversationId()));
      List<String> conversationIds = new ArrayList<>(ids);
      String now = Keys.time(clock.instant());
      CustomerDeletionJob job = conversationIds.isEmpty() ? null : CustomerDeletionJob.requested(jobId,
          profile.customerId(), conversationIds, request.caller().userId(), now);
      List<Write> writes = new ArrayList<>(customers.deleteWrites(accountId, profile));
      List<String> inTransaction = conversationIds.subList(0, Math.min(conversationIds.size(), CONVERSATIONS_IN_TRANSACTION));
      inTransaction.forEach(id -> writes.add(conversations.deleteWrite(accountId, id)));
      if (job != null) {
        writes.add(jobs.createWrite(accountId, job));
      }
      if (job != null && !queued) {
        queue(accountId, jobId);
        queued = true;
      }
      try {
        table.transact(writes);
      } catch (TransactionCancelled changed) {
        // a conversation opened, or the profile deleted, meanwhile: read again (a 404 if gone)
        if (attempt == ATTEMPTS) {
          throw ApiError.conflict("The customer is changing right now (a text is arriving); try again.");
        }
        continue;
      }
      // more than fit in the transaction (never seen: a customer has an active one and a few archived)
      conversationIds.subList(inTransaction.size(), conversationIds.size())
          .forEach(id -> table.transact(conversations.deleteWrite(accountId, id)));
      LOG.info("customer {} deleted by {}: {} conversation(s){}", profile.customerId(), request.caller().userId(),
          conversationIds.size(), job == null ? "" : ", history deleted by job " + job.jobId());
      if (job == null) {
        return ApiResponse.noContent();
      }
      return ApiResponse.accepted(view(job));
    }
  }

  /** The job's message, before anything is deleted: SQS refusing it is a 503 and the customer stays. */
  private void queue(String accountId, String jobId) {
    try {
      deletions.send(jobId, CustomerDeletionJob.STEP_TYPE, CustomerDeletionJob.stepBody(accountId, jobId));
    } catch (RuntimeException notQueued) {
      LOG.error("customer deletion job {} could not be queued, nothing deleted: {}", jobId, notQueued.toString());
      throw new ApiError(503, "unavailable", "The customer could not be deleted right now; nothing was deleted. Try again in a moment.",
          null);
    }
  }

  /** The job as the API shows it (schema CustomerDeletionJob). */
  static Map<String, Object> view(CustomerDeletionJob job) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("jobId", job.jobId());
    view.put("kind", CustomerDeletionJob.KIND);
    view.put("status", job.status());
    view.put("customerId", job.customerId());
    view.put("total", job.total());
    view.put("processed", job.processed());
    view.put("requestedBy", job.requestedBy());
    view.put("createdAt", job.createdAt());
    view.put("updatedAt", job.updatedAt());
    view.put("completedAt", job.completedAt());
    return view;
  }

  /** GET /customer-deletions/{jobId}: a deletion job's progress; another company's is a 404. */
  ApiResponse get(ApiRequest request) {
    String jobId = request.pathParameters().get("jobId");
    CustomerDeletionJob job = Ids.plausible(jobId) ? jobs.find(request.caller().accountId(), jobId).orElse(null) : null;
    if (job == null) {
      throw ApiError.notFound("The customer deletion");
    }
    return ApiResponse.ok(view(job));
  }
}
