package com.textinbox.shared.jobs;

import com.textinbox.shared.assignment.Assignee;
import java.util.List;
import java.util.Set;

/**
 * A background job of a company ({@code JOB#<jobId>}); today the bulk assignment (C4), kind
 * {@code bulk-assign}: {@code QUEUED} -> {@code RUNNING} -> {@code COMPLETED} ({@code FAILED} if its
 * first step could not be queued). docs/data-model.md, "Bulk job item".
 *
 * @param selection {@code ids} or {@code list}; a list also {@code listAssignee}, {@code listStatus}, {@code listFilter}
 * @param expanded whether {@code total} is final (a list is read page by page)
 * @param doneChunks the chunks counted (the condition that counts a chunk once)
 * @param sampleIds up to 20 assigned ids, for the notification
 */
public record Job(
    String jobId, String kind, String status, Assignee assignee,
    String requestedBy, String createdAt,
    String updatedAt, String completedAt, String selection, String listAssignee,
    String listStatus, String listFilter, long total,
    boolean expanded, long processed,
    long assigned, long unchanged, long notFound,
    Set<String> doneChunks, List<String> sampleIds,
    String notifiedAt) {

  public static final String BULK_ASSIGN = "bulk-assign", QUEUED = "QUEUED", RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED", FAILED = "FAILED", BY_IDS = "ids";
  public static final String BY_LIST = "list";

  public Job {
    doneChunks = doneChunks == null ? Set.of() : Set.copyOf(doneChunks);
    sampleIds = sampleIds == null ? List.of() : List.copyOf(sampleIds);
  }

  /** A bulk assignment just requested: of {@code total} chosen ids, or (total 0, not expanded) of a list. */
  public static Job bulkAssign(String jobId, Assignee assignee, String requestedBy, String now, Integer idCount,
      String listAssignee, String listStatus, String listFilter) {
    boolean byIds = idCount != null;
    return new Job(jobId, BULK_ASSIGN, QUEUED, assignee, requestedBy, now, now, null, byIds ? BY_IDS : BY_LIST,
        listAssignee, listStatus, listFilter, byIds ? idCount : 0, byIds, 0, 0, 0, 0, null, null, null);
  }

  /** Every chunk counted and the list fully read. */
  public boolean allCounted() {
    return expanded && processed >= total;
  }
}
