package com.textinbox.shared.notifications;

/** An email to one person: plain text and HTML bodies of the same content. */
public record Email(String to, String subject, String text, String html) {

  /** An email of plain text only; its HTML body is the same text, escaped, its line breaks kept. */
  public static Email ofText(String to, String subject, String text) {
    return new Email(to, subject, text,
        "<html><body><p>" + NotificationEmails.escape(text).replace("\n", "<br>") + "</p></body></html>");
  }
}
