package com.textinbox.shared.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.jobs.store.CustomerDeletionJobMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The steps of a customer deletion (P5): each conversation, then the notifications; each counted once. */
class CustomerDeletionJobTest {
  private final CustomerDeletionJob job = CustomerDeletionJob.requested("job-1", "cust-1", List.of("conv-a", "conv-b"),
      "user-bruno", "2026-11-21T14:03:00.000Z");

  @Test
  void theStepsAreTheConversationsInOrderThenTheNotifications() {
    assertEquals(Job.QUEUED, job.status());
    assertEquals(3, job.total());
    assertEquals(0, job.processed());
    assertEquals("conv-a", job.nextStep());
    CustomerDeletionJob oneDone = job.withStepDone("conv-a");
    assertEquals("conv-b", oneDone.nextStep());
    assertEquals(1, oneDone.processed());
    CustomerDeletionJob conversationsDone = oneDone.withStepDone("conv-b").withStepDone("conv-b");
    assertEquals(CustomerDeletionJob.NOTIFICATIONS, conversationsDone.nextStep());
    assertEquals(2, conversationsDone.processed(), "a step done twice counts once");
    CustomerDeletionJob all = conversationsDone.withStepDone(CustomerDeletionJob.NOTIFICATIONS);
    assertNull(all.nextStep());
    assertEquals(3, all.processed());
    assertEquals(1, CustomerDeletionJob.requested("job-2", "cust-2", List.of(), "u", "t").total(), "the notifications alone");
  }

  @Test
  void theStepMessageNamesOnlyTheJobAndAnythingElseIsRefused() {
    String body = CustomerDeletionJob.stepBody("acct-maple-motors", "job-1");
    assertEquals("{\"type\":\"customer.delete\",\"accountId\":\"acct-maple-motors\",\"jobId\":\"job-1\"}", body);
    assertEquals(new CustomerDeletionJob.Step("acct-maple-motors", "job-1"), CustomerDeletionJob.Step.parse(body));
    assertThrows(IllegalArgumentException.class, () -> CustomerDeletionJob.Step.parse("{\"type\":\"bulk.ids\",\"accountId\":\"a\",\"jobId\":\"j\"}"));
    assertThrows(IllegalArgumentException.class, () -> CustomerDeletionJob.Step.parse("{\"type\":\"customer.delete\",\"jobId\":\"j\"}"));
  }

  @Test
  void theJobItemReadsBackAndOnlyAsACustomerDeletion() {
    CustomerDeletionJob done = job.withStepDone("conv-a");
    assertEquals(done, CustomerDeletionJobMapper.fromItem(CustomerDeletionJobMapper.toItem("acct-maple-motors", done)));
    assertNull(CustomerDeletionJobMapper.fromItem(com.textinbox.shared.jobs.store.JobMapper.toItem("acct-maple-motors",
        Job.bulkAssign("job-9", new com.textinbox.shared.assignment.Assignee("USER", "user-bruno", "Bruno"), "u", "t", 3,
            null, null, null))), "a bulk assignment is not a customer deletion");
  }
}
