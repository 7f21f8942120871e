package com.textinbox.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.testing.SampleEvents;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** events/integration-api/put-customer.json through the real handler, against DynamoDB Local: created, then the same again changes nothing. */
class SampleEventTest {
  private static DynamoDbLocalServer local;
  private static IntegrationApi api;

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    String name = "integration-api-sample";
    local.createInboxTable(name);
    api = new IntegrationApi(new DynamoTable(local.client(), name), Clock.systemUTC(), "CA");
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @Test
  void theDmsCreatesItsCustomerThenTheSameUpdateChangesNothing() {
    JsonNode first = SampleEvents.invoke(api, "integration-api/put-customer.json");
    assertEquals(201, first.path("statusCode").asInt(), first.toString());
    JsonNode customer = SampleEvents.body(first).path("customer");
    assertEquals("DMS-10442", customer.path("reference").asText());
    assertEquals("+15145550144", customer.path("mobile").asText());
    JsonNode again = SampleEvents.invoke(api, "integration-api/put-customer.json");
    assertEquals(200, again.path("statusCode").asInt(), again.toString());
    assertEquals(customer.path("id").asText(), SampleEvents.body(again).path("customer").path("id").asText());
    assertEquals(customer.path("updatedAt").asText(), SampleEvents.body(again).path("customer").path("updatedAt").asText());
  }

  /**
   * SnapStart priming (docs/decisions.md 46): the customer PUT of an account that does not exist
   * reads nothing that exists and stops at the body's birth date (400 naming it), after the mobile
   * was read; never a write.
   */
  @Test
  void primingOnlyReads() {
    java.util.Map<String, Integer> made = com.textinbox.shared.aws.RequestCounter.during(api::prime);
    org.junit.jupiter.api.Assertions.assertFalse(made.isEmpty(), "priming made no request");
    assertEquals(java.util.List.of(), com.textinbox.shared.observability.Priming.notReads(made), made.toString());
    assertEquals(400, api.primed.status(), com.textinbox.shared.json.Json.write(api.primed.body()));
    assertEquals("birthDate", com.textinbox.shared.json.Json.mapper().valueToTree(api.primed.body()).path("error").path("field").asText());
  }
}
