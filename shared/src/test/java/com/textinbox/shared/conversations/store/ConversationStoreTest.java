package com.textinbox.shared.conversations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.conversations.ComplianceEvent;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.MessageActivity;
import com.textinbox.shared.conversations.ReadState;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.PhoneGuard;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.JobPage;
import com.textinbox.shared.jobs.store.JobStore;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Page;
import com.textinbox.shared.store.TransactionCancelled;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stores' writes against DynamoDB Local: the expressions and conditions are the real ones. */
class ConversationStoreTest {
  private static final String A = "acct-1";
  private static final String T0 = "2026-11-21T14:00:00.000Z";
  private static final String T1 = "2026-11-21T14:03:00.120Z";
  private static final String T2 = "2026-11-21T15:00:00.000Z";
  private static final String T3 = "2026-11-21T15:10:00.000Z";
  private static DynamoDbLocalServer local;
  private static DynamoTable table;
  private static ConversationStore conversations;
  private static CustomerStore customers;
  private static MessageStore messages;
  private static JobStore jobs;

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("inbox");
    table = new DynamoTable(local.client(), "inbox");
    conversations = new ConversationStore(table);
    customers = new CustomerStore(table);
    messages = new MessageStore(table);
    jobs = new JobStore(table);
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @Test
  void aFirstTextCreatesProfileGuardAndConversationOnce() {
    CustomerProfile profile = CustomerProfile.fromFirstText("cust-1", "+15145550111", T0, "inbound-sms", "conv-1");
    Conversation conversation = Conversation.opened("conv-1", "cust-1", T0, T0, null, "carrier-1");
    table.transact(customers.phoneGuardWrite(A, new PhoneGuard("+15145550111", "cust-1")),
        customers.createWrite(A, profile), conversations.createWrite(A, conversation));
    assertEquals("cust-1", customers.phoneGuard(A, "+15145550111").orElseThrow().customerId());
    assertEquals(profile, customers.find(A, "cust-1").orElseThrow());
    assertEquals(conversation, conversations.find(A, "conv-1").orElseThrow());
    TransactionCancelled lost = assertThrows(TransactionCancelled.class, () -> table.transact(
        customers.phoneGuardWrite(A, new PhoneGuard("+15145550111", "cust-2")),
        customers.createWrite(A, CustomerProfile.fromFirstText("cust-2", "+15145550111", T0, "inbound-sms", "conv-2"))));
    assertTrue(lost.conditionFailedAt(0));
    assertTrue(conversations.find(A, "nope").isEmpty());
  }

