package com.textinbox.shared.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command on SendSmsQueue that asks SmsSender to text one stored outbound message: where the
 * message is (its conversation and timeline sort key) and its id. Sent by MessagesApi, by
 * InboundSms for a keyword's automatic reply, and again by QueuedSmsSweep for a message whose
 * command was lost. The sender reads everything else from the message, so sending one twice is
 * harmless (it texts a message only while it is QUEUED).
 */
public record SendSmsCommand(String accountId, String conversationId, String timelineSk, String messageId) {

  public String json() {
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("accountId", accountId);
    command.put("conversationId", conversationId);
    command.put("timelineSk", timelineSk);
    command.put("messageId", messageId);
    return Json.write(command);
  }

  /** Reads a command; a field missing or blank is an {@link IllegalArgumentException} (the payload can never succeed). */
  public static SendSmsCommand parse(String json) {
    JsonNode command = Json.read(json);
    return new SendSmsCommand(required(command, "accountId"), required(command, "conversationId"),
        required(command, "timelineSk"), required(command, "messageId"));
  }

  private static String required(JsonNode command, String field) {
    String value = Json.text(command, field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("send command without " + field);
    }
    return value;
  }
}
