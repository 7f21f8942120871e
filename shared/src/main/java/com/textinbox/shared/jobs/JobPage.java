package com.textinbox.shared.jobs;

import java.util.List;

/** One page of a bulk assignment's list, read once ({@code JOB#<jobId>#PAGE#<n>}): its ids and where the next page starts. */
public record JobPage(String jobId, int page, List<String> conversationIds, String nextCursor) {
  public JobPage {
    conversationIds = conversationIds == null ? List.of() : List.copyOf(conversationIds);
  }
}
