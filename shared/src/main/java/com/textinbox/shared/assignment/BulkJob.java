package com.textinbox.shared.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bulk assignment job as it travels on the BulkAssignQueue (docs/events.md, "Bulk assignment
 * jobs"): who assigns what to whom. The job item {@code A#<acct>} / {@code JOB#<jobId>} holds its
 * status and progress; the messages carry what a step needs, so a chunk reads no job item.
 *
 * <ul>
 *   <li>{@code bulk.ids}: the conversation ids chosen one by one (at most {@link #MAX_IDS}),
 *       split by the worker into chunks;
 *   <li>{@code bulk.page}: page {@code page} of a list (select all) from {@code cursor};
 *   <li>{@code bulk.chunk}: up to {@link #CHUNK_SIZE} conversations to assign ({@code chunk} is
 *       its stable id within the job).
 * </ul>
 */
public record BulkJob(String type, String accountId, String jobId, Assignee assignee, String by, String byName,
    List<String> conversationIds, Integer page, String cursor, ConversationLists.Spec list, String chunk) {

  public static final String IDS = "bulk.ids";
  public static final String PAGE = "bulk.page";
  public static final String CHUNK = "bulk.chunk";
  /** Conversations per chunk: 25 x 2 items fit one TransactWriteItems (100 at most). */
  public static final int CHUNK_SIZE = 25;
  /** Conversations per page of a "select all" list. */
  public static final int PAGE_SIZE = 100;
  /** Ids one request may name; a larger selection is a list ("select all"). */
  public static final int MAX_IDS = 1000;
  /** Conversation ids named in the bulk notification event. */
  public static final int SAMPLE_IDS = 20;

  public BulkJob withStep(String newType, List<String> ids, Integer newPage, String newCursor, String newChunk) {
    return new BulkJob(newType, accountId, jobId, assignee, by, byName, ids, newPage, newCursor, list, newChunk);
  }

  public String toJson() {
    Map<String, Object> json = fields("type", type, "accountId", accountId, "jobId", jobId,
        "assignee", fields("kind", assignee.kind(), "id", assignee.id(), "name", assignee.name()),
        "by", by, "byName", byName);
    if (conversationIds != null) {
      json.put("conversationIds", conversationIds);
    }
    if (page != null) {
      json.put("page", page);
      json.put("cursor", cursor);
    }
    if (list != null) {
      json.put("list", fields("assignee", list.assignee(), "status", list.status(), "filter", list.filter(),
          "userId", list.userId()));
    }
    if (chunk != null) {
      json.put("chunk", chunk);
    }
    return Json.write(json);
  }

  /** A JSON object of {@code name, value} pairs, in order; null values are kept (written as null). */
  private static Map<String, Object> fields(Object... pairs) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put((String) pairs[i], pairs[i + 1]);
    }
    return fields;
  }

  public static BulkJob parse(String body) {
    JsonNode json = Json.read(body);
    JsonNode a = json.path("assignee");
    List<String> ids = null;
    if (json.has("conversationIds")) {
      ids = new ArrayList<>();
      for (JsonNode id : json.get("conversationIds")) {
        ids.add(id.asText());
      }
    }
    ConversationLists.Spec list = null;
    if (json.hasNonNull("list")) {
      JsonNode l = json.get("list");
      list = new ConversationLists.Spec(Json.text(l, "assignee"), Json.text(l, "status"), Json.text(l, "filter"),
          Json.text(l, "userId"));
    }
    return new BulkJob(Json.text(json, "type"), Json.text(json, "accountId"), Json.text(json, "jobId"),
        new Assignee(Json.text(a, "kind"), Json.text(a, "id"), Json.text(a, "name")), Json.text(json, "by"),
        Json.text(json, "byName"), ids, json.hasNonNull("page") ? json.get("page").asInt() : null, Json.text(json, "cursor"),
        list, Json.text(json, "chunk"));
  }
}
