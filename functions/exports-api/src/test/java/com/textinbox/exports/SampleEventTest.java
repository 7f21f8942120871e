package com.textinbox.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.JobMessage;
import com.textinbox.shared.jobs.store.JobStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.testing.SampleEvents;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** events/exports-api/create-customer-export.json through the real handler, against DynamoDB Local. */
class SampleEventTest {
  private static DynamoDbLocalServer local;
  private static DynamoTable table;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("exports-test");
    table = new DynamoTable(local.client(), "exports-test");
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @Test
  void anExportIsAQueuedJobItemAndOneMessageForTheWorker() {
    List<EventQueue.Sent> sent = new CopyOnWriteArrayList<>();
    JsonNode[] body = new JsonNode[1];
    Map<String, Integer> made = RequestCounter.during(() -> {
      JsonNode response = SampleEvents.invoke(new ExportsApi(table, EventQueue.into(sent), Clock.systemUTC()),
          "exports-api/create-customer-export.json");
      assertEquals(202, response.path("statusCode").asInt(), response.toString());
      body[0] = SampleEvents.body(response);
    });
    assertEquals(Map.of("DynamoDb.PutItem", 1, "DynamoDb.PutItem.attempts", 1), made, "one put, the job");
    String jobId = body[0].path("jobId").asText();
    assertEquals("QUEUED", body[0].path("status").asText());
    assertEquals(Job.CUSTOMER_EXPORT, body[0].path("kind").asText());
    Job job = new JobStore(table).find("acct-maple-motors", jobId).orElseThrow();
    assertEquals("user-bruno", job.requestedBy());
    JobMessage message = JobMessage.parse(sent.get(0).json());
    assertEquals(jobId, message.jobId());
    assertEquals("bruno@maple-motors.example", message.email());
    assertEquals("unsubscribed", message.params().path("filter").asText());
    assertEquals("2026-11-30", message.params().path("to").asText());
    assertEquals(1, sent.size());
  }
}
