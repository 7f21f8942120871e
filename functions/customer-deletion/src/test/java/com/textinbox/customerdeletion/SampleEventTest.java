package com.textinbox.customerdeletion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.jobs.CustomerDeletionJob;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.store.CustomerDeletionJobStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * events/customer-deletion/sqs-deletion-step.json through the real handler, against DynamoDB Local:
 * a deleted customer's long history (450 timeline items, read states, carrier look-ups,
 * notifications) is gone after the job, over several messages, and a redelivery changes nothing.
 */
class SampleEventTest {
  private static final String TABLE = "customer-deletion-sample";
  private static final String MAPLE = "acct-maple-motors";
  private static final String JOB = "job-demo-delete-karim";
  private static final String KARIM = "cust-karim";
  private static final List<String> CONVERSATIONS = List.of("conv-demo-karim", "conv-karim-archived");
  private static final DynamoDbLocalServer LOCAL = DynamoDbLocalServer.start();
  private static final DynamoTable table = inbox();
  private static final List<EventQueue.Sent> CONTINUATIONS = new CopyOnWriteArrayList<>();

  private static DynamoTable inbox() {
    LOCAL.createInboxTable(TABLE);
    return new DynamoTable(LOCAL.client(), TABLE);
  }

  @BeforeAll
  static void aDeletedCustomerWithALongHistory() {
    put(Keys.account(MAPLE), Keys.userSk("user-bruno"), "User", "name", "Bruno Tremblay", "role", "user");
    String active = Keys.conversation(MAPLE, CONVERSATIONS.get(0));
    for (int i = 0; i < 450; i++) {
      String at = Keys.time(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i));
      boolean inbound = i % 2 == 0;
      put(active, Keys.timelineSk(at, "msg-" + i), "Message", "direction", inbound ? "INBOUND" : "OUTBOUND",
          "body", "text " + i, "carrierMessageId", "carrier-" + i);
      if (inbound) {
        put(Keys.inboundCarrierMessage(MAPLE, "carrier-" + i), Keys.INBOUND_SK, "InboundSms", "body", "text " + i);
      } else {
        put(Keys.outboundCarrierMessage("carrier-" + i), Keys.OUTBOUND_CARRIER_SK, "CarrierMessage");
      }
    }
    put(active, Keys.readSk("user-bruno"), "ReadState", "readAt", "2026-11-02T00:00:00.000Z");
    put(Keys.conversation(MAPLE, CONVERSATIONS.get(1)), Keys.timelineSk("2026-10-01T00:00:00.000Z", "note-1"), "Note",
        "text", "an old note");
    String center = Keys.notificationsOf(MAPLE, "user-bruno");
    put(center, Keys.notificationSk("2026-11-02T00:00:00.000Z", "n1"), "Notification",
        "customerId", KARIM, "conversationId", CONVERSATIONS.get(0), "body", "text 448");
    put(center, Keys.notificationSk("2026-11-02T00:00:01.000Z", "n2"), "Notification",
        "customerId", "cust-john", "conversationId", "conv-demo-john", "body", "John's");
    put(Keys.digestOf(MAPLE, "user-bruno"), "2026-11-02T00:00:00.000Z#n1", "DigestItem",
        "linkPath", "/conversations/" + CONVERSATIONS.get(0));
    put(Keys.customer(MAPLE, KARIM), "MERGE#2026-11-01T00:00:00.000Z", "MergeLog", "note", "kept beside the profile");
    table.transact(new CustomerDeletionJobStore(table).createWrite(MAPLE,
        CustomerDeletionJob.requested(JOB, KARIM, CONVERSATIONS, "user-bruno", "2026-11-21T14:03:00.000Z")));
  }

  @AfterAll
  static void stop() throws Exception {
    LOCAL.close();
  }

  private static SortedMap<String, Integer> deliver() {
    return RequestCounter.during(() -> {
      JsonNode response = SampleEvents.invoke(new CustomerDeletionHandler(table,
          Clock.fixed(Instant.parse("2026-11-21T14:04:00Z"), ZoneOffset.UTC), EventQueue.into(CONTINUATIONS)),
          "customer-deletion/sqs-deletion-step.json");
      assertTrue(response.path("batchItemFailures").isEmpty(), response.toString());
    });
  }

  @Test
  void theHistoryIsGoneAfterTheJobOverSeveralMessagesAndARedeliveryChangesNothing() {
    SortedMap<String, Integer> first = deliver();
    System.out.println("DynamoDB requests, first message (4 pages of 100): " + first);
    assertEquals(1, CONTINUATIONS.size(), "a long history continues in a new message");
    assertEquals(CustomerDeletionJob.stepBody(MAPLE, JOB), CONTINUATIONS.get(0).json());
    assertEquals(4, first.get("DynamoDb.Query"), first.toString());
    assertEquals(Job.QUEUED, job().status(), "no step finished yet");

    // the continuation: the rest of the first conversation, the second, the notifications; each
    // partition's last page ends its step, with no Query more to find it empty (decision 70)
    SortedMap<String, Integer> second = deliver();
    System.out.println("DynamoDB requests, the continuation: " + second);
    assertEquals(6, second.get("DynamoDb.Query"), "a page of each conversation (2), the customer's rest, the users, "
        + "Bruno's notifications and digest (was 9: each partition's empty Query): " + second);
    assertEquals(1, CONTINUATIONS.size(), "done within this message");
    CustomerDeletionJob done = job();
    assertEquals(Job.COMPLETED, done.status());
    assertEquals(3, done.total());
    assertEquals(3, done.processed());
    for (String conversationId : CONVERSATIONS) {
      assertEquals(0, count(Keys.conversation(MAPLE, conversationId)), conversationId + " is empty");
    }
    for (int i = 0; i < 450; i++) {
      assertNull(i % 2 == 0 ? get(Keys.inboundCarrierMessage(MAPLE, "carrier-" + i), Keys.INBOUND_SK)
          : get(Keys.outboundCarrierMessage("carrier-" + i), Keys.OUTBOUND_CARRIER_SK), "carrier look-up " + i);
    }
    assertEquals(1, count(Keys.notificationsOf(MAPLE, "user-bruno")), "only John's notification is left");
    assertNotNull(get(Keys.notificationsOf(MAPLE, "user-bruno"), Keys.notificationSk("2026-11-02T00:00:01.000Z", "n2")));
    assertEquals(0, count(Keys.digestOf(MAPLE, "user-bruno")));
    assertEquals(0, count(Keys.customer(MAPLE, KARIM)), "nothing left in the customer's own partition");

    SortedMap<String, Integer> again = deliver();
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1), again, "a redelivery reads the job and stops");
    assertEquals(1, CONTINUATIONS.size());
  }

  /**
   * CustomersApi sends a job's message before the transaction that puts the job (docs/decisions.md 65):
   * a job not there at the first receive may be committing still, so the message comes back; not there
   * at the next, the deletion never happened (cancelled, or the request died): dropped, nothing done.
   */
  @Test
  void aMessageForAJobNotThereComesBackOnceThenIsDropped() {
    CustomerDeleter deleter = new CustomerDeleter(table, Clock.fixed(Instant.parse("2026-11-21T14:04:00Z"), ZoneOffset.UTC),
        (eventId, type, json) -> {
          throw new AssertionError("no continuation for a job that does not exist");
        });
    CustomerDeletionJob.Step step = new CustomerDeletionJob.Step(MAPLE, "job-never-committed");
    org.junit.jupiter.api.Assertions.assertThrows(CustomerDeleter.NotCommittedYet.class, () -> deleter.run(step, 1));
    SortedMap<String, Integer> second = RequestCounter.during(() -> deleter.run(step, 2));
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1), second, "read once, then dropped");
    assertTrue(new CustomerDeletionJobStore(table).find(MAPLE, "job-never-committed").isEmpty());
  }

  /**
   * SnapStart priming (decision 46): a job's requests, each of nothing (decision 70): reads only,
   * every one a run sends (the job's GetItem, the Queries of a conversation, the customer, the users
   * and their notifications), nothing deleted, no continuation, the sample's items untouched.
   */
  @Test
  void primingOnlyReadsWhatARunReads() {
    int items = count(Keys.notificationsOf(MAPLE, "user-bruno"));
    CustomerDeletionHandler handler = new CustomerDeletionHandler(table, Clock.systemUTC(), (eventId, type, json) -> {
      throw new AssertionError("priming queues no continuation");
    });
    SortedMap<String, Integer> made = RequestCounter.during(handler::prime);
    int rounds = CustomerDeleter.PRIMING_ROUNDS;
    assertEquals(Map.of("DynamoDb.GetItem", rounds, "DynamoDb.GetItem.attempts", rounds, "DynamoDb.Query", 5 * rounds,
        "DynamoDb.Query.attempts", 5 * rounds), made,
        "each round: the job, a conversation's page, the customer's rest, the users, their notifications");
    assertEquals(List.of(), com.textinbox.shared.observability.Priming.notReads(made));
    assertEquals(items, count(Keys.notificationsOf(MAPLE, "user-bruno")));
  }

  private static CustomerDeletionJob job() {
    return new CustomerDeletionJobStore(table).find(MAPLE, JOB).orElseThrow();
  }

  private static int count(String pk) {
    return table.count(Query.table(pk).consistent(), 1000);
  }

  private static Map<String, AttributeValue> get(String pk, String sk) {
    return table.getConsistent(pk, sk);
  }

  /** An item of {@code type} with text attributes given as name, value pairs. */
  private static void put(String pk, String sk, String type, String... pairs) {
    ItemBuilder item = ItemBuilder.item(pk, sk, type);
    for (int i = 0; i < pairs.length; i += 2) {
      item.str(pairs[i], pairs[i + 1]);
    }
    table.put(item.build());
  }
}
