package com.textinbox.shared.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchDocumentsTest {
  static Map<String, Object> customer() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("PK", "A#acct-maple-motors#C#cust-marie");
    item.put("SK", "PROFILE");
    item.put("type", "Customer");
    item.put("customerId", "cust-marie");
    item.put("firstName", "Marie");
    item.put("lastName", "Lambert");
    item.put("mobile", "+15145550111");
    item.put("reference", "RO-1042");
    item.put("language", "fr");
    item.put("accountId", "acct-harbor-clinic"); // an attribute never decides the account
    return item;
  }

  @Test
  void aCustomerProfileBecomesACustomerDocumentOfTheAccountInItsKey() {
    SearchDocument document = SearchDocuments.of(customer()).orElseThrow();
    assertEquals("A#acct-maple-motors#C#cust-marie|PROFILE", document.id());
    assertEquals(Map.of(
        "accountId", "acct-maple-motors",
        "kind", "customer",
        "id", "cust-marie",
        "name", "Marie Lambert",
        "phone", "+15145550111",
        "phoneDigits", "15145550111",
        "reference", "RO-1042"), document.fields());
    assertEquals("customer", document.kind());
  }

  @Test
  void aCustomerWithoutMobileOrLastNameHasOnlyTheFieldsItHas() {
    Map<String, Object> item = customer();
    item.remove("mobile");
    item.remove("lastName");
    item.remove("reference");
    Map<String, Object> fields = SearchDocuments.of(item).orElseThrow().fields();
    assertEquals("Marie", fields.get("name"));
    assertFalse(fields.containsKey("phone"));
    assertFalse(fields.containsKey("phoneDigits"));
    assertFalse(fields.containsKey("reference"));
  }

  @Test
  void anInboundSmsBecomesAMessageDocument() {
    Map<String, Object> item = Map.of(
        "PK", "A#acct-maple-motors#INBOUND#carrier-123",
        "SK", "INBOUND",
        "type", "InboundSms",
        "from", "+15145550112",
        "to", "+15145550100",
        "body", "Is my car ready?",
        "receivedAt", "2026-11-21T14:03:00.123Z");
    SearchDocument document = SearchDocuments.of(item).orElseThrow();
    assertEquals("A#acct-maple-motors#INBOUND#carrier-123|INBOUND", document.id());
    assertEquals(Map.of(
        "accountId", "acct-maple-motors",
        "kind", "message",
        "id", "carrier-123",
        "text", "Is my car ready?",
        "phone", "+15145550112",
        "at", "2026-11-21T14:03:00.123Z"), document.fields());
  }

  @Test
  void otherItemsAreNotSearchable() {
    assertTrue(SearchDocuments.of(Map.of("PK", "A#acct", "SK", "USER#u", "type", "User", "name", "Alice")).isEmpty());
    assertTrue(SearchDocuments.of(Map.of("PK", "A#acct#PHONE#+15145550111", "SK", "PHONE", "type", "CustomerPhone")).isEmpty());
    assertTrue(SearchDocuments.of(Map.of()).isEmpty());
  }

  @Test
  void aSearchableItemWhoseKeyNamesNoAccountIsRefusedNotGuessed() {
    Map<String, Object> item = customer();
    item.put("PK", "CUSTOMER#cust-marie");
    assertThrows(IllegalArgumentException.class, () -> SearchDocuments.of(item));
    Map<String, Object> wrongSk = customer();
    wrongSk.put("SK", "T#2026");
    assertThrows(IllegalArgumentException.class, () -> SearchDocuments.of(wrongSk));
  }

  @Test
  void anIdTooLongForOpenSearchIsHashedStably() {
    String pk = "A#acct#INBOUND#" + "x".repeat(600);
    String id = SearchDocuments.documentId(Map.of("PK", pk, "SK", "INBOUND"));
    assertTrue(id.startsWith("sha256:") && id.length() == 7 + 64, id);
    assertEquals(id, SearchDocuments.documentId(Map.of("PK", pk, "SK", "INBOUND")));
  }

  @Test
  void phoneDigitsKeepOnlyDigits() {
    assertEquals("15145550111", SearchDocuments.digits("+1 (514) 555-0111"));
    assertEquals(null, SearchDocuments.digits("n/a"));
    assertEquals(null, SearchDocuments.digits(null));
  }
}
