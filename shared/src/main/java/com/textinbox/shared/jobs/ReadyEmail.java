package com.textinbox.shared.jobs;

import static com.textinbox.shared.notifications.NotificationEmails.escape;

import com.textinbox.shared.notifications.Email;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The "your file is ready" email of a file job (P7, C13, P4's report): what was made, the download
 * link, and until when it works (7 days; in the company's time zone).
 */
public final class ReadyEmail {
  static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' HH:mm z", Locale.ENGLISH);
  static final String FOOTER = "This is an automatic message: replies to this email are not read.";

  private ReadyEmail() {}

  /**
   * @param what the file in words ("Your customer list (unsubscribed, 2026-11-01 to 2026-11-30)")
   * @param link the presigned download link
   */
  public static Email of(String to, String what, String fileName, String link, Instant expiresAt, ZoneId zone) {
    String until = UNTIL.format(expiresAt.atZone(zone));
    String subject = what + " is ready";
    String text = subject + ".\n\nDownload " + fileName + ": " + link + "\n\nThe link works until " + until
        + ". Export again for a fresh one.\n\n-- \n" + FOOTER + "\n";
    String html = "<html><body style=\"font-family:sans-serif\">"
        + "<h2>" + escape(subject) + "</h2>"
        + "<p><a href=\"" + escape(link) + "\" style=\"background:#1a73e8;color:#fff;padding:10px 16px;"
        + "border-radius:4px;text-decoration:none\">Download " + escape(fileName) + "</a></p>"
        + "<p>The link works until " + escape(until) + ". Export again for a fresh one.</p>"
        + "<p style=\"color:#777;font-size:12px\">" + escape(FOOTER) + "</p></body></html>";
    return new Email(to, subject, text, html);
  }
}
