package com.textinbox.shared.jobs.store;

import static com.textinbox.shared.jobs.store.JobMapper.*;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.jobs.CustomerDeletionJob;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.store.ConditionFailed;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Write;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every DynamoDB request about customer deletion jobs (P5, docs/decisions.md 50). A step is
 * recorded done once ({@code doneChunks} gains it on condition it lacks it), so {@code processed}
 * counts each step once whatever the redeliveries; the end is recorded once.
 */
public record CustomerDeletionJobStore(DynamoTable table) {
  /** The new job, put in the transaction that deletes the profile (its id is new). */
  public Write createWrite(String accountId, CustomerDeletionJob job) {
    return table.putIfAbsentWrite(CustomerDeletionJobMapper.toItem(accountId, job));
  }

  /** The job as last written; empty when the company has no customer deletion job of that id. */
  public Optional<CustomerDeletionJob> find(String accountId, String jobId) {
    return Optional.ofNullable(CustomerDeletionJobMapper.fromItem(table.getConsistent(Keys.account(accountId), Keys.jobSk(jobId))));
  }

  /** Records {@code step} done (RUNNING), once: false when it was recorded before. */
  public boolean stepDone(String accountId, String jobId, String step, String now) {
    try {
      ItemUpdate.of().add(PROCESSED, 1).add(DONE_CHUNKS, AttributeValue.fromSs(List.of(step)))
          .set(STATUS, Job.RUNNING).set(UPDATED_AT, now)
          .condition("attribute_exists(PK) AND NOT contains(#" + DONE_CHUNKS + ", :step)", ":step", step)
          .apply(table, Keys.account(accountId), Keys.jobSk(jobId));
      return true;
    } catch (ConditionFailed doneBefore) {
      return false;
    }
  }

  /** COMPLETED, once: false when it was already. */
  public boolean complete(String accountId, String jobId, String now) {
    try {
      ItemUpdate.of().set(STATUS, Job.COMPLETED).set(COMPLETED_AT, now).set(UPDATED_AT, now)
          .condition("attribute_exists(PK) AND #" + STATUS + " <> :completed", ":completed", Job.COMPLETED)
          .apply(table, Keys.account(accountId), Keys.jobSk(jobId));
      return true;
    } catch (ConditionFailed completedBefore) {
      return false;
    }
  }
}
