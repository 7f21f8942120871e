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
    item.put("reference", "DMS-1042");
    item.put("otherPhones", java.util.List.of("work|+33612345678"));
    item.put("email", "marie@example.com");
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
        "customerId", "cust-marie",
        "name", "Marie Lambert",
        "phone", "+15145550111",
        "phones", java.util.List.of("15145550111", "5145550111", "5550111", "0111",
            "33612345678", "0612345678", "612345678", "2345678", "5678"),
        "email", "marie@example.com",
        "reference", "DMS-1042"), document.fields());
    assertEquals("customer", document.kind());
  }

  @Test
  void aCustomerWithoutMobileOrLastNameHasOnlyTheFieldsItHas() {
    Map<String, Object> item = customer();
    item.remove("mobile");
    item.remove("lastName");
    item.remove("reference");
    item.remove("otherPhones");
    Map<String, Object> fields = SearchDocuments.of(item).orElseThrow().fields();
    assertEquals("Marie", fields.get("name"));
    assertFalse(fields.containsKey("phone"));
    assertFalse(fields.containsKey("phones"));
    assertFalse(fields.containsKey("reference"));
  }

  @Test
  void aTimelineMessageBecomesAMessageDocumentWithItsConversationAndCustomer() {
    Map<String, Object> item = Map.of(
        "PK", "A#acct-maple-motors#CONV#conv-john",
        "SK", "T#2026-11-21T14:03:00.123Z#msg-1",
        "type", "Message",
        "messageId", "msg-1",
        "conversationId", "conv-john",
        "customerId", "cust-john",
        "direction", "INBOUND",
        "from", "+15145550112",
        "body", "Is my car ready?",
        "receivedAt", "2026-11-21T14:03:00.123Z");
    SearchDocument document = SearchDocuments.of(item).orElseThrow();
    assertEquals("A#acct-maple-motors#CONV#conv-john|T#2026-11-21T14:03:00.123Z#msg-1", document.id());
    assertEquals(Map.of(
        "accountId", "acct-maple-motors",
        "kind", "message",
        "id", "msg-1",
        "conversationId", "conv-john",
        "customerId", "cust-john",
        "text", "Is my car ready?",
        "direction", "INBOUND",
        "at", "2026-11-21T14:03:00.123Z"), document.fields());
  }

  @Test
  void anOutboundMessageIsSearchableFromItsCreationTime() {
    Map<String, Object> fields = SearchDocuments.of(Map.of("PK", "A#acct#CONV#conv-1", "SK", "T#2026-11-21T15:00:00Z#msg-2",
        "type", "Message", "messageId", "msg-2", "direction", "OUTBOUND", "body", "Votre voiture est prête",
        "createdAt", "2026-11-21T15:00:00Z")).orElseThrow().fields();
    assertEquals("2026-11-21T15:00:00Z", fields.get("at"));
    assertEquals("OUTBOUND", fields.get("direction"));
  }

  @Test
  void anAppointmentAndAnInvoiceBecomeDocumentsAsTheirMappersWriteThem() {
    Map<String, Object> appointment = SearchDocuments.of(Map.of("PK", "A#acct-maple-motors#APPT#appt-1", "SK", "APPOINTMENT",
        "type", "Appointment", "appointmentId", "appt-1", "customerId", "cust-john", "startsAt", "2026-12-05T14:00:00.000Z",
        "appointmentType", "Oil change", "status", "scheduled", "reference", "RO-77", "conversationId", "conv-john"))
        .orElseThrow().fields();
    assertEquals(Map.of("accountId", "acct-maple-motors", "kind", "appointment", "id", "appt-1", "customerId", "cust-john",
        "conversationId", "conv-john", "appointmentType", "Oil change", "at", "2026-12-05T14:00:00.000Z",
        "status", "scheduled", "reference", "RO-77"), appointment);

    Map<String, Object> invoice = SearchDocuments.of(Map.of("PK", "A#acct-maple-motors#INVOICE#INV-1042", "SK", "INVOICE",
        "type", "Invoice", "number", "INV-1042", "customerId", "cust-john", "customerReference", "DMS-7",
        "roNumber", "RO-1042", "amount", "149.99", "currency", "CAD", "createdAt", "2026-12-05T15:00:00.000Z"))
        .orElseThrow().fields();
    assertEquals("invoice", invoice.get("kind"));
    assertEquals("INV-1042", invoice.get("invoiceNumber"));
    assertEquals("RO-1042", invoice.get("repairOrder"));
    assertEquals("DMS-7", invoice.get("reference"));
    assertEquals(new java.math.BigDecimal("149.99"), invoice.get("amount"));
    assertEquals("CAD", invoice.get("currency"));
  }

  /** A merge log entry (C14) as CustomerMergeMapper writes it: Annie merged into Bea. */
  static Map<String, Object> mergeLog() {
    return new LinkedHashMap<>(Map.of("PK", "A#acct-maple-motors#C#cust-bea", "SK", "MERGE#cust-annie", "type", "CustomerMerge",
        "customerId", "cust-bea", "mergedCustomerId", "cust-annie", "mergedCustomerName", "Annie Hand", "mobile", "+15145550711"));
  }

  @Test
  void aMergeLogEntryBecomesTheForwardingDocumentOfTheProfileMergedAway() {
    SearchDocument document = SearchDocuments.of(mergeLog()).orElseThrow();
    assertEquals(SearchDocuments.mergedDocumentId("acct-maple-motors", "cust-annie"), document.id(),
        "read by the id the merged profile's messages still name");
    assertEquals("A#acct-maple-motors#C#cust-annie|MERGED", document.id());
    assertEquals(Map.of("accountId", "acct-maple-motors", "kind", "merged", "id", "cust-annie", "customerId", "cust-bea"),
        document.fields(), "nothing searchable: no name, no number");
    assertTrue(SearchDocuments.SEARCHABLE_TYPES.contains("CustomerMerge"), "the Reindex function rebuilds it too");
    Map<String, Object> odd = mergeLog();
    odd.put("SK", "MERGE#cust-annie#x");
    assertThrows(IllegalArgumentException.class, () -> SearchDocuments.of(odd));
  }

  @Test
  void otherItemsAreNotSearchable() {
    assertTrue(SearchDocuments.of(Map.of("PK", "A#acct", "SK", "USER#u", "type", "User", "name", "Alice")).isEmpty());
    assertTrue(SearchDocuments.of(Map.of("PK", "A#acct#PHONE#+15145550111", "SK", "PHONE", "type", "CustomerPhone")).isEmpty());
    assertTrue(SearchDocuments.of(Map.of("PK", "A#acct#INBOUND#c-1", "SK", "INBOUND", "type", "InboundSms", "body", "hi")).isEmpty(),
        "the dedupe marker is not the message: its timeline entry is");
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
}
