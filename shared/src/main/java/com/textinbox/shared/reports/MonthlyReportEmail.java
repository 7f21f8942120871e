package com.textinbox.shared.reports;

import com.textinbox.shared.notifications.Email;
import com.textinbox.shared.notifications.NotificationEmails;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/**
 * The monthly report (N4) as an email, in English or French: a table of the figures beside the
 * month before's, with bars drawn as table cells of a width and a background colour (HTML/CSS
 * that Outlook, Gmail and Apple Mail all render: no image, no div widths, no flexbox), a plain
 * text part with the same figures, and the center item's short version.
 */
public final class MonthlyReportEmail {
  private MonthlyReportEmail() {}

  /** The widest bar, in pixels. */
  static final int BAR_WIDTH = 200;
  static final String THIS_MONTH_COLOUR = "#1a73e8", PREVIOUS_MONTH_COLOUR = "#9aa0a6";

  /** The words of one language. */
  record Words(Locale locale, String subject, String figure, String change, String view, String footer,
      Map<MonthlyCounter, String> labels) {}

  static final Words EN = new Words(Locale.ENGLISH, "Monthly report", "Figure", "Change", "View report",
      "This is an automatic report: replies to this email are not read. Choose which emails you get in your"
          + " notification settings (monthly report).",
      Map.of(MonthlyCounter.MESSAGES_SENT, "Messages sent", MonthlyCounter.MESSAGES_RECEIVED, "Messages received",
          MonthlyCounter.APPOINTMENTS_CONFIRMED, "Appointments confirmed", MonthlyCounter.APPOINTMENTS_CANCELLED,
          "Appointments cancelled", MonthlyCounter.APPOINTMENTS_NOT_CONFIRMED, "Appointments not confirmed"));
  static final Words FR = new Words(Locale.FRENCH, "Rapport mensuel", "Indicateur", "Variation", "Voir le rapport",
      "Ce rapport est automatique : les réponses à ce courriel ne sont pas lues. Choisissez les courriels que vous"
          + " recevez dans vos paramètres de notification (rapport mensuel).",
      Map.of(MonthlyCounter.MESSAGES_SENT, "Messages envoyés", MonthlyCounter.MESSAGES_RECEIVED, "Messages reçus",
          MonthlyCounter.APPOINTMENTS_CONFIRMED, "Rendez-vous confirmés", MonthlyCounter.APPOINTMENTS_CANCELLED,
          "Rendez-vous annulés", MonthlyCounter.APPOINTMENTS_NOT_CONFIRMED, "Rendez-vous non confirmés"));

  /** French for {@code fr} (and {@code fr-CA}...), English otherwise. */
  static Words words(String language) {
    return language != null && language.toLowerCase(Locale.ROOT).startsWith("fr") ? FR : EN;
  }

