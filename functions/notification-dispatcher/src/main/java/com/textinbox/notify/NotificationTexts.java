package com.textinbox.notify;

import com.textinbox.shared.messaging.CustomerMessages;
import com.textinbox.shared.notifications.NotificationEmails.Content;
import com.textinbox.shared.notifications.NotificationEvent;
import com.textinbox.shared.sqs.MalformedMessage;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * What a notification says, from its event and what the table tells about it (names, the message
 * or note). The customer is named as the inbox names them; the preview is the customer's message
 * (or the note), cut to {@link #PREVIEW} code points.
 */
final class NotificationTexts {
  static final int PREVIEW = 200;

  /** What the dispatcher read about the event: any of it may be missing. */
  record Facts(String customerName, String preview, String actorName, String teamName) {}

  private NotificationTexts() {}

  static Content of(NotificationEvent e, Facts facts, boolean toTeamMember) {
    String customer = facts.customerName() == null ? "a customer" : facts.customerName();
    String actor = facts.actorName() == null ? "A teammate" : facts.actorName();
    String conversationLink = e.conversationId() == null ? null : "/conversations/" + e.conversationId();
    String preview = cut(facts.preview());
    String you = toTeamMember && facts.teamName() != null ? "your team " + facts.teamName() : "you";
    return switch (e.type()) {
      case NotificationEvent.MESSAGE_RECEIVED -> new Content("New message from " + customer, preview, conversationLink, "View conversation");
      case NotificationEvent.CONVERSATION_ASSIGNED -> new Content(
          actor + " assigned " + you + " the conversation with " + customer, preview, conversationLink, "View conversation");
      case NotificationEvent.CONVERSATION_ASSIGNED_BULK -> new Content(
          (e.count() == 1 ? "1 conversation was" : e.count() + " conversations were") + " assigned to " + you
              + (facts.actorName() == null ? "" : " by " + facts.actorName()),
          null,
          "TEAM".equals(e.assigneeKind()) ? "/conversations?assignee=team:" + e.assigneeId() : "/conversations?assignee=me",
          "View conversations");
      case NotificationEvent.NOTE_MENTION -> new Content(
          actor + " mentioned you in a note about " + customer, preview, conversationLink, "View conversation");
      case NotificationEvent.APPOINTMENT_CONFIRMED -> appointment(e, customer + " confirmed their appointment", conversationLink);
      case NotificationEvent.APPOINTMENT_CANCELLED -> appointment(e, customer + " cancelled their appointment", conversationLink);
      case NotificationEvent.APPOINTMENT_REPLIED -> new Content(customer + " replied to an appointment reminder", preview,
          conversationLink != null ? conversationLink : "/appointments/" + e.appointmentId(),
          conversationLink != null ? "View conversation" : "View appointment");
      case NotificationEvent.INVOICE_PAID -> new Content("Invoice paid by " + customer + ": " + money(e.amount(), e.currency()),
          null, "/invoices/" + e.invoiceId(), "View invoice");
      default -> throw new MalformedMessage("unknown type " + e.type());
    };
  }

  private static Content appointment(NotificationEvent e, String title, String conversationLink) {
    return new Content(title, null, conversationLink != null ? conversationLink : "/appointments/" + e.appointmentId(),
        conversationLink != null ? "View conversation" : "View appointment");
  }

  static String money(long minorUnits, String currency) {
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException unknown) {
      digits = 2;
    }
    return BigDecimal.valueOf(minorUnits).movePointLeft(digits).toPlainString() + " " + currency;
  }

  /** At most {@link #PREVIEW} code points, never cutting a character (an emoji) in two. */
  static String cut(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String stripped = text.strip();
    if (stripped.codePointCount(0, stripped.length()) <= PREVIEW) {
      return stripped;
    }
    return CustomerMessages.firstCodePoints(stripped, PREVIEW - 1) + "…";
  }
}