  @Test
  void messagesMoveTheActivityForwardReopenAndAnswer() {
    Conversation opened = Conversation.opened("conv-2", "cust-9", T0, T0, "user-a", null);
    table.transact(conversations.createWrite(A, opened),
        customers.createWrite(A, CustomerProfile.fromFirstText("cust-9", "+19", T0, "user-a", "conv-2")));
    table.transact(conversations.assignWrite(A, opened, Assignee.user("user-b", null), T0, "user-a", "asg-1", null),
        conversations.appendWrite(A, "conv-2", new ConversationEvent("asg-1", T0, "assigned", "conv-2", "user-a", null, T0,
            Assignee.user("user-b", "Bruno"), null, null, null, null, null, null)));
    Conversation assigned = conversations.find(A, "conv-2").orElseThrow();
    assertEquals(Assignee.user("user-b", null), assigned.assignee());
    // closed by a user
    table.transact(conversations.statusWrite(A, assigned, Conversation.CLOSED, T0, "user-a"),
        conversations.appendWrite(A, "conv-2", ConversationEvent.statusChange("evt-1", T0, "closed", "user-a")));
    Conversation closed = conversations.find(A, "conv-2").orElseThrow();
    assertEquals("CLOSED", closed.status());
    // a customer's text reopens it and leaves it unanswered
    Message in = Message.inbound("msg-1", T1, "conv-2", "cust-9", "hello", "+1", "+2", "carrier-9", null, T1);
    table.transact(conversations.appendWrite(A, "conv-2", in),
        conversations.messageActivityWrite(A, closed, MessageActivity.inbound("msg-1", T1, "hello", T1, true, 1)));
    Conversation reopened = conversations.find(A, "conv-2").orElseThrow();
    assertEquals("OPEN", reopened.status());
    assertEquals(T1, reopened.lastInboundAt());
    assertEquals(T1, reopened.unansweredSince());
    assertEquals(1, reopened.messageCount());
    ConversationStore.ListPage mine = conversations.list(ConversationStore.byAssignee(A, "USER", "user-b", "OPEN"), null, 10);
    assertEquals(List.of("conv-2"), mine.conversations().stream().map(Conversation::conversationId).toList());
    // the same write again: the conversation moved on, the condition fails
    assertThrows(TransactionCancelled.class, () -> table.transact(
        conversations.messageActivityWrite(A, closed, MessageActivity.inbound("msg-1", T1, "hello", T1, true, 1))));
    // an answer
    Message out = Message.queued("msg-2", T2, "conv-2", "cust-9", "hi", "Bruno: hi", 1, "GSM7",
        new Message.Source("user", "user-b"), "user-b", "Bruno", true, null, null, null, Keys.queuedSmsDue(T2, "msg-2"));
    table.transact(conversations.appendWrite(A, "conv-2", out),
        conversations.messageActivityWrite(A, reopened, MessageActivity.outbound("msg-2", T2, "hi", "user-b")),
        customers.stopNoticeWrite(A, "cust-9", T2));
    Conversation answered = conversations.find(A, "conv-2").orElseThrow();
    assertNull(answered.unansweredSince());
    assertEquals("user-b", answered.awayReplyUserId());
    assertEquals(2, answered.messageCount());
    assertEquals("OUTBOUND", answered.lastMessageDirection());

    Page<TimelineEntry> first = conversations.timeline(A, "conv-2", null, 2);
    assertEquals(List.of("msg-2", "msg-1"), first.items().stream().map(TimelineEntry::id).toList());
    Page<TimelineEntry> second = conversations.timeline(A, "conv-2", first.nextCursor(), 5);
    assertEquals(2, second.items().size());
    assertNull(second.nextCursor());

    // the sender's lease, SENT, a receipt
    assertEquals(1, messages.queuedDue("2026-11-21T16:00:00.000Z").size());
    MessageStore.Claim claim = messages.claim(A, "conv-2", out.sk(), "msg-2", T2, "2026-11-21T15:01:00.000Z");
    assertNotNull(claim.leased());
    MessageStore.Claim again = messages.claim(A, "conv-2", out.sk(), "msg-2", T2, "2026-11-21T15:01:00.000Z");
    assertNull(again.leased());
    assertEquals("QUEUED", again.current().status());
    table.transact(messages.sentWrites(A, claim.leased(), T2, "carrier-out", "+2", "+1"));
    assertTrue(messages.queuedDue("2026-11-21T16:00:00.000Z").isEmpty());
    assertEquals(out.sk(), messages.byCarrierId("carrier-out").timelineSk());
    assertTrue(messages.receipt(A, "conv-2", out.sk(), new MessageStore.Receipt("DELIVERED", T2, "TEXT_DELIVERED", null, null, null, null)));
    assertFalse(messages.receipt(A, "conv-2", out.sk(), new MessageStore.Receipt("FAILED", T2, "TEXT_SPAM", null, null, "blocked", "x")));
    assertEquals("DELIVERED", messages.find(A, "conv-2", out.sk()).orElseThrow().status());
  }

