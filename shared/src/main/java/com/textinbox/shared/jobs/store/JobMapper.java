package com.textinbox.shared.jobs.store;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.JobPage;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.LinkedHashSet;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The job item ({@code A#<acct>} / {@code JOB#<jobId>}) and the pages of a bulk assignment's list
 * ({@code JOB#<jobId>#PAGE#<n>}): the one place their attribute names are spelled.
 */
public final class JobMapper {
  static final String TYPE = "Job";
  static final String PAGE_TYPE = "JobPage";

  static final String JOB_ID = "jobId", KIND = "kind", STATUS = "status", ASSIGNEE_KIND = "assigneeKind";
  static final String ASSIGNEE_ID = "assigneeId", ASSIGNEE_NAME = "assigneeName", REQUESTED_BY = "requestedBy";
  static final String CREATED_AT = "createdAt", UPDATED_AT = "updatedAt";
  static final String COMPLETED_AT = "completedAt", SELECTION = "selection", LIST_ASSIGNEE = "listAssignee";
  static final String LIST_STATUS = "listStatus", LIST_FILTER = "listFilter";
  static final String TOTAL = "total", EXPANDED = "expanded", PROCESSED = "processed", ASSIGNED = "assigned";
  static final String UNCHANGED = "unchanged", NOT_FOUND = "notFound", DONE_CHUNKS = "doneChunks";
  static final String SAMPLE_IDS = "sampleIds", NOTIFIED_AT = "notifiedAt", CONVERSATION_IDS = "conversationIds";
  static final String NEXT_CURSOR = "nextCursor", PARAMS = "params", RESULT_KEY = "resultKey";
  static final String RESULT_NAME = "resultName", RESULT_BYTES = "resultBytes", ERROR = "error";

  private JobMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, Job job) {
    ItemBuilder item = ItemBuilder.item(Keys.account(accountId), Keys.jobSk(job.jobId()), TYPE)
        .str(KIND, job.kind())
        .str(JOB_ID, job.jobId())
        .str(STATUS, job.status());
    if (job.assignee() != null) {
      item.str(ASSIGNEE_KIND, job.assignee().kind()).str(ASSIGNEE_ID, job.assignee().id()).str(ASSIGNEE_NAME, job.assignee().name());
    }
    return item.str(REQUESTED_BY, job.requestedBy())
        .str(CREATED_AT, job.createdAt()).str(UPDATED_AT, job.updatedAt()).str(COMPLETED_AT, job.completedAt())
        .str(SELECTION, job.selection()).str(LIST_ASSIGNEE, job.listAssignee())
        .str(LIST_STATUS, job.listStatus()).str(LIST_FILTER, job.listFilter()).num(TOTAL, job.total())
        .bool(EXPANDED, job.expanded()).num(PROCESSED, job.processed())
        .num(ASSIGNED, job.assigned()).num(UNCHANGED, job.unchanged()).num(NOT_FOUND, job.notFound())
        .strSet(DONE_CHUNKS, job.doneChunks()).strList(SAMPLE_IDS, job.sampleIds())
        .str(NOTIFIED_AT, job.notifiedAt()).str(PARAMS, job.params()).str(RESULT_KEY, job.resultKey())
        .str(RESULT_NAME, job.resultName()).num(RESULT_BYTES, job.resultBytes()).str(ERROR, job.error())
        .build();
  }

  public static Job fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    Assignee assignee = r.str(ASSIGNEE_KIND) == null || r.str(ASSIGNEE_ID) == null ? null
        : new Assignee(r.str(ASSIGNEE_KIND), r.str(ASSIGNEE_ID), r.str(ASSIGNEE_NAME));
    return new Job(r.str(JOB_ID), r.str(KIND), r.str(STATUS), assignee, r.str(REQUESTED_BY), r.str(CREATED_AT),
        r.str(UPDATED_AT), r.str(COMPLETED_AT), r.str(SELECTION), r.str(LIST_ASSIGNEE), r.str(LIST_STATUS),
        r.str(LIST_FILTER), r.num(TOTAL, 0), r.bool(EXPANDED), r.num(PROCESSED, 0), r.num(ASSIGNED, 0),
        r.num(UNCHANGED, 0), r.num(NOT_FOUND, 0), new LinkedHashSet<>(r.strList(DONE_CHUNKS)), r.strList(SAMPLE_IDS),
        r.str(NOTIFIED_AT), r.str(PARAMS), r.str(RESULT_KEY), r.str(RESULT_NAME), r.num(RESULT_BYTES, 0), r.str(ERROR));
  }

  static boolean isJob(Map<String, AttributeValue> item) {
    return item != null && TYPE.equals(ItemReader.of(item).type());
  }

  public static Map<String, AttributeValue> pageItem(String accountId, JobPage page) {
    return ItemBuilder.item(Keys.account(accountId), Keys.jobPageSk(page.jobId(), page.page()), PAGE_TYPE)
        .str(JOB_ID, page.jobId())
        .attr(CONVERSATION_IDS, AttributeValue.fromL(page.conversationIds().stream().map(AttributeValue::fromS).toList()))
        .str(NEXT_CURSOR, page.nextCursor())
        .build();
  }

  public static JobPage pageOf(int page, Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new JobPage(r.str(JOB_ID), page, r.strList(CONVERSATION_IDS), r.str(NEXT_CURSOR));
  }
}
