package com.textinbox.shared.jobs;

import com.textinbox.shared.assignment.Assignee;
import java.util.List;
import java.util.Set;

/**
 * A background job of a company ({@code JOB#<jobId>}): the bulk assignment (C4), kind
 * {@code bulk-assign}, and the file jobs of the jobs pipeline (docs/decisions.md 53): the customer
 * list export (P7, {@code customer-export}) and the conversation PDF (C13,
 * {@code conversation-export}). {@code QUEUED} -> {@code RUNNING} -> {@code COMPLETED}
 * ({@code FAILED} if its first step could not be queued, or a file job's input can never work).
 * docs/data-model.md, "Job item".
 *
 * @param selection {@code ids} or {@code list}; a list also {@code listAssignee}, {@code listStatus}, {@code listFilter}
 * @param expanded whether {@code total} is final (a list is read page by page)
 * @param doneChunks the chunks counted (the condition that counts a chunk once)
 * @param sampleIds up to 20 assigned ids, for the notification
 * @param notifiedAt when its end was announced (the bulk notification event, a file job's email): once
 * @param params a file job's request as JSON (filter, dates, format; conversation, dates, internal)
 * @param resultKey a file job's result file in the files bucket, once written whole
 * @param resultName the result's file name, as the download gives it
 * @param resultBytes the result's size
 * @param error why a file job FAILED, in words a person can act on
 */
public record Job(
    String jobId, String kind, String status, Assignee assignee,
    String requestedBy, String createdAt,
    String updatedAt, String completedAt, String selection, String listAssignee,
    String listStatus, String listFilter, long total,
    boolean expanded, long processed,
    long assigned, long unchanged, long notFound,
    Set<String> doneChunks, List<String> sampleIds,
    String notifiedAt, String params, String resultKey, String resultName, long resultBytes, String error) {

  public static final String BULK_ASSIGN = "bulk-assign", QUEUED = "QUEUED", RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED", FAILED = "FAILED", BY_IDS = "ids";
  public static final String BY_LIST = "list";
  /** The file jobs of the jobs pipeline (docs/decisions.md 53). */
  public static final String CUSTOMER_EXPORT = "customer-export", CONVERSATION_EXPORT = "conversation-export";

  public Job {
    doneChunks = doneChunks == null ? Set.of() : Set.copyOf(doneChunks);
    sampleIds = sampleIds == null ? List.of() : List.copyOf(sampleIds);
  }

  /** A bulk assignment just requested: of {@code total} chosen ids, or (total 0, not expanded) of a list. */
  public static Job bulkAssign(String jobId, Assignee assignee, String requestedBy, String now, Integer idCount,
      String listAssignee, String listStatus, String listFilter) {
    boolean byIds = idCount != null;
    return new Job(jobId, BULK_ASSIGN, QUEUED, assignee, requestedBy, now, now, null, byIds ? BY_IDS : BY_LIST,
        listAssignee, listStatus, listFilter, byIds ? idCount : 0, byIds, 0, 0, 0, 0, null, null, null, null, null,
        null, 0, null);
  }

  /** A file job just requested (an export, an import): {@code params} is its request as JSON. */
  public static Job file(String jobId, String kind, String requestedBy, String now, String params) {
    return new Job(jobId, kind, QUEUED, null, requestedBy, now, now, null, null, null, null, null, 0, false, 0, 0, 0,
        0, null, null, null, params, null, null, 0, null);
  }

  /** Its result file is written whole (a redelivered job then only announces it). */
  public boolean resultWritten() {
    return resultKey != null;
  }

  /** Every chunk counted and the list fully read. */
  public boolean allCounted() {
    return expanded && processed >= total;
  }
}
