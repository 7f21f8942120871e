package com.textinbox.shared.jobs.store;

import static com.textinbox.shared.jobs.store.JobMapper.*;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.jobs.CustomerDeletionJob;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.LinkedHashSet;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The job item of a customer deletion ({@code A#<acct>} / {@code JOB#<jobId>}, kind
 * {@code customer-delete}): the common job attributes of {@link JobMapper} ({@code total} and
 * {@code processed} are steps, {@code doneChunks} the steps done), plus the customer and its
 * conversations.
 */
public final class CustomerDeletionJobMapper {
  static final String CUSTOMER_ID = "customerId";

  private CustomerDeletionJobMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, CustomerDeletionJob job) {
    return ItemBuilder.item(Keys.account(accountId), Keys.jobSk(job.jobId()), TYPE)
        .str(KIND, CustomerDeletionJob.KIND).str(JOB_ID, job.jobId()).str(STATUS, job.status())
        .str(CUSTOMER_ID, job.customerId())
        .attr(CONVERSATION_IDS, AttributeValue.fromL(job.conversationIds().stream().map(AttributeValue::fromS).toList()))
        .str(REQUESTED_BY, job.requestedBy()).str(CREATED_AT, job.createdAt()).str(UPDATED_AT, job.updatedAt())
        .str(COMPLETED_AT, job.completedAt()).num(TOTAL, job.total()).num(PROCESSED, job.processed())
        .strSet(DONE_CHUNKS, job.doneSteps())
        .build();
  }

  /** The job of this item; null for an item that is not a customer deletion job. */
  public static CustomerDeletionJob fromItem(Map<String, AttributeValue> item) {
    if (!isJob(item) || !CustomerDeletionJob.KIND.equals(ItemReader.of(item).str(KIND))) {
      return null;
    }
    ItemReader r = ItemReader.of(item);
    return new CustomerDeletionJob(r.str(JOB_ID), r.str(STATUS), r.str(CUSTOMER_ID), r.strList(CONVERSATION_IDS),
        r.str(REQUESTED_BY), r.str(CREATED_AT), r.str(UPDATED_AT), r.str(COMPLETED_AT),
        new LinkedHashSet<>(r.strList(DONE_CHUNKS)));
  }
}
