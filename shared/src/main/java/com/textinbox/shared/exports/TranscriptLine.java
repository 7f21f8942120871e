package com.textinbox.shared.exports;

import com.textinbox.shared.conversations.AppointmentEvent;
import com.textinbox.shared.conversations.ComplianceEvent;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.Note;
import com.textinbox.shared.conversations.TimelineEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One timeline entry as the conversation's PDF shows it (C13): when (in the company's time zone),
 * who, its delivery status, its text, whether it is internal (notes and events: never seen by the
 * customer), and its attachments by file name (seed 001: files are listed, not shown).
 */
public record TranscriptLine(String time, String sender, String status, String text, boolean internal,
    List<String> attachments) {

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);

  public TranscriptLine {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** The names a transcript needs besides the entries' own: the customer's and the company's. */
  public record Names(String customer, String company) {}

  /** The entry as a line; null for an entry kind the transcript does not show. */
  public static TranscriptLine of(TimelineEntry entry, Names names, ZoneId zone) {
    String time = time(entry.at(), zone);
    return switch (entry) {
      case Message m -> new TranscriptLine(time, sender(m, names), status(m), m.body() == null ? "" : m.body(), false,
          List.of());
      case Note n -> new TranscriptLine(time, orDash(n.authorName(), n.authorId()), "Internal note", n.text(), true,
          List.of());
      case ConversationEvent e -> new TranscriptLine(time, orDash(e.byName(), e.by()), "Internal event", event(e), true,
          List.of());
      case ComplianceEvent c -> new TranscriptLine(time, names.customer(), "Internal event", compliance(c), true,
          List.of());
      case AppointmentEvent a -> new TranscriptLine(time, names.company(), "Internal event", appointment(a), true,
          List.of());
    };
  }

  /** A time of the timeline in the company's zone: {@code 2026-11-21 09:03 EST}. */
  public static String time(String iso, ZoneId zone) {
    return iso == null ? "" : TIME.format(Instant.parse(iso).atZone(zone));
  }

  static String sender(Message m, Names names) {
    if (m.inbound()) {
      return orDash(names.customer(), m.from());
    }
    if (m.senderName() != null) {
      return m.senderName();
    }
    if (m.source() != null && !Message.Source.USER.equals(m.source().type())) {
      return names.company() + " (" + m.source().type() + ")";
    }
    return names.company();
  }

  /** Received, Queued, Sent, Delivered, Failed: the reason. */
  static String status(Message m) {
    if (m.inbound()) {
      return "Received";
    }
    String status = m.status() == null ? "" : m.status();
    return switch (status) {
      case Message.DELIVERED -> "Delivered";
      case Message.SENT -> "Sent";
      case Message.QUEUED -> "Queued";
      case Message.FAILED -> "Failed" + (m.failureReason() == null ? "" : ": " + m.failureReason());
      default -> status;
    };
  }

  static String event(ConversationEvent e) {
    return switch (e.event()) {
      case ConversationEvent.ASSIGNED -> "Assigned to " + (e.assignee() == null ? "?" : orDash(e.assignee().name(), e.assignee().id()));
      case ConversationEvent.UNASSIGNED -> "Unassigned";
      case ConversationEvent.CLOSED -> "Conversation closed";
      case ConversationEvent.REOPENED -> "Conversation reopened";
      case ConversationEvent.UNSUBSCRIBED -> "Customer unsubscribed by staff";
      default -> e.event();
    };
  }

  /** AP2: the reminder, and what the customer's reply did to the appointment it answered. */
  static String appointment(AppointmentEvent a) {
    return switch (a.event()) {
      case AppointmentEvent.REMINDED -> "Appointment reminder sent";
      case AppointmentEvent.CONFIRMED -> "Appointment confirmed by the customer";
      case AppointmentEvent.CANCELLED -> "Appointment cancelled by the customer";
      case AppointmentEvent.REPLIED -> "Customer replied about the appointment";
      default -> "Appointment " + a.event();
    };
  }

  static String compliance(ComplianceEvent c) {
    String what = switch (c.event()) {
      case "unsubscribed" -> "unsubscribed";
      case "resubscribed" -> "resubscribed";
      case "help-requested" -> "asked for help";
      default -> c.event();
    };
    return "Customer texted " + c.keyword() + ": " + what;
  }

  private static String orDash(String value, String otherwise) {
    return value != null && !value.isBlank() ? value : otherwise != null ? otherwise : "-";
  }
}
