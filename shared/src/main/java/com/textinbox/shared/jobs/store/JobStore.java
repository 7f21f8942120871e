package com.textinbox.shared.jobs.store;

import static com.textinbox.shared.jobs.store.JobMapper.*;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.JobPage;
import com.textinbox.shared.store.ConditionFailed;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.TransactionCancelled;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every DynamoDB request about jobs and their pages (docs/data-model.md, "Bulk job item"). Each
 * step of a job may run twice and counts once: a page is stored once, a chunk counted once
 * ({@code doneChunks}), the end announced once ({@code notifiedAt}).
 */
public record JobStore(DynamoTable table) {
  /** Stores a new job (its id is new: a clash is a bug, not a retry). */
  public void create(String accountId, Job job) {
    if (!table.putIfAbsent(toItem(accountId, job))) {
      throw new IllegalStateException("job " + job.jobId() + " exists already");
    }
  }

  /** The job as last written; empty when the company has none of that id. */
  public Optional<Job> find(String accountId, String jobId) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.account(accountId), Keys.jobSk(jobId));
    return isJob(item) ? Optional.of(fromItem(item)) : Optional.empty();
  }

  /** Its first step could not be queued: FAILED. */
  public void markFailed(String accountId, String jobId) {
    ItemUpdate.of().set(STATUS, Job.FAILED).apply(table, Keys.account(accountId), Keys.jobSk(jobId));
  }

  /** Page {@code n} of a job's list as stored, if it was. */
  public Optional<JobPage> page(String accountId, String jobId, int n) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.account(accountId), Keys.jobPageSk(jobId, n));
    return item == null ? Optional.empty() : Optional.of(pageOf(n, item));
  }

  /**
   * Stores a page once, in the same transaction that adds its ids to the job's total (and, for the
   * last page, makes the total final); the job is RUNNING. Stored meanwhile by another copy of
   * the step: that page.
   */
  public JobPage storePage(String accountId, JobPage page, String now) {
    ItemUpdate job = ItemUpdate.of().add(TOTAL, page.conversationIds().size()).set(STATUS, Job.RUNNING).set(UPDATED_AT, now)
        .condition("attribute_exists(PK)");
    if (page.nextCursor() == null) {
      job.set(EXPANDED, true);
    }
    try {
      table.transact(table.putIfAbsentWrite(pageItem(accountId, page)),
          job.write(table, Keys.account(accountId), Keys.jobSk(page.jobId())));
      return page;
    } catch (TransactionCancelled cancelled) {
      return page(accountId, page.jobId(), page.page()).orElseThrow(() -> cancelled);
    }
  }

  /** What one chunk did, added to the job's counters once. */
  public record ChunkCount(String chunk, int processed, int assigned, int unchanged, int notFound, List<String> sampleIds) {}

  /**
   * Adds a chunk's counts to the job, once (conditional on the chunk not being in
   * {@code doneChunks}); the job as it is after, or empty when the chunk was counted before.
   */
  public Optional<Job> count(String accountId, String jobId, ChunkCount count, String now) {
    ItemUpdate update = ItemUpdate.of()
        .add(PROCESSED, count.processed()).add(ASSIGNED, count.assigned()).add(UNCHANGED, count.unchanged())
        .add(NOT_FOUND, count.notFound()).add(DONE_CHUNKS, AttributeValue.fromSs(List.of(count.chunk())))
        .set(STATUS, Job.RUNNING).set(UPDATED_AT, now)
        .condition("attribute_exists(PK) AND NOT contains(#" + DONE_CHUNKS + ", :chunkId)", ":chunkId", count.chunk());
    if (!count.sampleIds().isEmpty()) {
      update.setExpression("#" + SAMPLE_IDS + " = if_not_exists(#" + SAMPLE_IDS + ", :sample)",
          ":sample", AttributeValue.fromL(count.sampleIds().stream().map(AttributeValue::fromS).toList()));
    }
    try {
      return Optional.of(fromItem(update.applyReturningNew(table, Keys.account(accountId), Keys.jobSk(jobId))));
    } catch (ConditionFailed countedBefore) {
      return Optional.empty();
    }
  }

  /** COMPLETED and announced, once: false when another step did it first. */
  public boolean complete(String accountId, String jobId, String now) {
    try {
      ItemUpdate.of().set(STATUS, Job.COMPLETED).set(COMPLETED_AT, now).set(NOTIFIED_AT, now).set(UPDATED_AT, now)
          .condition("attribute_not_exists(#" + NOTIFIED_AT + ")")
          .apply(table, Keys.account(accountId), Keys.jobSk(jobId));
      return true;
    } catch (ConditionFailed finishedElsewhere) {
      return false;
    }
  }

  // ------------------------------------------------------------------ file jobs (docs/decisions.md 53)

  /** A file job's worker started or resumed it: RUNNING (unless it ended meanwhile). */
  public void start(String accountId, String jobId, String now) {
    try {
      ItemUpdate.of().set(STATUS, Job.RUNNING).set(UPDATED_AT, now)
          .condition("attribute_exists(PK) AND #" + STATUS + " IN (:queued, :running)", ":queued", Job.QUEUED,
              ":running", Job.RUNNING)
          .apply(table, Keys.account(accountId), Keys.jobSk(jobId));
    } catch (ConditionFailed ended) {
      // another copy finished it: the caller re-reads
    }
  }

  /** How far a file job is (rows or messages written, of how many when known). */
  public void progress(String accountId, String jobId, long processed, long total, boolean totalKnown, String now) {
    try {
      ItemUpdate.of().set(PROCESSED, processed).set(TOTAL, total).set(EXPANDED, totalKnown).set(UPDATED_AT, now)
          .condition("#" + STATUS + " = :running", ":running", Job.RUNNING)
          .apply(table, Keys.account(accountId), Keys.jobSk(jobId));
    } catch (ConditionFailed ended) {
      // finished by another copy: its figures stand
    }
  }

  /** Its result file is written whole: a redelivered job only announces it (the work is done once). */
  public void resultWritten(String accountId, String jobId, String key, String fileName, long bytes, long count, String now) {
    ItemUpdate.of().set(RESULT_KEY, key).set(RESULT_NAME, fileName).set(RESULT_BYTES, bytes).set(PROCESSED, count)
        .set(TOTAL, count).set(EXPANDED, true).set(UPDATED_AT, now)
        .condition("attribute_exists(PK)")
        .apply(table, Keys.account(accountId), Keys.jobSk(jobId));
  }

  /** The announcement could not be sent: the job is RUNNING again, so the retry announces it. */
  public void releaseNotice(String accountId, String jobId, String now) {
    ItemUpdate.of().set(STATUS, Job.RUNNING).set(UPDATED_AT, now).remove(NOTIFIED_AT, COMPLETED_AT)
        .apply(table, Keys.account(accountId), Keys.jobSk(jobId));
  }

  /** A file job whose input can never work (the conversation is gone): FAILED with why, unless it ended. */
  public void fail(String accountId, String jobId, String error, String now) {
    try {
      ItemUpdate.of().set(STATUS, Job.FAILED).set(ERROR, error).set(UPDATED_AT, now).set(COMPLETED_AT, now)
          .condition("attribute_exists(PK) AND #" + STATUS + " <> :completed", ":completed", Job.COMPLETED)
          .apply(table, Keys.account(accountId), Keys.jobSk(jobId));
    } catch (ConditionFailed completed) {
      // done meanwhile by another copy
    }
  }
}
