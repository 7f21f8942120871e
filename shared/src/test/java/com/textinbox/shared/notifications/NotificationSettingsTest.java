package com.textinbox.shared.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.store.NotificationSettingsMapper;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class NotificationSettingsTest {
  @Test
  void defaultsSuitServiceStaff() {
    NotificationSettings d = NotificationSettings.defaults();
    assertTrue(d.enabled(Category.CONVERSATION, Channel.EMAIL));
    assertTrue(d.enabled(Category.MENTION, Channel.PUSH));
    assertFalse(d.enabled(Category.APPOINTMENT, Channel.EMAIL));
    assertTrue(d.enabled(Category.INVOICE, Channel.EMAIL));
    for (Category c : Category.values()) {
      if (c == Category.MONTHLY_REPORT) {
        continue; // N4: by role, below
      }
      assertTrue(d.enabled(c, Channel.BROWSER));
      assertFalse(d.enabled(c, Channel.TELEGRAM), "Telegram stays off until an account is connected");
    }
    assertEquals(NotificationSettings.EmailMode.IMMEDIATE, d.emailMode());
  }

  @Test
  void theMonthlyReportIsOnForAdminsAndOffForOthersUntilTheyChoose() {
    NotificationSettings d = NotificationSettings.defaults();
    assertTrue(d.forRole(true).enabled(Category.MONTHLY_REPORT, Channel.EMAIL));
    assertTrue(d.forRole(true).enabled(Category.MONTHLY_REPORT, Channel.BROWSER));
    assertFalse(d.forRole(false).enabled(Category.MONTHLY_REPORT, Channel.EMAIL));
    assertFalse(d.forRole(false).enabled(Category.MONTHLY_REPORT, Channel.BROWSER));
    // once chosen, the choice stands whatever the role, and survives the table
    NotificationSettings off = d.forRole(true).merge(Json.read("{\"categories\":{\"monthlyReport\":{\"email\":false}}}"));
    assertFalse(off.forRole(true).enabled(Category.MONTHLY_REPORT, Channel.EMAIL));
    NotificationSettings on = d.merge(Json.read("{\"categories\":{\"monthlyReport\":{\"email\":true}}}"));
    NotificationSettings read = NotificationSettingsMapper.fromItem(NotificationSettingsMapper.toItem(
        new NotificationSettingsItem("acct-1", "user-1", on, null, null, null))).settings();
    assertTrue(read.forRole(false).enabled(Category.MONTHLY_REPORT, Channel.EMAIL));
    assertEquals("monthlyReport", Category.MONTHLY_REPORT.key());
    assertEquals(java.util.Optional.of(Category.MONTHLY_REPORT), Category.of("monthlyReport"));
  }

  @Test
  void aPartialChangeKeepsTheRestAndSurvivesTheTable() {
    NotificationSettings changed = NotificationSettings.defaults().merge(Json.read(
        "{\"categories\":{\"appointment\":{\"push\":true,\"browser\":false}},\"email\":{\"mode\":\"digest\",\"digestHour\":7,\"timeZone\":\"Europe/Paris\"}}"));
    assertTrue(changed.enabled(Category.APPOINTMENT, Channel.PUSH));
    assertFalse(changed.enabled(Category.APPOINTMENT, Channel.BROWSER));
    assertTrue(changed.enabled(Category.CONVERSATION, Channel.EMAIL));
    NotificationSettings read = NotificationSettingsMapper.fromItem(NotificationSettingsMapper.toItem(
        new NotificationSettingsItem("acct-1", "user-1", changed, null, null, null))).settings();
    assertEquals(changed, read);
    assertEquals(NotificationSettings.EmailMode.DIGEST, read.emailMode());
  }

  @Test
  void mistakesAre400sNamingTheField() {
    assertField("categories.sms", "{\"categories\":{\"sms\":{}}}");
    assertField("categories.conversation.fax", "{\"categories\":{\"conversation\":{\"fax\":true}}}");
    assertField("categories.conversation.email", "{\"categories\":{\"conversation\":{\"email\":\"yes\"}}}");
    assertField("email.mode", "{\"email\":{\"mode\":\"weekly\"}}");
    assertField("email.timeZone", "{\"email\":{\"timeZone\":\"+02:00\"}}");
    assertField("email.timeZone", "{\"email\":{\"timeZone\":\"Mars/Olympus\"}}");
    assertField("email.nextDigestAt", "{\"email\":{\"nextDigestAt\":\"2026-11-22T13:00:00.000Z\"}}");
  }

  @Test
  void theDigestHourFollowsTheZoneAcrossDst() {
    ZoneId toronto = ZoneId.of("America/Toronto");
    // Saturday 2026-10-31 after 8:00 EDT (12:00Z): next is Sunday 8:00 EST = 13:00Z
    assertEquals(Instant.parse("2026-11-01T13:00:00Z"), DigestClock.nextAfter(Instant.parse("2026-10-31T12:00:00Z"), 8, toronto));
    // spring forward 2026-03-08: 2:00 does not exist, the digest comes at 3:00 EDT = 7:00Z
    assertEquals(Instant.parse("2026-03-08T07:00:00Z"), DigestClock.nextAfter(Instant.parse("2026-03-08T00:00:00Z"), 2, toronto));
    // strictly after: at the hour itself, the next day's
    assertEquals(Instant.parse("2026-11-22T13:00:00Z"), DigestClock.nextAfter(Instant.parse("2026-11-21T13:00:00Z"), 8, toronto));
  }

  private static void assertField(String field, String body) {
    ApiError error = assertThrows(ApiError.class, () -> NotificationSettings.defaults().merge(Json.read(body)));
    assertEquals(400, error.status());
    assertEquals(field, error.field(), error.getMessage());
  }
}
