package com.textinbox.conversations;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.Cursors;
import com.textinbox.shared.assignment.store.AssigneeStore;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.cache.Lazy;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.store.AutoCloseStore;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.jobs.store.JobStore;
import com.textinbox.shared.reports.store.CounterStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.AccountCache;
import com.textinbox.shared.users.store.AccountStore;
import com.textinbox.shared.users.store.TeamStore;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The conversations API (C3, C4, C5, C8): the lists by assignee x status with read / unread /
 * unanswered filters ({@link ListRoutes}), one conversation with its timeline, marking read,
 * closing and reopening ({@link ConversationRoutes}), internal notes with mentions
 * ({@link NoteRoutes}), assigning one conversation ({@link AssignRoutes}), bulk assignment jobs and
 * the company's default assignee ({@link AssignmentJobRoutes}), the company's auto-close setting
 * (C6, {@link AutoCloseRoutes}) and the monthly report's figures (N4, {@link ReportRoutes}: the
 * counters are company data this function already reads the account for). Custom attributes live
 * in CustomersApi (decision 47). Every key starts with the caller's
 * account from the token: another company's conversation is a 404. Free users get 403 (ApiHandler).
 * Wiring: template.yaml, function ConversationsApi; contract: docs/openapi.yaml; events: docs/events.md.
 */
public final class ConversationsApi extends ApiHandler {
  public ConversationsApi() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(),
        sqsQueue(Env.require("NOTIFICATION_EVENTS_QUEUE_URL")), sqsQueue(Env.require("BULK_ASSIGN_QUEUE_URL")),
        Cursors.fromEnvironment());
  }

  /** One SQS client for both queues, built by the first send or by priming: most routes send nothing (decision 69). */
  private static volatile Lazy<SqsClient> sqs;

  private static EventQueue sqsQueue(String url) {
    if (sqs == null) {
      sqs = AwsClients.lazy(SqsClient::builder, "SQS");
    }
    return EventQueue.sqs(sqs, url);
  }

  /**
   * @param notifications the NotificationEventsQueue (mentions, assignments; docs/events.md)
   * @param bulkJobs the BulkAssignQueue (the work of bulk assignment jobs)
   * @param cursors the lists' and the timeline's cursor codec (the stage's key)
   */
  public ConversationsApi(DynamoDbClient dynamoDb, String tableName, Clock clock, EventQueue notifications, EventQueue bulkJobs,
      Cursors cursors) {
    DynamoTable table = new DynamoTable(dynamoDb, tableName);
    ConversationStore conversations = new ConversationStore(table);
    AssigneeStore directory = new AssigneeStore(table);
    AccountStore accounts = new AccountStore(table);
    CustomerStore customers = new CustomerStore(table);
    Summaries summaries = new Summaries(table, conversations, customers, directory, new TeamStore(table));
    Notes notes = new Notes(new UserStore(table), notifications);
    Assignees assignees = new Assignees(table, directory);
    // the company's unansweredAfterHours, kept a minute per warm container (decision 63); the default
    // assignee (a setting the app changes) is read each time
    ListRoutes lists = new ListRoutes(conversations, new AccountCache(accounts, clock), summaries, clock, cursors);
    ConversationRoutes one = new ConversationRoutes(table, conversations, summaries, clock, cursors);
    NoteRoutes noteRoutes = new NoteRoutes(conversations, notes, clock);
    AssignRoutes assign = new AssignRoutes(table, conversations, assignees, notes, notifications, clock);
    AssignmentJobRoutes jobs = new AssignmentJobRoutes(new JobStore(table), accounts, assignees, bulkJobs, clock);
    route("GET", "/conversations", lists::list);
    route("GET", "/conversations/{conversationId}", one::get);
    route("POST", "/conversations/{conversationId}/read", one::markRead);
    route("POST", "/conversations/{conversationId}/close", r -> one.changeStatus(r, Conversation.CLOSED));
    route("POST", "/conversations/{conversationId}/reopen", r -> one.changeStatus(r, Conversation.OPEN));
    route("POST", "/conversations/{conversationId}/notes", noteRoutes::add);
    route("POST", "/conversations/{conversationId}/assign", assign::assign);
    route("POST", "/assignment-jobs", jobs::create);
    route("GET", "/assignment-jobs/{jobId}", jobs::get);
    route("GET", "/settings/default-assignee", jobs::getDefaultAssignee);
    route("PUT", "/settings/default-assignee", jobs::setDefaultAssignee);
    AutoCloseRoutes autoClose = new AutoCloseRoutes(new AutoCloseStore(table), clock);
    route("GET", "/settings/auto-close", autoClose::get);
    route("PUT", "/settings/auto-close", autoClose::put);
    ReportRoutes reports = new ReportRoutes(accounts, new CounterStore(table), clock);
    route("GET", "/reports/monthly", reports::monthly);
  }

  /** SnapStart priming (docs/decisions.md 46): GET /conversations of an account that does not exist (a GetItem and a Query of nothing). */
  @Override
  protected void prime() {
    super.prime();
    primeGet("/conversations");
  }
}
