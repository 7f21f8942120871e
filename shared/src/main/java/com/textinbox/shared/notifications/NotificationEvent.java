package com.textinbox.shared.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.sqs.MalformedMessage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One event of the notification events queue (docs/events.md, "Notification events"), read and
 * checked. Anything that does not follow the contract is a {@link MalformedMessage}: it can never be
 * delivered, so it is left to fail until the queue moves it to its DLQ, unchanged, for a person.
 */
public record NotificationEvent(
    String eventId,
    String type,
    String accountId,
    Instant at,
    String actorUserId,
    String conversationId,
    String customerId,
    String messageId,
    String noteId,
    String mentionedUserId,
    String assigneeKind,
    String assigneeId,
    int count,
    String appointmentId,
    String invoiceId,
    long amount,
    String currency,
    List<String> recipientUserIds) {

  public static final String MESSAGE_RECEIVED = "message.received";
  public static final String CONVERSATION_ASSIGNED = "conversation.assigned";
  public static final String CONVERSATION_ASSIGNED_BULK = "conversation.assigned.bulk";
  public static final String NOTE_MENTION = "note.mention";
  public static final String APPOINTMENT_CONFIRMED = "appointment.confirmed";
  public static final String APPOINTMENT_CANCELLED = "appointment.cancelled";
  public static final String APPOINTMENT_REPLIED = "appointment.replied";
  public static final String INVOICE_PAID = "invoice.paid";

  /** Ids are keys of the table: no separators, bounded. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:@#-]{1,256}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  public Category category() {
    return switch (type) {
      case NOTE_MENTION -> Category.MENTION;
      case APPOINTMENT_CONFIRMED, APPOINTMENT_CANCELLED, APPOINTMENT_REPLIED -> Category.APPOINTMENT;
      case INVOICE_PAID -> Category.INVOICE;
      default -> Category.CONVERSATION;
    };
  }

  public static NotificationEvent parse(String body) {
    JsonNode json;
    try {
      json = Json.read(body == null ? "" : body);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessage("not JSON");
    }
    if (!json.isObject()) {
      throw new MalformedMessage("not a JSON object");
    }
    String type = required(json, "type", null);
    String eventId = Json.text(json, "eventId");
    if (eventId == null || !EVENT_ID.matcher(eventId).matches()) {
      throw new MalformedMessage("eventId is missing or not an id");
    }
    String accountId = required(json, "accountId", type);
    Instant at;
    try {
      at = Instant.parse(required(json, "at", type));
    } catch (DateTimeParseException e) {
      throw new MalformedMessage("at is not an ISO-8601 instant");
    }
    String actor = optional(json, "actorUserId");
    String conversationId = null;
    String customerId = null;
    String messageId = null;
    String noteId = null;
    String mentioned = null;
    String assigneeKind = null;
    String assigneeId = null;
    int count = 0;
    String appointmentId = null;
    String invoiceId = null;
    long amount = 0;
    String currency = null;
    List<String> recipients = recipients(json);
    switch (type) {
      case MESSAGE_RECEIVED -> {
        conversationId = required(json, "conversationId", type);
        customerId = required(json, "customerId", type);
        messageId = required(json, "messageId", type);
      }
      case CONVERSATION_ASSIGNED -> {
        conversationId = required(json, "conversationId", type);
        customerId = required(json, "customerId", type);
        assigneeKind = assigneeKind(json, type);
        assigneeId = required(json, "assigneeId", type);
        noteId = optional(json, "noteId");
      }
      case CONVERSATION_ASSIGNED_BULK -> {
        assigneeKind = assigneeKind(json, type);
        assigneeId = required(json, "assigneeId", type);
        if (!json.path("count").isIntegralNumber() || json.path("count").asInt() < 1) {
          throw new MalformedMessage(type + ": count must be a positive whole number");
        }
        count = json.path("count").asInt();
      }
      case NOTE_MENTION -> {
        conversationId = required(json, "conversationId", type);
        customerId = required(json, "customerId", type);
        noteId = required(json, "noteId", type);
        mentioned = required(json, "mentionedUserId", type);
        // the note's author is the actor (docs/events.md)
        actor = actor != null ? actor : optional(json, "authorId");
      }
      case APPOINTMENT_CONFIRMED, APPOINTMENT_CANCELLED, APPOINTMENT_REPLIED -> {
        appointmentId = required(json, "appointmentId", type);
        customerId = required(json, "customerId", type);
        conversationId = optional(json, "conversationId");
        if (conversationId == null && recipients.isEmpty()) {
          throw new MalformedMessage(type + ": needs recipientUserIds or a conversationId whose assignee is told");
        }
      }
      case INVOICE_PAID -> {
        invoiceId = required(json, "invoiceId", type);
        customerId = required(json, "customerId", type);
        if (!json.path("amount").isIntegralNumber() || json.path("amount").asLong() < 0) {
          throw new MalformedMessage(type + ": amount must be a whole number of minor units");
        }
        amount = json.path("amount").asLong();
        currency = Json.text(json, "currency");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
          throw new MalformedMessage(type + ": currency must be an ISO 4217 code");
        }
        if (recipients.isEmpty()) {
          throw new MalformedMessage(type + ": recipientUserIds is required");
        }
      }
      default -> throw new MalformedMessage("unknown type " + type);
    }
    return new NotificationEvent(eventId, type, accountId, at, actor, conversationId, customerId, messageId, noteId,
        mentioned, assigneeKind, assigneeId, count, appointmentId, invoiceId, amount, currency, recipients);
  }

  private static String assigneeKind(JsonNode json, String type) {
    String kind = required(json, "assigneeKind", type);
    if (!kind.equals("USER") && !kind.equals("TEAM")) {
      throw new MalformedMessage(type + ": assigneeKind must be USER or TEAM");
    }
    return kind;
  }

  private static List<String> recipients(JsonNode json) {
    JsonNode node = json.get("recipientUserIds");
    List<String> ids = new ArrayList<>();
    if (node == null || node.isNull()) {
      return ids;
    }
    if (!node.isArray() || node.size() > 100) {
      throw new MalformedMessage("recipientUserIds must be a list of at most 100 user ids");
    }
    for (JsonNode id : node) {
      if (!id.isTextual() || !ID.matcher(id.asText()).matches()) {
        throw new MalformedMessage("recipientUserIds holds something that is not a user id");
      }
      if (!ids.contains(id.asText())) {
        ids.add(id.asText());
      }
    }
    return ids;
  }

  private static String required(JsonNode json, String field, String type) {
    String value = Json.text(json, field);
    if (value == null || value.isBlank()) {
      throw new MalformedMessage((type == null ? "" : type + ": ") + field + " is required");
    }
    if (!field.equals("at") && !field.equals("type") && !ID.matcher(value).matches()) {
      throw new MalformedMessage((type == null ? "" : type + ": ") + field + " is not an id");
    }
    return value;
  }

  private static String optional(JsonNode json, String field) {
    String value = Json.text(json, field);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!ID.matcher(value).matches()) {
      throw new MalformedMessage(field + " is not an id");
    }
    return value;
  }
}
