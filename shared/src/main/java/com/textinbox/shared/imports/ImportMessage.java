package com.textinbox.shared.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.sqs.MalformedMessage;

/**
 * A run of an import as it travels on the CustomerImportQueue (docs/events.md, "Customer import
 * runs"): which run of which import of which company, and who asked (their email gets the report's
 * link). The worker reads the run's progress from the table, so a message delivered twice, or sent
 * again by a worker whose time ran out, resumes the run where it is.
 */
public record ImportMessage(String accountId, String importId, int run, String requestedBy, String email) {
  public String toJson() {
    var o = Json.object().put("accountId", accountId).put("importId", importId).put("run", run)
        .put("requestedBy", requestedBy);
    if (email != null) {
      o.put("email", email);
    }
    return Json.write(o);
  }

  /** The message of {@code body}; a {@link MalformedMessage} for one that is not (the DLQ keeps it). */
  public static ImportMessage parse(String body) {
    JsonNode o;
    try {
      o = Json.read(body);
    } catch (RuntimeException notJson) {
      throw new MalformedMessage("not JSON");
    }
    if (!o.path("accountId").isTextual() || !o.path("importId").isTextual() || !o.path("run").canConvertToInt()
        || o.path("run").asInt() < 1) {
      throw new MalformedMessage("a customer import message has accountId, importId and run");
    }
    return new ImportMessage(o.get("accountId").asText(), o.get("importId").asText(), o.get("run").asInt(),
        o.path("requestedBy").asText(null), o.path("email").asText(null));
  }
}