  @Test
  void aKeywordReplyFailsWithItsComplianceEntry() {
    table.transact(conversations.createWrite(A, Conversation.opened("conv-3", "cust-3", T0, T0, null, "c3")));
    ComplianceEvent entry = new ComplianceEvent("msg-3-compliance", T1, "unsubscribed", "STOP", "en", "msg-3", "cust-3", T1,
        "PENDING", "msg-4", null, null, null);
    Message reply = Message.queued("msg-4", T1, "conv-3", "cust-3", "bye", "bye", 1, "GSM7",
        new Message.Source("automation", "keyword-reply:stop"), null, null, false, "STOP", entry.sk(), "msg-3",
        Keys.queuedSmsDue(T2, "msg-4"));
    table.transact(conversations.appendWrite(A, "conv-3", entry), conversations.appendWrite(A, "conv-3", reply));
    MessageStore.Due due = messages.queuedDue("2026-11-21T16:00:00.000Z").stream()
        .filter(d -> d.message().id().equals("msg-4")).findFirst().orElseThrow();
    assertEquals(A, due.accountId());
    assertTrue(messages.requeue(A, due.message(), T2, Keys.queuedSmsDue("2026-11-21T15:05:00.000Z", "msg-4")));
    assertFalse(messages.requeue(A, due.message(), T2, Keys.queuedSmsDue("2026-11-21T15:05:00.000Z", "msg-4")),
        "re-enqueued once");
    assertTrue(messages.apply(messages.failureWrites(A, reply, "expired", "too late", T2, T2)));
    assertFalse(messages.apply(messages.failureWrites(A, reply, "expired", "too late", T2, T2)));
    List<TimelineEntry> timeline = conversations.timeline(A, "conv-3", null, 10).items();
    ComplianceEvent marked = (ComplianceEvent) timeline.stream().filter(e -> e instanceof ComplianceEvent).findFirst().orElseThrow();
    assertEquals("FAILED", marked.reply());
    assertEquals("expired", marked.replyFailureReason());
  }

  @Test
  void subscriptionAndActiveConversation() {
    table.transact(customers.createWrite(A, CustomerProfile.fromFirstText("cust-5", "+15", T0, "inbound-sms", null)));
    table.transact(conversations.createWrite(A, Conversation.opened("conv-5", "cust-5", T0, T0, "user-a", null)),
        customers.activeConversationWrite(A, "cust-5", "conv-5"));
    assertThrows(TransactionCancelled.class, () -> table.transact(customers.activeConversationWrite(A, "cust-5", "conv-6")));
    table.transact(customers.unsubscribeWrite(A, "cust-5", T1));
    CustomerProfile stopped = customers.find(A, "cust-5").orElseThrow();
    assertFalse(stopped.subscribed());
    assertEquals("conv-5", stopped.activeConversationId());
    table.transact(customers.resubscribeWrite(A, "cust-5", T2));
    CustomerProfile started = customers.find(A, "cust-5").orElseThrow();
    assertTrue(started.subscribed());
    assertNull(started.unsubscribedAt());

    BatchRead batch = BatchRead.of(table);
    BatchRead.Slot<CustomerProfile> profile = customers.find(batch, A, "cust-5");
    BatchRead.Slot<Conversation> conversation = conversations.find(batch, A, "conv-5");
    BatchRead.Slot<ReadState> read = conversations.readState(batch, A, "conv-5", "user-a");
    batch.run();
    assertEquals("cust-5", profile.get().customerId());
    assertEquals("conv-5", conversation.get().conversationId());
    assertNull(read.get());
    conversations.markRead(A, new ReadState("conv-5", "user-a", T2));
    BatchRead later = BatchRead.of(table);
    BatchRead.Slot<ReadState> readNow = conversations.readState(later, A, "conv-5", "user-a");
    later.run();
    assertEquals(T2, readNow.get().readAt());
  }

  /**
   * C14 (docs/decisions.md 49): a text the carrier sent before the conversation's last activity
   * (texts arrive out of order) leaves the activity where it was, yet every write conditional on
   * the conversation as read before it must fail: else a merge archives a conversation holding a
   * text it never saw, and Assignment notifies nobody of it.
   */
  @Test
  void aTextOlderThanTheLastActivityFailsEveryWriteThatReadTheConversationBeforeIt() {
    table.transact(conversations.createWrite(A, Conversation.opened("conv-7", "cust-7", T0, T0, null, "carrier-7")));
    text("conv-7", "msg-7a", T2, conversations.find(A, "conv-7").orElseThrow());
    Conversation seen = conversations.find(A, "conv-7").orElseThrow();
    // stored after that read, sent before the last activity
    text("conv-7", "msg-7b", T1, seen);
    Conversation now = conversations.find(A, "conv-7").orElseThrow();
    assertEquals(T2, now.lastActivityAt(), "the activity never moves back");
    assertEquals(2, now.messageCount());
    assertThrows(TransactionCancelled.class, () -> table.transact(conversations.archiveWrite(A, seen, "cust-8", T3)),
        "the merge reads again");
    assertThrows(TransactionCancelled.class, () -> table.transact(conversations.moveWrite(A, seen, "cust-8", T3)));
    assertThrows(TransactionCancelled.class, () -> table.transact(conversations.autoCloseWrite(A, seen, T3, true)));
    assertThrows(TransactionCancelled.class, () -> table.transact(
        conversations.assignWrite(A, seen, Assignee.user("user-b", null), T3, "user-a", "asg-7", null)));
    assertThrows(TransactionCancelled.class, () -> text("conv-7", "msg-7c", T0, seen), "another text reads again too");
    // read again, the merge archives it with both texts in it
    table.transact(conversations.archiveWrite(A, now, "cust-8", T3));
    Conversation archived = conversations.find(A, "conv-7").orElseThrow();
    assertEquals(Conversation.ARCHIVED, archived.status());
    assertEquals("cust-8", archived.customerId());
    assertEquals(2, archived.messageCount());
  }

