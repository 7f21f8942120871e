package com.textinbox.customerdeletion;

import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.jobs.CustomerDeletionJob;
import com.textinbox.shared.jobs.store.CustomerDeletionJobStore;
import com.textinbox.shared.notifications.store.NotificationStore;
import com.textinbox.shared.observability.Priming;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one customer deletion job (P5), irrecoverably: each conversation's partition emptied
 * page by page ({@link ConversationStore#deleteHistory}: timeline, read states, the messages'
 * carrier look-ups, whose REMOVE stream records delete their search documents), then anything left
 * in the customer's own partition and the notification center and digest items about the customer
 * of every user of the company. Each step
 * is recorded done once in the job; a message delivered twice, or a continuation running beside a
 * redelivery, deletes nothing twice (a delete of what is gone changes nothing). When the budget runs
 * out (a number of pages per message) the job queues its own continuation, which resumes at the first step not done.
 */
final class CustomerDeleter {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerDeleter.class);
  /** Items of a partition read and deleted at a time (one Query, then BatchWriteItem by 25). */
  static final int PAGE = 100;
  /** Pages deleted per message: each invocation stays short (a few seconds), a long history takes several messages. */
  static final int PAGES_PER_MESSAGE = 4;
  /**
   * Rounds of priming's reads (decision 70): the first invoke after priming, the bench's sample job,
   * cost about 120 ms CPU after one round, about 90 after 10 and 70 after 30 (its requests compiled).
   */
  static final int PRIMING_ROUNDS = 20;

  private final ConversationStore conversations;
  private final CustomerStore customers;
  private final CustomerDeletionJobStore jobs;
  private final NotificationStore notifications;
  private final UserStore users;
  private final Clock clock;
  private final EventQueue continuations;

  CustomerDeleter(DynamoTable table, Clock clock, EventQueue continuations) {
    this.conversations = new ConversationStore(table);
    this.customers = new CustomerStore(table);
    this.jobs = new CustomerDeletionJobStore(table);
    this.notifications = new NotificationStore(table);
    this.users = new UserStore(table);
    this.clock = clock;
    this.continuations = continuations;
  }

  /** Thrown for a job not there yet at a message's first receive: it may have overtaken the API's transaction. */
  static final class NotCommittedYet extends RuntimeException {
    NotCommittedYet(String jobId) {
      super("customer deletion job " + jobId + " is not there (yet): its message may have overtaken the deletion; tried again later");
    }
  }

  /**
   * @param receiveCount the message's receives: CustomersApi sends the job's first message before the
   *     transaction that puts the job (docs/decisions.md 65), so a job not found at the first receive may
   *     be committing still and the message comes back (after the queue's visibility timeout, minutes
   *     later, when that request has long ended); not found again, the deletion never happened: nothing to do
   */
  void run(CustomerDeletionJob.Step message, int receiveCount) {
    String accountId = message.accountId();
    CustomerDeletionJob job = jobs.find(accountId, message.jobId()).orElse(null);
    if (job == null && receiveCount <= 1) {
      throw new NotCommittedYet(message.jobId());
    }
    if (job == null || job.completed()) {
      LOG.info("customer deletion job {}: {}", message.jobId(), job == null ? "not found, nothing to do" : "completed already");
      return;
    }
    int pages = 0;
    long deleted = 0;
    for (String step = job.nextStep(); step != null; step = job.nextStep()) {
      if (CustomerDeletionJob.NOTIFICATIONS.equals(step)) {
        deleted += customers.deleteRest(accountId, job.customerId());
        for (User user : users.ofAccount(accountId)) {
          deleted += notifications.deleteAbout(accountId, user.userId(), job.customerId(), job.conversationIds());
        }
      } else {
        // page by page until the Query's last page (no Query more to find the partition empty)
        for (boolean more = true; more; ) {
          ConversationStore.HistoryPage page = conversations.deleteHistory(accountId, step, PAGE);
          deleted += page.deleted();
          more = page.more();
          pages++;
          if (more && pages >= PAGES_PER_MESSAGE) {
            continueLater(accountId, job, deleted);
            return;
          }
        }
      }
      jobs.stepDone(accountId, job.jobId(), step, Keys.time(clock.instant()));
      job = job.withStepDone(step);
    }
    if (jobs.complete(accountId, job.jobId(), Keys.time(clock.instant()))) {
      LOG.info("customer deletion job {} completed: customer {}, {} conversation(s), {} item(s) deleted by this run",
          job.jobId(), job.customerId(), job.conversationIds().size(), deleted);
    }
  }

  /**
   * SnapStart priming (decision 46, measured in decision 70): the requests a job's run makes, each
   * of nothing ({@link Priming#KEY}: no job, no conversation, no customer, no user, no
   * notification there): the job's GetItem, a conversation's page Query, the customer's rest, the
   * users' Query and their notification and digest Queries with the filter a run sends. Each finds
   * nothing, so nothing is deleted (no BatchWriteItem is sent for no keys) and nothing is recorded.
   * {@link #PRIMING_ROUNDS} times: a run sends a dozen requests or more, and once each left the
   * SDK's request path to the interpreter (the snapshot keeps what the JIT compiled).
   */
  void prime() {
    String none = Priming.KEY;
    for (int round = 0; round < PRIMING_ROUNDS; round++) {
      jobs.find(none, none);
      conversations.deleteHistory(none, none, PAGE);
      customers.deleteRest(none, none);
      users.ofAccount(none);
      notifications.deleteAbout(none, none, none, List.of(none));
    }
  }

  /** Out of budget: the job's next message, on its own queue (it resumes from the steps recorded done). */
  private void continueLater(String accountId, CustomerDeletionJob job, long deleted) {
    LOG.info("customer deletion job {}: {} item(s) deleted by this run, continuing in a new message", job.jobId(), deleted);
    continuations.send(job.jobId(), CustomerDeletionJob.STEP_TYPE, CustomerDeletionJob.stepBody(accountId, job.jobId()));
  }
}
