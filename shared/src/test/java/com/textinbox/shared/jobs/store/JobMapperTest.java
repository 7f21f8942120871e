package com.textinbox.shared.jobs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.JobPage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobMapperTest {
  private static final String T1 = "2026-11-21T14:03:00.120Z";

  @Test
  void everyAttributeComesBack() {
    Job job = new Job("job-1", "bulk-assign", "COMPLETED", Assignee.team("team-1", "Service"), "user-a", T1, T1, T1,
        "list", "all", "open", "unread", 30, true, 30, 20, 8, 2, Set.of("p0c0", "p0c1"), List.of("c1", "c2"), T1,
        null, null, null, 0, null);
    assertEquals(job, JobMapper.fromItem(JobMapper.toItem("acct", job)));
  }

  @Test
  void aNewJobComesBack() {
    Job job = Job.bulkAssign("job-1", Assignee.user("user-b", null), "user-a", T1, 3, null, null, null);
    assertEquals(job, JobMapper.fromItem(JobMapper.toItem("acct", job)));
  }

  @Test
  void aFileJobComesBack() {
    Job job = new Job("job-2", Job.CUSTOMER_EXPORT, "COMPLETED", null, "user-a", T1, T1, T1, null, null, null, null,
        120, true, 120, 0, 0, 0, null, null, T1, "{\"filter\":\"all\"}", "exports/acct/job-2/customers.csv",
        "customers.csv", 4096, null);
    assertEquals(job, JobMapper.fromItem(JobMapper.toItem("acct", job)));
    Job fresh = Job.file("job-3", Job.CONVERSATION_EXPORT, "user-a", T1, "{}");
    assertEquals(fresh, JobMapper.fromItem(JobMapper.toItem("acct", fresh)));
  }

  @Test
  void aPageComesBack() {
    JobPage page = new JobPage("job-1", 2, List.of("c1", "c2"), "cursor");
    assertEquals(page, JobMapper.pageOf(2, JobMapper.pageItem("acct", page)));
    JobPage empty = new JobPage("job-1", 3, List.of(), null);
    assertEquals(empty, JobMapper.pageOf(3, JobMapper.pageItem("acct", empty)));
  }
}
