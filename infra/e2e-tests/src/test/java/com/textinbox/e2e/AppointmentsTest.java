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
 * (The DMS's pushes, {@code PUT /integration/...}, come with the dms branch's IntegrationApi.)
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
    // no quiet hours: the test may run at any hour of Toronto's night
    Http.Response put = Http.send("PUT", api("/settings/appointment-reminders"), Tokens.of("admin"),
        Http.json(Map.of("enabled", true, "leadHours", 24)));
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
}
