package com.textinbox.shared.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;

/**
 * A conversation's PDF export (C13, seed "Exporting a conversation"): all of it or a date range
 * (dates in the company's time zone, both ends included), with or without the internal entries
 * (notes and events).
 */
public record ConversationExport(String conversationId, String from, String to, boolean includeInternal) {

  public JsonNode toJson() {
    ObjectNode json = Json.object().put("conversationId", conversationId).put("includeInternal", includeInternal);
    if (from != null) {
      json.put("from", from);
    }
    if (to != null) {
      json.put("to", to);
    }
    return json;
  }

  public static ConversationExport of(JsonNode params) {
    return new ConversationExport(Json.text(params, "conversationId"), Json.text(params, "from"), Json.text(params, "to"),
        !params.has("includeInternal") || params.get("includeInternal").asBoolean(true));
  }
}
