package com.textinbox.shared.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.sqs.MalformedMessage;

/**
 * A file job as it travels on its queue (docs/events.md, "File jobs"): which job of which company,
 * who asked (their email gets the link), and the request ({@code params}, also on the job item).
 * The worker reads the job item for its progress, so a redelivered message does the work once.
 *
 * @param kind {@link Job#CUSTOMER_EXPORT}, {@link Job#CONVERSATION_EXPORT} (imports add theirs)
 */
public record JobMessage(String kind, String accountId, String jobId, String requestedBy, String email, JsonNode params) {

  public String toJson() {
    ObjectNode json = Json.object();
    json.put("kind", kind).put("accountId", accountId).put("jobId", jobId).put("requestedBy", requestedBy);
    json.put("email", email);
    json.set("params", params == null ? Json.object() : params);
    return Json.write(json);
  }

  /** The message of {@code body}; a {@link MalformedMessage} for one that is not (the DLQ keeps it). */
  public static JobMessage parse(String body) {
    JsonNode json;
    try {
      json = Json.read(body);
    } catch (RuntimeException notJson) {
      throw new MalformedMessage("not JSON");
    }
    JobMessage message = new JobMessage(Json.text(json, "kind"), Json.text(json, "accountId"), Json.text(json, "jobId"),
        Json.text(json, "requestedBy"), Json.text(json, "email"), json.path("params"));
    if (message.kind() == null || message.accountId() == null || message.jobId() == null) {
      throw new MalformedMessage("a job message has kind, accountId and jobId");
    }
    return message;
  }
}
