package com.textinbox.shared.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.notifications.Email;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monthly report's email and center text (N4), in English and French, with no AWS. */
class MonthlyReportEmailTest {
  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

  private static MonthlyReport report(String company) {
    return new MonthlyReport(company, "America/Toronto", NOVEMBER,
        new MonthlyCounts(NOVEMBER, Map.of(MonthlyCounter.MESSAGES_SENT, 120L, MonthlyCounter.MESSAGES_RECEIVED, 90L,
            MonthlyCounter.APPOINTMENTS_CONFIRMED, 30L)),
        new MonthlyCounts(NOVEMBER.minusMonths(1), Map.of(MonthlyCounter.MESSAGES_SENT, 100L, MonthlyCounter.MESSAGES_RECEIVED, 90L,
            MonthlyCounter.APPOINTMENTS_CANCELLED, 4L)), true);
  }

  @Test
  void englishTableWithTheMonthBeforeAndTheChange() {
    Email email = MonthlyReportEmail.email("alice@example.com", report("Maple Motors"), "en", "https://app.example.com/");
    assertEquals("alice@example.com", email.to());
    assertEquals("Monthly report: November 2026 - Maple Motors", email.subject());
    assertTrue(email.text().contains("Messages sent: 120 (October 2026: 100, +20%)"), email.text());
    assertTrue(email.text().contains("Messages received: 90 (October 2026: 90, =)"), email.text());
    assertTrue(email.text().contains("Appointments confirmed: 30 (October 2026: 0, new)"), email.text());
    assertTrue(email.text().contains("Appointments cancelled: 0 (October 2026: 4, -100%)"), email.text());
    assertTrue(email.text().contains("View report: https://app.example.com/reports/monthly?month=2026-11"), email.text());
    assertTrue(email.html().contains("<th align=\"right\" style=\"padding:6px 8px;text-align:right\">November 2026</th>"));
    assertTrue(email.html().contains("<th align=\"right\" style=\"padding:6px 8px;text-align:right\">October 2026</th>"));
  }

  @Test
  void barsAreTableCellsScaledToTheLargestFigure() {
    // 120 is the largest: the full 200 px; 100 -> 167 px; 0 -> no coloured cell
    assertTrue(MonthlyReportEmail.bar(120, 120, "#1a73e8").contains("width=\"200\" height=\"10\" bgcolor=\"#1a73e8\""));
    assertTrue(MonthlyReportEmail.bar(100, 120, "#9aa0a6").contains("width:167px"));
    assertFalse(MonthlyReportEmail.bar(0, 120, "#1a73e8").contains("bgcolor"));
    assertTrue(MonthlyReportEmail.bar(1, 100_000, "#1a73e8").contains("width=\"2\""), "a figure above zero always shows");
    String html = MonthlyReportEmail.email("a@example.com", report("X"), "en", "https://app.example.com").html();
    assertFalse(html.contains("<div"), "no div widths: Outlook ignores them");
    assertFalse(html.contains("<img"), "no image to host");
  }

  @Test
  void frenchWordsAndMonths() {
    Email email = MonthlyReportEmail.email("chloe@example.com", report("Garage Tremblay"), "fr", "https://app.example.com");
    assertEquals("Rapport mensuel : novembre 2026 - Garage Tremblay", email.subject());
    assertTrue(email.text().contains("Messages envoyés: 120 (octobre 2026: 100, +20 %)"), email.text());
    assertTrue(email.text().contains("Rendez-vous non confirmés: 0 (octobre 2026: 0, =)"), email.text());
    assertTrue(email.html().startsWith("<!DOCTYPE html><html lang=\"fr\">"));
    assertTrue(email.html().contains("Voir le rapport"));
    assertEquals(MonthlyReportEmail.EN, MonthlyReportEmail.words(null), "English when the company has no language");
    assertEquals(MonthlyReportEmail.FR, MonthlyReportEmail.words("fr-CA"));
  }

  @Test
  void namesAreEscaped() {
    Email email = MonthlyReportEmail.email("a@example.com", report("<b>Bad & Co</b>"), "en", "https://app.example.com");
    assertTrue(email.html().contains("&lt;b&gt;Bad &amp; Co&lt;/b&gt;"));
    assertFalse(email.html().contains("<b>Bad"));
  }

  @Test
  void theCenterTextHasTheSameFigures() {
    String summary = MonthlyReportEmail.summary(report("Maple Motors"), "en");
    assertEquals("Messages sent: 120 (October 2026: 100)\nMessages received: 90 (October 2026: 90)\n"
        + "Appointments confirmed: 30 (October 2026: 0)\nAppointments cancelled: 0 (October 2026: 4)\n"
        + "Appointments not confirmed: 0 (October 2026: 0)", summary);
  }

  @Test
  void aMonthIsDueOnceItsNextBeganInTheZoneAndMonthsAreParsedStrictly() {
    java.time.ZoneId toronto = java.time.ZoneId.of("America/Toronto");
    assertFalse(ReportSchedule.due(NOVEMBER, toronto, java.time.Instant.parse("2026-12-01T04:59:59Z")));
    assertTrue(ReportSchedule.due(NOVEMBER, toronto, java.time.Instant.parse("2026-12-01T05:00:00Z")));
    assertTrue(ReportSchedule.due(NOVEMBER, java.time.ZoneId.of("Pacific/Kiritimati"), java.time.Instant.parse("2026-11-30T10:00:00Z")));
    assertEquals(YearMonth.of(2026, 12), ReportSchedule.firstMonthNotDue(java.time.Instant.parse("2026-11-30T10:00:00Z")));
    assertEquals(java.util.Optional.of(NOVEMBER), ReportSchedule.parse("2026-11"));
    for (String bad : new String[] {"2026-13", "2026-1", "26-11", "2026-11-01", "november", "", "1999-12"}) {
      assertEquals(java.util.Optional.empty(), ReportSchedule.parse(bad), bad);
    }
    assertEquals(java.util.Optional.empty(), ReportSchedule.parse(null));
  }
}
