package com.textinbox.shared.customers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.customers.AttributeDefinition;
import com.textinbox.shared.customers.AttributeType;
import com.textinbox.shared.customers.CustomerAttributeRules.Change;
import com.textinbox.shared.customers.CustomerAttributes;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.store.ConditionFailed;
import com.textinbox.shared.store.DynamoTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Custom attributes (P3) against DynamoDB Local: the definitions item and the profile's values, key by key. */
class CustomerAttributeStoreTest {
  private static final String A = "acct-1";
  private static final String T1 = "2026-11-21T14:03:00.120Z";
  private static final DynamoDbLocalServer LOCAL = DynamoDbLocalServer.start();
  private static DynamoTable table;
  private static CustomerStore customers;
  private static AttributeDefinitionStore definitions;

  @BeforeAll
  static void tableAndStores() {
    LOCAL.createInboxTable("inbox");
    table = new DynamoTable(LOCAL.client(), "inbox");
    customers = new CustomerStore(table);
    definitions = new AttributeDefinitionStore(table);
  }

  @AfterAll
  static void stop() throws Exception {
    LOCAL.close();
  }

  private static CustomerProfile customer(String id) {
    CustomerProfile p = CustomerProfile.fromFirstText(id, null, T1, "user-a", null);
    table.transact(customers.createWrite(A, p));
    return p;
  }

  private static Change set(Map<String, CustomerAttributes.Value> set, String... removed) {
    return new Change(set, Set.of(removed));
  }

  @Test
  void theDefinitionsAreReplacedWholeAndReadInOrder() {
    assertEquals(List.of(), definitions.get("acct-none"));
    List<AttributeDefinition> list = List.of(new AttributeDefinition("vehicle", "Vehicle", AttributeType.TEXT),
        new AttributeDefinition("km", "Mileage", AttributeType.NUMBER));
    definitions.put(A, list, Instant.parse(T1), "user-a");
    assertEquals(list, definitions.get(A));
    definitions.put(A, List.of(list.get(1)), Instant.parse(T1), "user-a");
    assertEquals(List.of(list.get(1)), definitions.get(A));
  }

  @Test
  void valuesAreSetAndRemovedKeyByKey() {
    customer("cust-attr-1");
    customers.setAttributes(A, "cust-attr-1", CustomerAttributes.NONE,
        set(Map.of("vehicle", new CustomerAttributes.Text("Civic"), "km", new CustomerAttributes.NumberValue(new BigDecimal("12000")))));
    CustomerAttributes read = customers.find(A, "cust-attr-1").orElseThrow().attributes();
    assertEquals("Civic", read.get("vehicle").rendered());
    assertEquals(new CustomerAttributes.NumberValue(new BigDecimal("12000.0")), read.get("km"));

    customers.setAttributes(A, "cust-attr-1", read, set(Map.of("vehicle", new CustomerAttributes.Text("Accord")), "km"));
    assertEquals(Map.of("vehicle", new CustomerAttributes.Text("Accord")),
        customers.find(A, "cust-attr-1").orElseThrow().attributes().values());
  }

  @Test
  void twoFirstWritersCannotOverwriteEachOther() {
    customer("cust-attr-2");
    customers.setAttributes(A, "cust-attr-2", CustomerAttributes.NONE, set(Map.of("vehicle", new CustomerAttributes.Text("Civic"))));
    // the second writer read the profile before the first wrote: its condition fails, it reads again
    assertThrows(ConditionFailed.class, () -> customers.setAttributes(A, "cust-attr-2", CustomerAttributes.NONE,
        set(Map.of("km", new CustomerAttributes.NumberValue(BigDecimal.ONE)))));
    assertEquals(Set.of("vehicle"), customers.find(A, "cust-attr-2").orElseThrow().attributes().values().keySet());
  }

  @Test
  void aMissingProfileGetsNoValues() {
    assertThrows(ConditionFailed.class, () -> customers.setAttributes(A, "cust-none", CustomerAttributes.NONE,
        set(Map.of("vehicle", new CustomerAttributes.Text("Civic")))));
    assertTrue(customers.find(A, "cust-none").isEmpty());
  }
}
