package com.textinbox.appointments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.testing.SampleEvents;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.AccountStore;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AppointmentsApi through its router, against DynamoDB Local: AP1, the AP2 settings, AP3 reads; bad input names the field. */
class AppointmentsApiTest {
  private static final String ACCOUNT = "acct-maple-motors";
  /** Saturday 5 December 2026, noon in Toronto. */
  private static final Instant NOW = Instant.parse("2026-12-05T17:00:00Z");
  private static DynamoDbLocalServer local;
  private static DynamoTable table;
  private static AppointmentsApi api;

  @BeforeAll
  static void start() {
    local = DynamoDbLocalServer.start();
    local.createInboxTable("textinbox-test");
    table = new DynamoTable(local.client(), "textinbox-test");
    new AccountStore(table).put(new Account(ACCOUNT, "Maple Motors", "+15145550100", "en", null, null, null, null,
        "America/Toronto"));
    new UserStore(table).put(User.of(ACCOUNT, "user-bruno", "Bruno Tremblay", "bruno@example.com", Role.USER));
    new UserStore(table).put(User.of(ACCOUNT, "user-alice", "Alice Martin", "alice@example.com", Role.ADMIN));
    new CustomerStore(table).create(ACCOUNT, new CustomerProfile("cust-marie", "Marie", "Lambert", null, "+15145550111", "fr",
        null, true, null, null, null, null, null, null, null));
    api = new AppointmentsApi(table, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  @Test
  void anAppointmentIsBookedListedOnItsDayInTheCompanysZoneMovedAndDeleted() {
    // 23:30 on Monday 7 December in Toronto is already the 8th in UTC
    JsonNode created = call(201, "POST", "/appointments", Map.of(), "{\"customerId\": \"cust-marie\", "
        + "\"startsAt\": \"2026-12-07T23:30\", \"type\": \"oil change\", \"advisorId\": \"user-bruno\"}", Map.of(), "user");
    String id = created.path("appointmentId").asText();
    assertEquals("2026-12-08T04:30:00.000Z", created.path("startsAt").asText());
    assertEquals("scheduled", created.path("status").asText());
    assertEquals("pending", created.path("reminder").path("state").asText());
    assertEquals("2026-12-07T04:30:00.000Z", created.path("reminder").path("remindAt").asText());
    assertEquals("Marie Lambert", created.path("customerName").asText());

    api = new AppointmentsApi(table, Clock.fixed(NOW, ZoneOffset.UTC));   // a cold container
    Runnable readTheDay = () -> {
      JsonNode day = call(200, "GET", "/appointments", Map.of(), null, Map.of("date", "2026-12-07"), "user");
      assertEquals(1, day.path("items").size(), day.toString());
      assertEquals(id, day.path("items").get(0).path("appointmentId").asText());
    };
    // the account (its zone), one Query of the day's key range, one BatchGetItem of the customers
    assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1, "DynamoDb.Query", 1,
        "DynamoDb.Query.attempts", 1, "DynamoDb.BatchGetItem", 1, "DynamoDb.BatchGetItem.attempts", 1),
        RequestCounter.during(readTheDay), "cold");
    // a warm container keeps the account a minute (decision 63)
    assertEquals(Map.of("DynamoDb.Query", 1, "DynamoDb.Query.attempts", 1, "DynamoDb.BatchGetItem", 1,
        "DynamoDb.BatchGetItem.attempts", 1), RequestCounter.during(readTheDay), "warm");
    assertEquals(0, call(200, "GET", "/appointments", Map.of(), null, Map.of("date", "2026-12-08"), "user").path("items").size());

    JsonNode moved = call(200, "PATCH", "/appointments/{appointmentId}", Map.of("appointmentId", id),
        "{\"startsAt\": \"2026-12-09T10:00:00-05:00\"}", Map.of(), "user");
    assertEquals("2026-12-08T15:00:00.000Z", moved.path("reminder").path("remindAt").asText(), "re-keyed with the move");
    assertEquals(1, call(200, "GET", "/appointments", Map.of(), null, Map.of("date", "2026-12-09"), "user").path("items").size());

    call(204, "DELETE", "/appointments/{appointmentId}", Map.of("appointmentId", id), null, Map.of(), "user");
    call(404, "GET", "/appointments/{appointmentId}", Map.of("appointmentId", id), null, Map.of(), "user");
  }

