package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Appointments and their reminder end to end (AP1, AP2, C9): staff book -> the AppointmentReminders
 * schedule, run on demand, texts the reminder through SendSmsQueue -> SmsSender -> the local
 * carrier, once whatever the reruns -> the customer's reply through InboundSms confirms, cancels or
 * is for a person, counted and notified. Numbers 514-555-0330 to 0339 are this class's own.
 * The DMS pushes customers, appointments and invoices with a company API key (IntegrationApi).
 */
class AppointmentsTest {
  private static final String DEALERSHIP = "acct-maple-motors";

  private static JsonNode endpoints() {
    return LocalCloudProcess.endpoints();
  }

  private static String api(String path) {
    return endpoints().path("apiUrl").asText() + path;
  }

  @BeforeAll
  static void automationOn() {
    // no quiet hours: the test may run at any hour of Toronto's night. The first call starts
    // AppointmentsApi cold (over 30 s on a busy machine): once more if it timed out
    String body = Http.json(Map.of("enabled", true, "leadHours", 24));
    Http.Response put;
    try {
      put = Http.send("PUT", api("/settings/appointment-reminders"), Tokens.of("admin"), body);
    } catch (IllegalStateException coldStartTimedOut) {
      put = Http.send("PUT", api("/settings/appointment-reminders"), Tokens.of("admin"), body);
    }
    assertEquals(200, put.status(), put.body());
  }

