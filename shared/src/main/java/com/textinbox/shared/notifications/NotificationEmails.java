package com.textinbox.shared.notifications;

import java.util.List;

/**
 * The emails notifications become: one notification (immediate), or the daily digest of several.
 * Each carries its link into the web app ("View conversation", "View invoice"); the footer says a
 * reply goes nowhere, since the Reply-To is a no-reply address (N3).
 */
public final class NotificationEmails {
  static final String FOOTER = "This is an automatic notification: replies to this email are not read and never reach"
      + " your customer. Open the link to answer them.";

  private NotificationEmails() {}

  /** What one notification says, and where its link goes (a path of the web app). */
  public record Content(String title, String body, String linkPath, String linkLabel) {
    public String link(String webAppBaseUrl) {
      return linkPath == null ? webAppBaseUrl : trimSlash(webAppBaseUrl) + linkPath;
    }
  }

  public static Email single(String to, Content content, String webAppBaseUrl) {
    String link = content.link(webAppBaseUrl);
    String text = content.title() + "\n\n" + nullToEmpty(content.body()) + "\n\n" + content.linkLabel() + ": " + link
        + "\n\n-- \n" + FOOTER + "\n";
    String html = "<html><body style=\"font-family:sans-serif\">"
        + "<h2>" + escape(content.title()) + "</h2>"
        + (content.body() == null ? "" : "<p>" + escape(content.body()) + "</p>")
        + "<p><a href=\"" + escape(link) + "\" style=\"background:#1a73e8;color:#fff;padding:10px 16px;"
        + "border-radius:4px;text-decoration:none\">" + escape(content.linkLabel()) + "</a></p>"
        + "<p style=\"color:#777;font-size:12px\">" + escape(FOOTER) + "</p></body></html>";
    return new Email(to, content.title(), text, html);
  }

  public static Email digest(String to, List<Content> items, String webAppBaseUrl) {
    String subject = items.size() == 1 ? "Your daily summary: 1 notification" : "Your daily summary: " + items.size() + " notifications";
    StringBuilder text = new StringBuilder(subject).append("\n");
    StringBuilder html = new StringBuilder("<html><body style=\"font-family:sans-serif\"><h2>").append(escape(subject)).append("</h2><ul>");
    for (Content item : items) {
      String link = item.link(webAppBaseUrl);
      text.append("\n- ").append(item.title());
      if (item.body() != null) {
        text.append("\n  ").append(item.body());
      }
      text.append("\n  ").append(item.linkLabel()).append(": ").append(link).append("\n");
      html.append("<li><strong>").append(escape(item.title())).append("</strong>");
      if (item.body() != null) {
        html.append("<br>").append(escape(item.body()));
      }
      html.append("<br><a href=\"").append(escape(link)).append("\">").append(escape(item.linkLabel())).append("</a></li>");
    }
    text.append("\n-- \n").append(FOOTER).append("\n");
    html.append("</ul><p style=\"color:#777;font-size:12px\">").append(escape(FOOTER)).append("</p></body></html>");
    return new Email(to, subject, text.toString(), html.toString());
  }

  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  public static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
