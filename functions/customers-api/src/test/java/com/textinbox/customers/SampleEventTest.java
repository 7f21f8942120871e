package com.textinbox.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.testing.SampleEvents;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** events/customers-api/list-customers.json through the real handler, against DynamoDB Local with demo customers. */
class SampleEventTest {
  private static DynamoDbLocalServer local;
  private static DynamoTable table;

  @BeforeAll
  static void table() {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("textinbox-test");
    table = new DynamoTable(local.client(), "textinbox-test");
    CustomerStore customers = new CustomerStore(table);
    customers.create("acct-maple-motors", new CustomerProfile("cust-john", "John", "Smith", null, "+15145550112", "en",
        null, true, null, null, null, null, null, null, null));
    customers.create("acct-maple-motors", new CustomerProfile("cust-sophie", "Sophie", "Smïth", null, null, "fr",
        null, true, null, null, null, null, null, null, null));
    customers.create("acct-maple-motors", new CustomerProfile("cust-karim", "Karim", "Haddad", null, "+15145550113", "fr",
        null, true, null, null, null, null, null, null, null));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @Test
  void theListFindsSmithsWhateverTheirAccentsInOneQuery() {
    Map<String, Integer> made = RequestCounter.during(() -> {
      JsonNode response = SampleEvents.invoke(new CustomersApi(table, Clock.systemUTC(), "US", com.textinbox.shared.events.EventQueue.into(new java.util.ArrayList<>())), "customers-api/list-customers.json");
      assertEquals(200, response.path("statusCode").asInt(), response.toString());
      JsonNode customers = SampleEvents.body(response).path("customers");
      assertEquals(2, customers.size(), customers.toString());
      assertEquals("cust-john", customers.get(0).path("id").asText());
      assertEquals("cust-sophie", customers.get(1).path("id").asText());
    });
    assertEquals(Map.of("DynamoDb.Query", 1, "DynamoDb.Query.attempts", 1), made);
  }
}