  private static String customer(String mobile, String language) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("firstName", "Appt");
    body.put("lastName", "Customer " + mobile.substring(mobile.length() - 2));
    body.put("mobile", mobile);
    body.put("language", language);
    Http.Response created = Http.post(api("/customers"), Tokens.of("user1"), Http.json(body));
    assertEquals(201, created.status(), created.body());
    return created.json().path("id").asText();
  }

  private static String book(String customerId, Instant startsAt) {
    Http.Response created = Http.post(api("/appointments"), Tokens.of("user1"), Http.json(Map.of("customerId", customerId,
        "startsAt", startsAt.toString(), "type", "oil change", "advisorId", "user-bruno")));
    assertEquals(201, created.status(), created.body());
    return created.json().path("appointmentId").asText();
  }

  private static JsonNode appointment(String id) {
    Http.Response got = Http.get(api("/appointments/" + id), Tokens.of("user1"));
    assertEquals(200, got.status(), got.body());
    return got.json();
  }

  private static JsonNode runReminders() {
    Http.Response response = Http.post(endpoints().path("schedules").asText() + "/AppointmentReminders", null, null);
    assertEquals(200, response.status(), response.body());
    return new Http.Response(200, response.json().path("output").asText()).json();
  }

  private static List<String> textedTo(String number) {
    List<String> bodies = new java.util.ArrayList<>();
    for (JsonNode entry : Http.get(endpoints().path("carrier").path("outbox").asText(), null).json()) {
      if (number.equals(entry.path("to").asText())) {
        bodies.add(entry.path("body").asText());
      }
    }
    return bodies;
  }

  private static long reminders(String number) {
    return textedTo(number).stream().filter(b -> b.contains("Reply YES to confirm") || b.contains("OUI pour confirmer")).count();
  }

  private static void textIn(String from, String body) {
    Http.Response response = Http.post(endpoints().path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", endpoints().path("companyNumber").asText(), "body", body)));
    assertEquals(202, response.status(), response.body());
    String carrierId = response.json().path("inboundMessageId").asText();
    Eventually.await("inbound SMS " + carrierId + " handled", Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> marker = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return marker != null && marker.containsKey("eventSentAt") ? marker : null;
    });
  }

  private static String status(String appointmentId) {
    return appointment(appointmentId).path("status").asText();
  }

  private static long counter(String attribute) {
    Map<String, AttributeValue> stats = LocalAws.item("A#" + DEALERSHIP,
        "STATS#" + YearMonth.now(ZoneId.of("America/Toronto")));
    return stats == null || !stats.containsKey(attribute) ? 0 : Long.parseLong(stats.get(attribute).n());
  }

  /** Books for {@code hours} from now (its 24-hour reminder is due now), runs the schedule until texted. */
  private static String remindedAppointment(String customerId, String mobile, double hours) {
    String id = book(customerId, Instant.now().plus((long) (hours * 60), ChronoUnit.MINUTES));
    long before = reminders(mobile);
    runReminders();
    Eventually.await(mobile + " reminded", Duration.ofSeconds(30), () -> reminders(mobile) > before ? true : null);
    assertEquals("sent", appointment(id).path("reminder").path("state").asText());
    return id;
  }

  @Test
  void aReminderIsTextedOnceAndOuiConfirmsCountedAndNotifiedToTheAdvisor() {
    String mobile = "+15145550331";
    String customerId = customer(mobile, "fr");
    String id = remindedAppointment(customerId, mobile, 23);
    runReminders();   // run twice: still once
    assertEquals(1, reminders(mobile), textedTo(mobile).toString());
    assertTrue(textedTo(mobile).get(0).startsWith("Bonjour Appt, ici Maple Motors : rappel de votre rendez-vous"),
        textedTo(mobile).toString());

    long confirmedBefore = counter("appointmentsConfirmed");
    textIn(mobile, "oui");
    assertEquals("confirmed", status(id));
    assertEquals(confirmedBefore + 1, counter("appointmentsConfirmed"));
    Eventually.await("Bruno's center to have the confirmation", Duration.ofSeconds(30), () -> {
      for (JsonNode n : Http.get(api("/notifications?order=time"), Tokens.of("user1")).json().path("notifications")) {
        if (n.path("title").asText().equals("Appt Customer 31 confirmed their appointment")) {
          return true;
        }
      }
      return null;
    });
    // the conversation shows which appointment the reply answered
    JsonNode timeline = Http.get(api("/conversations/" + appointment(id).path("conversationId").asText() + "?limit=50"),
        Tokens.of("user1")).json().path("timeline");
    assertTrue(timeline.toString().contains("\"appointmentId\":\"" + id + "\""), timeline.toString());

    // C9: staff text the customer from the appointment
    Http.Response c9 = Http.post(api("/appointments/" + id + "/messages"), Tokens.of("user1"),
        Http.json(Map.of("body", "À demain !")));
    assertEquals(202, c9.status(), c9.body());
    assertEquals("appointment", c9.json().path("source").path("type").asText());
    assertEquals(id, c9.json().path("source").path("id").asText());
  }

  @Test
  void nonCancelsAnythingElseIsForAPersonAndTheNearestOfTwoIsAnswered() {
    String mobile = "+15145550332";
    String customerId = customer(mobile, "en");
    String cancelled = remindedAppointment(customerId, mobile, 23);
    long cancelledBefore = counter("appointmentsCancelled");
    textIn(mobile, "NON");
    assertEquals("cancelled", status(cancelled));
    assertEquals(cancelledBefore + 1, counter("appointmentsCancelled"));

    String replied = remindedAppointment(customerId, mobile, 22);
    textIn(mobile, "Can we make it 10?");
    assertEquals("replied", status(replied));

    String other = "+15145550333";
    String second = customer(other, "en");
    String later = book(second, Instant.now().plus(23, ChronoUnit.HOURS).plus(30, ChronoUnit.MINUTES));
    String nearest = book(second, Instant.now().plus(23, ChronoUnit.HOURS));
    runReminders();
    Eventually.await("both reminded", Duration.ofSeconds(30), () -> reminders(other) >= 2 ? true : null);
    textIn(other, "YES");
    assertEquals("confirmed", status(nearest));
    assertEquals("scheduled", status(later));
  }

  @Test
  void stopUnsubscribesLeavesTheAppointmentAndNoMoreRemindersGo() {
    String mobile = "+15145550334";
    String customerId = customer(mobile, "en");
    String first = remindedAppointment(customerId, mobile, 23);
    textIn(mobile, "STOP");
    assertEquals("scheduled", status(first));
    String next = book(customerId, Instant.now().plus(22, ChronoUnit.HOURS));
    runReminders();
    assertEquals("skipped", appointment(next).path("reminder").path("state").asText());
    assertEquals(1, reminders(mobile));

    Http.Response deleted = Http.send("DELETE", api("/appointments/" + next), Tokens.of("user1"), null);
    assertEquals(204, deleted.status(), deleted.body());
  }

  @Test
  void aDayIsListedInTheCompanysZoneAndBadInputNamesTheField() {
    String customerId = customer("+15145550335", "en");
    Instant at = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    String id = book(customerId, at);
    String day = at.atZone(ZoneId.of("America/Toronto")).toLocalDate().toString();
    JsonNode list = Http.get(api("/appointments?date=" + day), Tokens.of("user1")).json();
    assertTrue(list.path("items").toString().contains(id), list.toString());
    Http.Response past = Http.post(api("/appointments"), Tokens.of("user1"), Http.json(Map.of("customerId", customerId,
        "startsAt", "2020-01-01T09:00:00Z")));
    assertEquals(400, past.status());
    assertEquals("startsAt", past.json().path("error").path("field").asText());
    Http.Response nobody = Http.post(api("/appointments"), Tokens.of("user1"), Http.json(Map.of("customerId",
        "cust-" + UUID.randomUUID(), "startsAt", at.toString())));
    assertEquals(404, nobody.status());
    assertEquals("customerId", nobody.json().path("error").path("field").asText());
    Http.Response otherCompany = Http.get(api("/appointments/" + id), Tokens.of("otherAdmin"));
    assertEquals(404, otherCompany.status());
  }

  /** A company API key for the DMS (AP4, the dms branch's IntegrationApi), created once. */
  private static String dmsKey;

  private static synchronized String dms() {
    if (dmsKey == null) {
      Http.Response created = Http.post(api("/settings/api-keys"), Tokens.of("admin"),
          Http.json(Map.of("name", "DMS (appointments test)")));
      assertEquals(201, created.status(), created.body());
      dmsKey = "ApiKey " + created.json().path("key").asText();
    }
    return dmsKey;
  }

  @Test
  void theDmsPushesACustomerAndAnAppointmentForTomorrowAndTheReminderGoesOnce() {
    String mobile = "+15145550336";
    Http.Response customer = Http.send("PUT", api("/integration/customers/APPT-E2E-6"), dms(),
        Http.json(Map.of("firstName", "Dms", "lastName", "Customer", "mobile", mobile, "language", "en")));
    assertTrue(customer.status() == 201 || customer.status() == 200, customer.body());
    Instant tomorrow = Instant.now().plus(23, ChronoUnit.HOURS);
    Http.Response pushed = Http.send("PUT", api("/integration/appointments/RDV-E2E-6"), dms(),
        Http.json(Map.of("customerReference", "APPT-E2E-6", "startsAt", tomorrow.toString(), "type", "oil change",
            "advisorId", "user-bruno")));
    assertEquals(201, pushed.status(), pushed.body());
    String id = pushed.json().path("appointmentId").asText();
    Http.Response again = Http.send("PUT", api("/integration/appointments/RDV-E2E-6"), dms(),
        Http.json(Map.of("customerReference", "APPT-E2E-6", "startsAt", tomorrow.toString(), "type", "oil change",
            "advisorId", "user-bruno")));
    assertEquals(200, again.status(), again.body());
    assertEquals(id, again.json().path("appointmentId").asText(), "one appointment per reference");
    Http.Response unknown = Http.send("PUT", api("/integration/appointments/RDV-E2E-7"), dms(),
        Http.json(Map.of("customerReference", "NOBODY", "startsAt", tomorrow.toString())));
    assertEquals(404, unknown.status());
    assertEquals("customerReference", unknown.json().path("error").path("field").asText());

    runReminders();
    runReminders();
    Eventually.await(mobile + " reminded", Duration.ofSeconds(30), () -> reminders(mobile) >= 1 ? true : null);
    assertEquals(1, reminders(mobile), textedTo(mobile).toString());
    textIn(mobile, "Y");
    assertEquals("confirmed", status(id));
  }

  @Test
  void anInvoicePaidTwiceNotifiesOnceWithOneEmailAndItsLink() {
    Http.Response customer = Http.send("PUT", api("/integration/customers/APPT-E2E-INV"), dms(),
        Http.json(Map.of("firstName", "Invoice", "lastName", "Payer", "mobile", "+15145550337")));
    assertTrue(customer.status() == 201 || customer.status() == 200, customer.body());
    Map<String, Object> invoice = new LinkedHashMap<>(Map.of("amount", "149.90", "currency", "CAD", "roNumber", "RO-77",
        "customerReference", "APPT-E2E-INV", "status", "open"));
    assertEquals(201, Http.send("PUT", api("/integration/invoices/INV-E2E-1"), dms(), Http.json(invoice)).status());
    invoice.put("status", "paid");
    assertEquals(200, Http.send("PUT", api("/integration/invoices/INV-E2E-1"), dms(), Http.json(invoice)).status());
    assertEquals(200, Http.send("PUT", api("/integration/invoices/INV-E2E-1"), dms(), Http.json(invoice)).status());
    Http.Response bad = Http.send("PUT", api("/integration/invoices/INV-E2E-2"), dms(),
        Http.json(Map.of("amount", "1,5", "currency", "CAD", "customerReference", "APPT-E2E-INV")));
    assertEquals(400, bad.status());
    assertEquals("amount", bad.json().path("error").path("field").asText());

    Eventually.await("the admin's invoice email", Duration.ofSeconds(30), () -> invoiceEmails().size() >= 1 ? true : null);
    assertEquals(1, invoiceEmails().size(), invoiceEmails().toString());
    assertTrue(invoiceEmails().get(0).contains("/invoices/INV-E2E-1"), invoiceEmails().get(0));
    assertTrue(invoiceEmails().get(0).contains("View invoice"), invoiceEmails().get(0));
    long inCenter = 0;
    for (JsonNode n : Http.get(api("/notifications?order=time"), Tokens.of("admin")).json().path("notifications")) {
      if (n.path("link").asText().equals("/invoices/INV-E2E-1")) {
        inCenter++;
      }
    }
    assertEquals(1, inCenter);
    assertEquals(200, Http.get(api("/invoices/INV-E2E-1"), Tokens.of("user1")).status());
  }

  private static List<String> invoiceEmails() {
    List<String> found = new java.util.ArrayList<>();
    for (JsonNode email : Http.get(endpoints().path("mailbox").asText(), null).json()) {
      if (email.toString().contains("INV-E2E-1") || email.toString().contains("Invoice paid by Invoice Payer")) {
        found.add(email.toString());
      }
    }
    return found;
  }
}
