package com.textinbox.shared.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job as {@code GET /jobs/{jobId}} and the create routes write it (schema {@code Job} of
 * docs/openapi.yaml): kind, status, progress ({@code processed} of {@code total}, final when
 * {@code totalKnown}), the result file's name and size once written, why it failed. The download
 * link travels by email only (docs/decisions.md 53). Empty fields are left out.
 */
public final class JobView {
  private JobView() {}

  public static Map<String, Object> of(Job job) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("jobId", job.jobId());
    view.put("kind", job.kind());
    view.put("status", job.status());
    view.put("processed", job.processed());
    view.put("total", job.total());
    view.put("totalKnown", job.expanded());
    if (job.resultName() != null) {
      view.put("fileName", job.resultName());
      view.put("fileBytes", job.resultBytes());
    }
    view.put("error", job.error());
    view.put("requestedBy", job.requestedBy());
    view.put("createdAt", job.createdAt());
    view.put("updatedAt", job.updatedAt());
    view.put("completedAt", job.completedAt());
    view.put("emailedAt", job.notifiedAt());
    return view;
  }
}
