package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The monthly report (N4) end to end, in the clinic (America/Toronto by default): texts in and a
 * reply out are counted as they happen; the MonthlyReport schedule run through the local cloud as
 * if fired on the first of next month (this month is the one reported: the test's own messages
 * are this month's) sends one email per opted-in user with the figures the API shows; a second run
 * sends none.
 */
class MonthlyReportTest {
  private static final String CLINIC = "acct-harbor-clinic";
  private static final ZoneId TORONTO = ZoneId.of("America/Toronto");

  private static String api(String path) {
    return LocalCloudProcess.endpoints().path("apiUrl").asText() + path;
  }

  private static JsonNode report(String month) {
    Http.Response response = Http.get(api("/reports/monthly?month=" + month), Tokens.of("otherAdmin"));
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  private static long figure(JsonNode report, String name) {
    return report.path("figures").path(name).path("value").asLong();
  }

  /** A user of the clinic written as UsersApi writes one, and their token. */
  private static String clinicUser(String userId, String role) {
    LocalAws.dynamoDb().putItem(b -> b.tableName(LocalAws.table()).item(Map.of("PK", AttributeValue.fromS("A#" + CLINIC),
        "SK", AttributeValue.fromS("USER#" + userId), "type", AttributeValue.fromS("User"), "name", AttributeValue.fromS(userId),
        "email", AttributeValue.fromS(userId + "@harbor-clinic.example"), "role", AttributeValue.fromS(role))));
    Map<String, Object> claims = Map.of("accountId", CLINIC, "userId", userId, "role", role, "email", userId + "@harbor-clinic.example");
    return Http.post(LocalCloudProcess.endpoints().path("tokenIssuer").asText(), null, Http.json(claims)).json().path("token").asText();
  }

  private static List<JsonNode> emailsTo(String address, String subjectStart) {
    List<JsonNode> emails = new ArrayList<>();
    for (JsonNode email : Http.get(LocalCloudProcess.endpoints().path("mailbox").asText(), null).json()) {
      if (email.path("to").toString().contains(address) && email.path("subject").asText().startsWith(subjectStart)) {
        emails.add(email);
      }
    }
    return emails;
  }

  @Test
  void oneEmailPerOptedInUserWithTheFiguresOfTheMonthAndNoneOnARerun() {
    YearMonth month = YearMonth.now(TORONTO);
    JsonNode before = report(month.toString());
    assertEquals(false, before.path("complete").asBoolean(), "this month is still going on");
    String id = UUID.randomUUID().toString().substring(0, 8);
    String optedIn = clinicUser("user-report-on-" + id, "user");
    clinicUser("user-report-off-" + id, "user"); // off by default: not an admin
    Http.Response chose = Http.send("PUT", api("/me/notification-settings"), optedIn,
        "{\"categories\":{\"monthlyReport\":{\"email\":true}}}");
    assertEquals(200, chose.status(), chose.body());

    // what the test does: 2 texts in, 1 reply out (counted once the carrier took it)
    String suffix = String.format("%02d", Math.abs(id.hashCode()) % 90 + 10);
    String conversationId = AutoCloseTest.textIn(ClinicNumbers.MONTHLY_REPORT + suffix, "Do you take walk-ins?");
    AutoCloseTest.textIn(ClinicNumbers.MONTHLY_REPORT + suffix, "Or only appointments?");
    Http.Response reply = Http.post(api("/conversations/" + conversationId + "/messages"), Tokens.of("otherAdmin"),
        Http.json(Map.of("body", "Appointments only, sorry.")));
    assertEquals(202, reply.status(), reply.body());
    JsonNode after = Eventually.await("the reply counted as sent", Duration.ofSeconds(40), () -> {
      JsonNode now = report(month.toString());
      return figure(now, "messagesSent") == figure(before, "messagesSent") + 1 ? now : null;
    });
    assertEquals(figure(before, "messagesReceived") + 2, figure(after, "messagesReceived"));

    // the schedule, as if fired on the first of next month, ten minutes after midnight in Toronto
    Instant firstOfNext = ZonedDateTime.of(month.plusMonths(1).atDay(1).atStartOfDay(), TORONTO).toInstant().plusSeconds(600);
    JsonNode ran = AutoCloseTest.runAt("MonthlyReport", firstOfNext);
    assertEquals(0, ran.path("failed").asInt(), ran.toString());
    String monthName = month.getMonth().getDisplayName(java.time.format.TextStyle.FULL_STANDALONE, java.util.Locale.ENGLISH)
        + " " + month.getYear();
    String subject = "Monthly report: " + monthName;
    List<JsonNode> toOptedIn = emailsTo("user-report-on-" + id + "@harbor-clinic.example", subject);
    assertEquals(1, toOptedIn.size(), toOptedIn.toString());
    assertEquals(0, emailsTo("user-report-off-" + id + "@harbor-clinic.example", subject).size());
    assertTrue(emailsTo("olivia@harbor-clinic.example", subject).size() >= 1, "the admin: on by default");
    String text = toOptedIn.get(0).toString();
    assertTrue(text.contains("Messages sent: " + figure(after, "messagesSent") + " ("), text);
    assertTrue(text.contains("Messages received: " + figure(after, "messagesReceived") + " ("), text);
    // the same figures in the center
    Http.Response center = Http.get(api("/notifications?order=time&limit=20"), optedIn);
    assertTrue(center.body().contains("Messages received: " + figure(after, "messagesReceived")), center.body());

    // run twice: still one email
    JsonNode again = AutoCloseTest.runAt("MonthlyReport", firstOfNext);
    assertEquals(0, again.path("emailsSent").asInt(), again.toString());
    assertEquals(1, emailsTo("user-report-on-" + id + "@harbor-clinic.example", subject).size());
  }

  @Test
  void badInputIsAClear4xx() {
    YearMonth month = YearMonth.now(TORONTO);
    for (String bad : new String[] {month.plusMonths(2).toString(), "2026-13", "last-month", ""}) {
      Http.Response refused = Http.get(api("/reports/monthly?month=" + bad), Tokens.of("otherAdmin"));
      assertEquals(400, refused.status(), bad + ": " + refused.body());
      assertEquals("month", refused.json().path("error").path("field").asText(), refused.body());
    }
    assertEquals(403, Http.get(api("/reports/monthly?month=" + month), Tokens.of("user1")).status());
  }
}