  /** The same for a conversation last written before the counter existed (no version attribute). */
  @Test
  void aConversationWrittenBeforeTheCounterIsConditionedOnItsAbsence() {
    // as a deployed table holds it: active at T2, one message, no version
    Conversation old = new Conversation("conv-9", "cust-9b", Conversation.OPEN, T0, null, "carrier-9", T2, "msg-9a", "hi",
        Message.INBOUND, T2, null, 1, T2, null, null, null, null, null, null, null, null, null, null, null, 0);
    table.transact(conversations.createWrite(A, old));
    Conversation seen = conversations.find(A, "conv-9").orElseThrow();
    assertEquals(0, seen.version());
    text("conv-9", "msg-9b", T1, seen);
    assertEquals(T2, conversations.find(A, "conv-9").orElseThrow().lastActivityAt());
    assertThrows(TransactionCancelled.class, () -> table.transact(conversations.archiveWrite(A, seen, "cust-8", T3)));
    // untouched since read, the merge's condition holds
    table.transact(conversations.createWrite(A, new Conversation("conv-10", "cust-9b", Conversation.OPEN, T0, null, null,
        T2, null, null, null, null, null, 0, null, null, null, null, null, null, null, null, null, null, null, null, 0)));
    table.transact(conversations.moveWrite(A, conversations.find(A, "conv-10").orElseThrow(), "cust-8", T3));
    Conversation moved = conversations.find(A, "conv-10").orElseThrow();
    assertEquals("cust-8", moved.customerId());
    assertEquals(1, moved.version(), "every update counts");
  }

  /** A customer's text stored with its effect on the conversation as read. */
  private static void text(String conversationId, String messageId, String at, Conversation seen) {
    table.transact(conversations.appendWrite(A, conversationId, Message.inbound(messageId, at, conversationId,
            seen.customerId(), "text " + messageId, "+1", "+2", "carrier-" + messageId, null, at)),
        conversations.messageActivityWrite(A, seen, MessageActivity.inbound(messageId, at, "text " + messageId, null, true, 1)));
  }

  @Test
  void aBulkJobCountsEachChunkOnce() {
    Job job = Job.bulkAssign("job-1", Assignee.team("team-1", "Service"), "user-a", T0, null, "all", "open", null);
    jobs.create(A, job);
    assertEquals(job, jobs.find(A, "job-1").orElseThrow());
    JobPage page = jobs.storePage(A, new JobPage("job-1", 0, List.of("c1", "c2"), null), T1);
    assertEquals(page, jobs.storePage(A, new JobPage("job-1", 0, List.of("other"), null), T1), "stored once");
    Job counted = jobs.count(A, "job-1", new JobStore.ChunkCount("p0c0", 2, 1, 1, 0, List.of("c1")), T1).orElseThrow();
    assertEquals(2, counted.total());
    assertTrue(counted.allCounted());
    assertTrue(jobs.count(A, "job-1", new JobStore.ChunkCount("p0c0", 2, 1, 1, 0, List.of("c1")), T1).isEmpty());
    assertTrue(jobs.complete(A, "job-1", T2));
    assertFalse(jobs.complete(A, "job-1", T2));
    assertEquals("COMPLETED", jobs.find(A, "job-1").orElseThrow().status());
  }
}
