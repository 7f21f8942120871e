package com.textinbox.shared.imports;

/**
 * One run of an import (P4): a dry run (every row's outcome, nothing written) or the import.
 * {@code QUEUED} -> {@code RUNNING} -> {@code COMPLETED} or {@code FAILED} (the file or the mapping
 * could not be used: nothing was written, or the error says from which row on). The counters are
 * of rows whose outcome was committed, in the same transaction as what they wrote.
 *
 * @param mapping the mapping as the request gave it ({@link ImportMapping#toJson()})
 * @param total the file's data rows, known once the worker has read it through (0 before)
 * @param done the rows processed: a worker that stops resumes after them
 * @param reportKey the report file in the bucket: every row's outcome (dry run) or the rejected rows
 */
public record ImportRun(String importId, int run, boolean dryRun, String status, String mapping, String requestedBy,
    String createdAt, long total, long done, long created, long updated, long unchanged, long rejected,
    long possibleDuplicates, String errorCode, String errorMessage, String reportKey, String completedAt) {
  public static final String QUEUED = "QUEUED", RUNNING = "RUNNING", COMPLETED = "COMPLETED", FAILED = "FAILED";

  public static ImportRun queued(String importId, int run, boolean dryRun, String mapping, String requestedBy, String now) {
    return new ImportRun(importId, run, dryRun, QUEUED, mapping, requestedBy, now, 0, 0, 0, 0, 0, 0, 0, null, null, null,
        null);
  }

  public boolean finished() {
    return COMPLETED.equals(status) || FAILED.equals(status);
  }
}
