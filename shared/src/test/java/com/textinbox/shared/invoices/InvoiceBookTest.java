package com.textinbox.shared.invoices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DMS's invoice pushes (AP3) against DynamoDB Local: validation naming the field, and invoice.paid once. */
class InvoiceBookTest {
  private static final String ACCOUNT = "acct-maple-motors";
  private static DynamoDbLocalServer local;
  private static DynamoTable table;
  private final List<EventQueue.Sent> sent = new ArrayList<>();

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("inbox");
    table = new DynamoTable(local.client(), "inbox");
    new UserStore(table).put(User.of(ACCOUNT, "user-alice", "Alice Martin", "alice@example.com", Role.ADMIN));
    new UserStore(table).put(User.of(ACCOUNT, "user-bruno", "Bruno Tremblay", "bruno@example.com", Role.USER));
    new CustomerStore(table).create(ACCOUNT, new CustomerProfile("cust-john", "John", "Smith", null, "+15145550112", "en",
        "DMS-42", true, null, null, null, null, null, null, null));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  private InvoiceBook book() {
    return InvoiceBook.on(table, EventQueue.into(sent), Clock.fixed(Instant.parse("2026-12-05T15:00:00Z"), ZoneOffset.UTC));
  }

  private static JsonNode body(String status) {
    return Json.read("{\"amount\": \"149.9\", \"currency\": \"CAD\", \"roNumber\": \"RO-7\", \"customerReference\": \"DMS-42\","
        + " \"status\": \"" + status + "\"}");
  }

  @Test
  void paidTwiceNotifiesOnceTheAdmins() {
    InvoiceBook.Written open = put("INV-1", body("open"));
    assertTrue(open.created());
    assertEquals("149.9", open.invoice().amount());
    assertEquals("cust-john", open.invoice().customerId());
    assertTrue(sent.isEmpty());
    assertTrue(put("INV-1", body("paid")).announcedPaid());
    assertFalse(put("INV-1", body("paid")).announcedPaid(), "a redelivery");
    assertEquals(1, sent.size());
    JsonNode event = Json.read(sent.get(0).json());
    assertEquals("invoice.paid", event.path("type").asText());
    assertEquals("invoice-paid:INV-1", event.path("eventId").asText());
    assertEquals(14990, event.path("amount").asLong());
    assertEquals("CAD", event.path("currency").asText());
    assertEquals("user-alice", event.path("recipientUserIds").path(0).asText());
    assertEquals(1, event.path("recipientUserIds").size(), "Bruno is no admin and John's conversation has no assignee");
  }

  @Test
  void theSameBodyAgainWritesNothing() {
    InvoiceBook.Written first = put("INV-3", body("paid"));
    assertTrue(first.created());
    assertTrue(first.announcedPaid());
    InvoiceBook.Written[] again = new InvoiceBook.Written[1];
    Map<String, Integer> requests = RequestCounter.during(() -> again[0] = put("INV-3", body("paid")));
    assertFalse(again[0].created());
    assertFalse(again[0].announcedPaid(), "invoice.paid once");
    assertEquals(first.invoice().createdAt(), again[0].invoice().createdAt());
    assertEquals(Map.of("DynamoDb.GetItem", 2), calls(requests),
        "the customer by reference and the invoice read; no write");
    assertEquals(1, sent.size());

    Map<String, Integer> changed = RequestCounter.during(() -> put("INV-3", body("void")));
    assertEquals(1, calls(changed).getOrDefault("DynamoDb.UpdateItem", 0), "a change is written: " + changed);
  }

  private static Map<String, Integer> calls(Map<String, Integer> counts) {
    Map<String, Integer> out = new TreeMap<>();
    counts.forEach((k, v) -> {
      if (!k.endsWith(RequestCounter.ATTEMPTS)) {
        out.put(k, v);
      }
    });
    return out;
  }

  @Test
  void anUnknownCustomerReferenceIsA404NamingIt() {
    ApiError notFound = assertThrows(ApiError.class, () -> put("INV-2", Json.read(
        "{\"amount\": \"12.50\", \"currency\": \"CAD\", \"customerReference\": \"NOBODY\"}")));
    assertEquals(404, notFound.status());
    assertEquals("customerReference", notFound.field());
  }

  private InvoiceBook.Written put(String number, JsonNode body) {
    return book().put(ACCOUNT, InvoiceInput.dms(number, body));
  }
}
