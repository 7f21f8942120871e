package com.textinbox.shared.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.sqs.MalformedMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command on SendSmsQueue that asks SmsSender to text one stored outbound message: where the
 * message is (its conversation and timeline sort key) and its id. Sent by MessagesApi, by
 * InboundSms for a keyword's automatic reply, and again by QueuedSmsSweep for a message whose
 * command was lost. The sender reads everything else from the message, so sending one twice is
 * harmless (it texts a message only while it is QUEUED).
 *
 * <p>Only SmsSender writes the two optional fields, when it puts a command back on the queue to
 * wait (docs/decisions.md 61): {@code placeAt}, the text's place in its number's send line (epoch
 * milliseconds; absent: none taken yet), and {@code deferrals}, how many times it was put back.
 *
 * @param placeAt null when the text holds no place in its number's line
 */
public record SendSmsCommand(String accountId, String conversationId, String timelineSk, String messageId, Long placeAt,
    int deferrals) {

  /** A first command: no place taken, never put back. */
  public SendSmsCommand(String accountId, String conversationId, String timelineSk, String messageId) {
    this(accountId, conversationId, timelineSk, messageId, null, 0);
  }

  /** This command put back once more, holding {@code place} (null: none) in its number's line. */
  public SendSmsCommand deferred(Long place) {
    return new SendSmsCommand(accountId, conversationId, timelineSk, messageId, place, deferrals + 1);
  }

  public String json() {
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("accountId", accountId);
    command.put("conversationId", conversationId);
    command.put("timelineSk", timelineSk);
    command.put("messageId", messageId);
    if (placeAt != null) {
      command.put("placeAt", placeAt);
    }
    if (deferrals > 0) {
      command.put("deferrals", deferrals);
    }
    return Json.write(command);
  }

  /** Reads a command; not JSON, or a field missing or blank, is a {@link MalformedMessage} (it can never succeed: the DLQ keeps it). */
  public static SendSmsCommand parse(String json) {
    JsonNode command;
    try {
      command = Json.read(json);
    } catch (RuntimeException notJson) {
      throw new MalformedMessage("not JSON");
    }
    JsonNode place = command.path("placeAt");
    return new SendSmsCommand(required(command, "accountId"), required(command, "conversationId"),
        required(command, "timelineSk"), required(command, "messageId"),
        place.isIntegralNumber() ? place.asLong() : null, Math.max(0, command.path("deferrals").asInt(0)));
  }

  private static String required(JsonNode command, String field) {
    String value = Json.text(command, field);
    if (value == null || value.isBlank()) {
      throw new MalformedMessage("send command without " + field);
    }
    return value;
  }
}
