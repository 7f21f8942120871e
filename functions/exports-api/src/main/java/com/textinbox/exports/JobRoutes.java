package com.textinbox.exports;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.jobs.JobView;
import com.textinbox.shared.jobs.store.JobStore;

/** GET {@code /jobs/{jobId}}: any job of the caller's company, its status and progress (docs/decisions.md 53). */
record JobRoutes(JobStore jobs) {
  ApiResponse get(ApiRequest request) {
    String jobId = request.pathParameter("jobId");
    if (jobId.length() > 100) {
      throw ApiError.notFound("The job");
    }
    return jobs.find(request.caller().accountId(), jobId)
        .map(job -> ApiResponse.ok(JobView.of(job)))
        .orElseThrow(() -> ApiError.notFound("The job"));
  }
}