  @Test
  void badInputIsA400Or404NamingTheField() {
    assertEquals("startsAt", call(400, "POST", "/appointments", Map.of(),
        "{\"customerId\": \"cust-marie\", \"startsAt\": \"2026-12-01T09:00:00Z\"}", Map.of(), "user").path("error").path("field").asText());
    assertEquals("startsAt", call(400, "POST", "/appointments", Map.of(),
        "{\"customerId\": \"cust-marie\", \"startsAt\": \"next monday\"}", Map.of(), "user").path("error").path("field").asText());
    assertEquals("customerId", call(404, "POST", "/appointments", Map.of(),
        "{\"customerId\": \"cust-nobody\", \"startsAt\": \"2026-12-09T09:00\"}", Map.of(), "user").path("error").path("field").asText());
    assertEquals("advisorId", call(404, "POST", "/appointments", Map.of(),
        "{\"customerId\": \"cust-marie\", \"startsAt\": \"2026-12-09T09:00\", \"advisorId\": \"user-ghost\"}", Map.of(), "user")
        .path("error").path("field").asText());
    assertEquals("type", call(400, "POST", "/appointments", Map.of(),
        "{\"customerId\": \"cust-marie\", \"startsAt\": \"2026-12-09T09:00\", \"type\": \"" + "x".repeat(101) + "\"}", Map.of(),
        "user").path("error").path("field").asText());
    assertEquals("color", call(400, "POST", "/appointments", Map.of(),
        "{\"customerId\": \"cust-marie\", \"startsAt\": \"2026-12-09T09:00\", \"color\": \"red\"}", Map.of(), "user")
        .path("error").path("field").asText());
    assertEquals("date", call(400, "GET", "/appointments", Map.of(), null, Map.of("date", "07/12/2026"), "user")
        .path("error").path("field").asText());
    call(404, "PATCH", "/appointments/{appointmentId}", Map.of("appointmentId", "appt-x"), "{\"status\": \"confirmed\"}",
        Map.of(), "user");
    call(404, "GET", "/invoices/{number}", Map.of("number", "INV-1"), null, Map.of(), "user");
    call(404, "GET", "/customers/{customerId}/invoices", Map.of("customerId", "cust-nobody"), null, Map.of(), "user");
    assertEquals(0, call(200, "GET", "/customers/{customerId}/invoices", Map.of("customerId", "cust-marie"), null, Map.of(),
        "user").path("items").size());
    call(403, "GET", "/appointments", Map.of(), null, Map.of("date", "2026-12-07"), "free");
  }

  @Test
  void onlyAdminsChangeTheReminderSettingsAndTheTemplateUsesKnownPlaceholders() {
    JsonNode defaults = call(200, "GET", "/settings/appointment-reminders", Map.of(), null, Map.of(), "user");
    assertEquals(false, defaults.path("enabled").asBoolean());
    assertEquals(24, defaults.path("leadHours").asInt());
    assertEquals("21:00", defaults.path("quietHours").path("from").asText());
    String body = "{\"enabled\": true, \"leadHours\": 48, \"quietHours\": null, "
        + "\"template\": \"Hi {{customer}}, see you {{dateTime}} for your {{type}} at {{company}}.\"}";
    call(403, "PUT", "/settings/appointment-reminders", Map.of(), body, Map.of(), "user");
    JsonNode saved = call(200, "PUT", "/settings/appointment-reminders", Map.of(), body, Map.of(), "admin");
    assertEquals(48, saved.path("leadHours").asInt());
    assertTrue(saved.path("quietHours").isNull() || saved.path("quietHours").isMissingNode(), "no quiet hours");
    assertEquals(48, call(200, "GET", "/settings/appointment-reminders", Map.of(), null, Map.of(), "user").path("leadHours").asInt());
    assertEquals("template", call(400, "PUT", "/settings/appointment-reminders", Map.of(),
        "{\"enabled\": true, \"leadHours\": 24, \"template\": \"Hi {{firstName}}\"}", Map.of(), "admin").path("error").path("field").asText());
    assertEquals("leadHours", call(400, "PUT", "/settings/appointment-reminders", Map.of(),
        "{\"enabled\": true, \"leadHours\": 0}", Map.of(), "admin").path("error").path("field").asText());
    assertEquals("quietHours.to", call(400, "PUT", "/settings/appointment-reminders", Map.of(),
        "{\"enabled\": true, \"leadHours\": 24, \"quietHours\": {\"from\": \"21:00\", \"to\": \"8h\"}}", Map.of(), "admin")
        .path("error").path("field").asText());
  }

  @Test
  void theSampleEventListsADay() {
    JsonNode response = SampleEvents.invoke(api, "appointments-api/list-appointments-of-day.json");
    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    assertEquals("America/Toronto", SampleEvents.body(response).path("timeZone").asText());
  }

  private static JsonNode call(int expected, String method, String resource, Map<String, String> path, String body,
      Map<String, String> query, String who) {
    Map<String, String> caller = switch (who) {
      case "admin" -> Map.of("accountId", ACCOUNT, "userId", "user-alice", "role", "admin");
      case "free" -> Map.of("accountId", ACCOUNT, "userId", "user-felix", "role", "free");
      default -> Map.of("accountId", ACCOUNT, "userId", "user-bruno", "role", "user");
    };
    Map<String, Object> event = new LinkedHashMap<>(Map.of("httpMethod", method, "resource", resource, "path", resource,
        "queryStringParameters", query, "pathParameters", path, "requestContext", Map.of("authorizer", caller)));
    event.put("body", body);
    ApiResponse response = api.handle(Json.mapper().valueToTree(event));
    assertEquals(expected, response.status(), Json.write(response.body()));
    return response.body() == null ? Json.object() : Json.mapper().valueToTree(response.body());
  }
}