  /** "November 2026", "novembre 2026". */
  static String monthName(YearMonth month, Locale locale) {
    return month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale) + " " + month.getYear();
  }

  /** The path of the report in the web app. */
  public static String linkPath(YearMonth month) {
    return "/reports/monthly?month=" + month;
  }

  public static String subject(MonthlyReport report, String language) {
    Words w = words(language);
    String separator = w == FR ? " : " : ": ";
    return w.subject() + separator + monthName(report.month(), w.locale())
        + (report.companyName() == null ? "" : " - " + report.companyName());
  }

  /** "+25%", "-10%", "=", or "new" / "nouveau" when the month before was zero. */
  static String change(long value, long previous, Words w) {
    if (value == previous) {
      return "=";
    }
    if (previous == 0) {
      return w == FR ? "nouveau" : "new";
    }
    long percent = Math.round((value - previous) * 100.0 / previous);
    return (percent > 0 ? "+" : "") + percent + " %".substring(w == FR ? 0 : 1);
  }

  public static Email email(String to, MonthlyReport report, String language, String webAppBaseUrl) {
    Words w = words(language);
    String link = NotificationEmails.trimSlash(webAppBaseUrl) + linkPath(report.month());
    String thisMonth = monthName(report.month(), w.locale());
    String before = monthName(report.previous().month(), w.locale());
    String subject = subject(report, language);

    StringBuilder text = new StringBuilder(subject).append("\n\n");
    StringBuilder rows = new StringBuilder();
    for (MonthlyCounter counter : MonthlyCounter.values()) {
      long value = report.value(counter);
      long previous = report.previousValue(counter);
      String change = change(value, previous, w);
      text.append(w.labels().get(counter)).append(": ").append(value).append(" (").append(before).append(": ").append(previous)
          .append(", ").append(change).append(")\n");
      rows.append("<tr>")
          .append(cell(w.labels().get(counter), "left", true))
          .append(cell(Long.toString(value), "right", true))
          .append("<td style=\"padding:6px 8px;border-bottom:1px solid #e0e0e0\">")
          .append(bar(value, report.largest(), THIS_MONTH_COLOUR)).append(bar(previous, report.largest(), PREVIOUS_MONTH_COLOUR))
          .append("</td>")
          .append(cell(Long.toString(previous), "right", false))
          .append(cell(change, "right", false))
          .append("</tr>");
    }
    text.append("\n").append(w.view()).append(": ").append(link).append("\n\n-- \n").append(w.footer()).append("\n");

    String html = "<!DOCTYPE html><html lang=\"" + w.locale().getLanguage() + "\"><head><meta charset=\"utf-8\">"
        + "<title>" + esc(subject) + "</title></head>"
        + "<body style=\"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#202124\">"
        + "<h2 style=\"font-size:20px;margin:0 0 12px\">" + esc(subject) + "</h2>"
        + "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;font-size:14px\">"
        + "<tr style=\"background:#f1f3f4\">"
        + header(w.figure(), "left") + header(thisMonth, "right") + header("", "left") + header(before, "right")
        + header(w.change(), "right") + "</tr>"
        + rows
        + "</table>"
        + "<p style=\"font-size:12px;color:#5f6368\">"
        + legend(THIS_MONTH_COLOUR) + esc(thisMonth) + " &nbsp; " + legend(PREVIOUS_MONTH_COLOUR) + esc(before) + "</p>"
        + "<p><a href=\"" + esc(link) + "\" style=\"background:#1a73e8;color:#ffffff;padding:10px 16px;border-radius:4px;"
        + "text-decoration:none;display:inline-block\">" + esc(w.view()) + "</a></p>"
        + "<p style=\"color:#777777;font-size:12px\">" + esc(w.footer()) + "</p></body></html>";
    return new Email(to, subject, text.toString(), html);
  }

  /** The center item's text: the figures on one line each, with the month before's. */
  public static String summary(MonthlyReport report, String language) {
    Words w = words(language);
    String before = monthName(report.previous().month(), w.locale());
    StringBuilder body = new StringBuilder();
    for (MonthlyCounter counter : MonthlyCounter.values()) {
      if (!body.isEmpty()) {
        body.append("\n");
      }
      body.append(w.labels().get(counter)).append(": ").append(report.value(counter)).append(" (").append(before).append(": ")
          .append(report.previousValue(counter)).append(")");
    }
    return body.toString();
  }

  public static String viewLabel(String language) {
    return words(language).view();
  }

  /**
   * A bar: a one-row table whose cell has the width and the colour (attributes and inline style,
   * which every common client honours); nothing for zero.
   */
  static String bar(long value, long largest, String colour) {
    int width = value <= 0 ? 0 : (int) Math.max(2, Math.round(value * (double) BAR_WIDTH / largest));
    if (width == 0) {
      return "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td height=\"10\""
          + " style=\"height:10px;font-size:0;line-height:0\">&nbsp;</td></tr></table>";
    }
    return "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:1px 0\"><tr>"
        + "<td width=\"" + width + "\" height=\"10\" bgcolor=\"" + colour + "\" style=\"width:" + width + "px;height:10px;"
        + "background:" + colour + ";font-size:0;line-height:0\">&nbsp;</td></tr></table>";
  }

  private static String legend(String colour) {
    return "<span style=\"display:inline-block;width:10px;height:10px;background:" + colour + "\">&nbsp;</span> ";
  }

  private static String header(String text, String align) {
    return "<th align=\"" + align + "\" style=\"padding:6px 8px;text-align:" + align + "\">" + esc(text) + "</th>";
  }

  private static String cell(String text, String align, boolean strong) {
    return "<td align=\"" + align + "\" style=\"padding:6px 8px;border-bottom:1px solid #e0e0e0;text-align:" + align
        + (strong ? ";font-weight:bold" : ";color:#5f6368") + "\">" + esc(text) + "</td>";
  }

  private static String esc(String text) {
    return NotificationEmails.escape(text);
  }
}
