package com.textinbox.conversations;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.Assignments;
import com.textinbox.shared.assignment.BulkJob;
import com.textinbox.shared.assignment.ConversationLists;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Assigning conversations (C4), in the conversations API because it acts on the same resource
 * and reuses its reads (the conversation, 404 across companies) and its notes with mentions:
 * one conversation (with an optional note), bulk jobs (ids, or a whole list: select all), their
 * progress, and the company's default assignee (the automatic assignment's fallback). Admins and
 * users may assign; free users get 403 (ApiHandler). docs/data-model.md, "Assignment".
 */
final class Assigning {
  private static final int ATTEMPTS = 3;

  private final ConversationsApi api;
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final Notes notes;
  private final EventQueue notifications;
  private final EventQueue bulkJobs;

  Assigning(ConversationsApi api, DynamoDbClient dynamoDb, String table, Clock clock, Notes notes,
      EventQueue notifications, EventQueue bulkJobs) {
    this.api = api;
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.notes = notes;
    this.notifications = notifications;
    this.bulkJobs = bulkJobs;
  }

  // ------------------------------------------------------------------ POST /conversations/{id}/assign

  /**
   * Assigns one conversation to a user or a team ({@code {"assignee":{"kind":"user","id":...}}}),
   * or unassigns it ({@code "assignee": null}), optionally with a note ({@code "note"}) whose
   * mentions are announced. One transaction: the conversation (its assignee list moves), the
   * {@code assigned} timeline event and the note. Then a {@code conversation.assigned}
   * notification event. Already with that assignee: 200 {@code changed=false}, the note stored alone.
   */
  ApiResponse assign(ApiRequest request) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    String conversationId = request.pathParameter("conversationId");
    Map<String, AttributeValue> conversation = api.conversation(accountId, conversationId);
    JsonNode body = request.json();
    if (!body.isObject() || !body.has("assignee")) {
      throw ApiError.invalid("assignee", "'assignee' is required: {\"kind\": \"user\" or \"team\", \"id\": ...}, or null to unassign.");
    }
    String[] wanted = assigneeOf(body.get("assignee"), "assignee");
    String noteText = body.hasNonNull("note") ? Notes.text(body.get("note"), "note") : null;

    Map<String, Map<String, AttributeValue>> directory = directory(accountId, caller.userId(), wanted, conversation);
    Assignee target = wanted == null ? null : target(accountId, wanted, directory);
    String byName = nameIn(directory, Assignments.directoryKey(accountId, Assignee.USER, caller.userId()));

    for (int attempt = 1; ; attempt++) {
      String now = Keys.time(clock.instant());
      String previousKind = str(conversation, "assigneeKind");
      String previousId = str(conversation, "assigneeId");
      boolean same = target == null ? previousId == null : target.sameAs(previousKind, previousId);
      Notes.Note note = noteText == null ? null : notes.build(caller, conversationId, noteText, now);
      List<TransactWriteItem> items = new ArrayList<>();
      String eventId = "asg-" + UUID.randomUUID();
      if (!same) {
        String previousName = previousId == null ? null
            : nameIn(directory(accountId, previousKind, previousId, directory), Assignments.directoryKey(accountId, previousKind, previousId));
        items.addAll(Assignments.writes(table, new Assignments.Change(accountId, conversation, target, previousName,
            caller.userId(), byName, null, null, eventId, eventId, note == null ? null : note.noteId(), null, now, null)));
      }
      if (note != null) {
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(note.item())
            .conditionExpression("attribute_not_exists(PK)").build()).build());
      }
      try {
        if (!items.isEmpty()) {
          dynamoDb.transactWriteItems(b -> b.transactItems(items));
        }
      } catch (TransactionCanceledException changed) {
        if (attempt == ATTEMPTS || !Assignments.conditionFailed(changed.cancellationReasons())) {
          throw changed;
        }
        // a message, a close or another assignment meanwhile: read it again
        conversation = api.conversation(accountId, conversationId);
        continue;
      }
      String customerId = str(conversation, "customerId");
      if (!same && target != null) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("type", "conversation.assigned");
        event.put("accountId", accountId);
        event.put("at", now);
        event.put("actorUserId", caller.userId());
        event.put("conversationId", conversationId);
        event.put("customerId", customerId);
        event.put("assigneeKind", target.kind());
        event.put("assigneeId", target.id());
        if (note != null) {
          event.put("noteId", note.noteId());
        }
        notifications.send(eventId, "conversation.assigned", Json.write(event));
      }
      if (note != null) {
        notes.announce(caller, note, conversationId, customerId, now);
      }
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("conversationId", conversationId);
      view.put("changed", !same);
      view.put("assignee", target == null ? null : view(target));
      view.put("previousAssignee", previousId == null ? null : Map.of("kind", previousKind.toLowerCase(java.util.Locale.ROOT),
          "id", previousId));
      view.put("eventId", same ? null : eventId);
      view.put("assignedAt", same ? null : now);
      view.put("noteId", note == null ? null : note.noteId());
      return ApiResponse.ok(view);
    }
  }

  // ------------------------------------------------------------------ bulk jobs

  /**
   * A bulk assignment: {@code {"assignee": {...}, "conversationIds": [...]}} (at most 1,000) or
   * {@code {"assignee": {...}, "list": {"assignee","status","filter"}}} (every conversation of that
   * list, as GET /conversations shows it to the caller: select all). Answers 202 with the job;
   * the Assignment function does the work from the BulkAssignQueue.
   */
  ApiResponse createBulkJob(ApiRequest request) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    JsonNode body = request.json();
    if (!body.isObject()) {
      throw ApiError.badRequest("The body must be a JSON object.");
    }
    String[] wanted = assigneeOf(body.get("assignee"), "assignee");
    if (wanted == null) {
      throw ApiError.invalid("assignee", "A bulk assignment needs an assignee {\"kind\", \"id\"}.");
    }
    boolean byIds = body.has("conversationIds");
    boolean byList = body.has("list");
    if (byIds == byList) {
      throw ApiError.invalid(byIds ? "list" : "conversationIds",
          "Give either 'conversationIds' (the chosen conversations) or 'list' (every conversation of a list), not both.");
    }
    List<String> ids = null;
    ConversationLists.Spec list = null;
    if (byIds) {
      ids = ids(body.get("conversationIds"));
    } else {
      JsonNode l = body.get("list");
      if (l == null || !l.isObject()) {
        throw ApiError.invalid("list", "'list' is an object {\"assignee\", \"status\", \"filter\"} as GET /conversations takes.");
      }
      list = ConversationLists.Spec.of(Json.text(l, "assignee"), Json.text(l, "status"), Json.text(l, "filter"), caller.userId());
    }
    Map<String, Map<String, AttributeValue>> directory = directory(accountId, caller.userId(), wanted, null);
    Assignee target = target(accountId, wanted, directory);
    String byName = nameIn(directory, Assignments.directoryKey(accountId, Assignee.USER, caller.userId()));

    String jobId = "job-" + UUID.randomUUID();
    String now = Keys.time(clock.instant());
    Map<String, AttributeValue> job = new HashMap<>(key(Keys.account(accountId), Keys.jobSk(jobId)));
    job.put(Table.TYPE, s("Job"));
    job.put("kind", s("bulk-assign"));
    job.put("jobId", s(jobId));
    job.put("status", s("QUEUED"));
    job.put("assigneeKind", s(target.kind()));
    job.put("assigneeId", s(target.id()));
    if (target.name() != null) {
      job.put("assigneeName", s(target.name()));
    }
    job.put("requestedBy", s(caller.userId()));
    job.put("createdAt", s(now));
    job.put("updatedAt", s(now));
    job.put("processed", AttributeValue.fromN("0"));
    job.put("assigned", AttributeValue.fromN("0"));
    job.put("unchanged", AttributeValue.fromN("0"));
    job.put("notFound", AttributeValue.fromN("0"));
    if (byIds) {
      job.put("selection", s("ids"));
      job.put("total", AttributeValue.fromN(Integer.toString(ids.size())));
      job.put("expanded", AttributeValue.fromBool(true));
    } else {
      job.put("selection", s("list"));
      job.put("total", AttributeValue.fromN("0"));
      job.put("expanded", AttributeValue.fromBool(false));
      job.put("listAssignee", s(list.assignee()));
      job.put("listStatus", s(list.status()));
      if (list.filter() != null) {
        job.put("listFilter", s(list.filter()));
      }
    }
    dynamoDb.putItem(b -> b.tableName(table).item(job).conditionExpression("attribute_not_exists(PK)"));
    BulkJob message = byIds
        ? new BulkJob(BulkJob.IDS, accountId, jobId, target, caller.userId(), byName, ids, null, null, null, null)
        : new BulkJob(BulkJob.PAGE, accountId, jobId, target, caller.userId(), byName, null, 0, null, list, null);
    try {
      bulkJobs.send(jobId, message.type(), message.toJson());
    } catch (RuntimeException notQueued) {
      dynamoDb.updateItem(b -> b.tableName(table).key(key(Keys.account(accountId), Keys.jobSk(jobId)))
          .updateExpression("SET #s = :failed").expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(Map.of(":failed", s("FAILED"))));
      throw notQueued;
    }
    return ApiResponse.accepted(jobView(job));
  }

  /** A bulk job's status and progress (202's {@code jobId}); another company's is a 404. */
  ApiResponse getBulkJob(ApiRequest request) {
    String accountId = request.caller().accountId();
    String jobId = request.pathParameter("jobId");
    Map<String, AttributeValue> job = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
        .key(key(Keys.account(accountId), Keys.jobSk(jobId)))).item();
    if (job == null || job.isEmpty() || !"bulk-assign".equals(str(job, "kind"))) {
      throw ApiError.notFound("The assignment job");
    }
    return ApiResponse.ok(jobView(job));
  }

  static Map<String, Object> jobView(Map<String, AttributeValue> job) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("jobId", str(job, "jobId"));
    view.put("status", str(job, "status"));
    view.put("assignee", Map.of("kind", str(job, "assigneeKind").toLowerCase(java.util.Locale.ROOT), "id", str(job, "assigneeId"),
        "name", str(job, "assigneeName") == null ? "" : str(job, "assigneeName")));
    view.put("selection", str(job, "selection"));
    boolean expanded = job.get("expanded") != null && Boolean.TRUE.equals(job.get("expanded").bool());
    view.put("totalKnown", expanded);
    view.put("total", number(job, "total"));
    view.put("processed", number(job, "processed"));
    view.put("assigned", number(job, "assigned"));
    view.put("unchanged", number(job, "unchanged"));
    view.put("notFound", number(job, "notFound"));
    view.put("requestedBy", str(job, "requestedBy"));
    view.put("createdAt", str(job, "createdAt"));
    view.put("updatedAt", str(job, "updatedAt"));
    view.put("completedAt", str(job, "completedAt"));
    return view;
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }

  private static List<String> ids(JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw ApiError.invalid("conversationIds", "'conversationIds' is a non-empty array of conversation ids.");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode id : node) {
      if (!id.isTextual() || id.asText().isBlank()) {
        throw ApiError.invalid("conversationIds", "Every conversation id is a non-empty string.");
      }
      ids.add(id.asText().strip());
    }
    if (ids.size() > BulkJob.MAX_IDS) {
      throw ApiError.invalid("conversationIds", "At most " + BulkJob.MAX_IDS
          + " conversation ids in one request; to assign a whole list, give 'list' instead.");
    }
    return new ArrayList<>(ids);
  }

  // ------------------------------------------------------------------ default assignee

  /** The company's default assignee (new conversations with no previous assignee), or null. */
  ApiResponse getDefaultAssignee(ApiRequest request) {
    String accountId = request.caller().accountId();
    Map<String, AttributeValue> account = dynamoDb.getItem(b -> b.tableName(table)
        .key(key(Keys.account(accountId), Keys.ACCOUNT_SK))).item();
    String kind = account == null ? null : str(account, "defaultAssigneeKind");
    String id = account == null ? null : str(account, "defaultAssigneeId");
    if (kind == null || id == null) {
      return ApiResponse.ok(assigneeBody(null));
    }
    Map<String, Map<String, AttributeValue>> directory = api.batchGet(List.of(Assignments.directoryKey(accountId, kind, id)));
    return ApiResponse.ok(assigneeBody(new Assignee(kind, id, nameIn(directory, Assignments.directoryKey(accountId, kind, id)))));
  }

  /** Admins: sets ({@code {"assignee": {"kind","id"}}}) or clears ({@code {"assignee": null}}) the default assignee. */
  ApiResponse setDefaultAssignee(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String accountId = caller.accountId();
    JsonNode body = request.json();
    if (!body.isObject() || !body.has("assignee")) {
      throw ApiError.invalid("assignee", "'assignee' is required: {\"kind\": \"user\" or \"team\", \"id\": ...}, or null for none.");
    }
    String[] wanted = assigneeOf(body.get("assignee"), "assignee");
    Assignee target = null;
    if (wanted != null) {
      target = target(accountId, wanted, directory(accountId, caller.userId(), wanted, null));
    }
    String now = Keys.time(clock.instant());
    Assignee chosen = target;
    try {
      dynamoDb.updateItem(b -> b.tableName(table).key(key(Keys.account(accountId), Keys.ACCOUNT_SK))
          .conditionExpression("attribute_exists(PK)")
          .updateExpression(chosen == null
              ? "SET defaultAssigneeChangedAt = :now REMOVE defaultAssigneeKind, defaultAssigneeId"
              : "SET defaultAssigneeKind = :kind, defaultAssigneeId = :id, defaultAssigneeChangedAt = :now")
          .expressionAttributeValues(chosen == null ? Map.of(":now", s(now))
              : Map.of(":kind", s(chosen.kind()), ":id", s(chosen.id()), ":now", s(now))));
    } catch (ConditionalCheckFailedException noAccount) {
      throw ApiError.notFound("Your company");
    }
    return ApiResponse.ok(assigneeBody(chosen));
  }

  // ------------------------------------------------------------------ helpers

  /** {kind, id} from {@code {"kind": "user" | "team", "id": ...}}; null for JSON null (unassign). */
  private static String[] assigneeOf(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiError.invalid(field, "'" + field + "' is {\"kind\": \"user\" or \"team\", \"id\": ...} or null.");
    }
    String kind = Assignee.kindOf(Json.text(node, "kind"));
    if (kind == null) {
      throw ApiError.invalid(field + ".kind", "The assignee's kind is user or team.");
    }
    String id = Json.text(node, "id");
    if (id == null || id.isBlank()) {
      throw ApiError.invalid(field + ".id", "The assignee's id is required.");
    }
    return new String[] {kind, id.strip()};
  }

  /**
   * One BatchGetItem: the wanted assignee, the caller (the timeline's "by" name) and the
   * conversation's current assignee (its name), keyed {@code PK|SK}.
   */
  private Map<String, Map<String, AttributeValue>> directory(String accountId, String callerId, String[] wanted,
      Map<String, AttributeValue> conversation) {
    Set<Map<String, AttributeValue>> keys = new LinkedHashSet<>();
    keys.add(Assignments.directoryKey(accountId, Assignee.USER, callerId));
    if (wanted != null) {
      keys.add(Assignments.directoryKey(accountId, wanted[0], wanted[1]));
    }
    if (conversation != null && str(conversation, "assigneeId") != null && str(conversation, "assigneeKind") != null) {
      keys.add(Assignments.directoryKey(accountId, str(conversation, "assigneeKind"), str(conversation, "assigneeId")));
    }
    return api.batchGet(new ArrayList<>(keys));
  }

  /** The directory, with the given assignee read too when it is not in it yet (a retry after a change). */
  private Map<String, Map<String, AttributeValue>> directory(String accountId, String kind, String id,
      Map<String, Map<String, AttributeValue>> directory) {
    Map<String, AttributeValue> k = Assignments.directoryKey(accountId, kind, id);
    if (!directory.containsKey(k.get(Table.PK).s() + "|" + k.get(Table.SK).s())) {
      directory.putAll(api.batchGet(List.of(k)));
    }
    return directory;
  }

  /** The wanted assignee as it is: 404 when no such user or team in the company, 400 for a free user. */
  private static Assignee target(String accountId, String[] wanted, Map<String, Map<String, AttributeValue>> directory) {
    Map<String, AttributeValue> k = Assignments.directoryKey(accountId, wanted[0], wanted[1]);
    Map<String, AttributeValue> item = directory.get(k.get(Table.PK).s() + "|" + k.get(Table.SK).s());
    if (item == null) {
      throw ApiError.notFound((Assignee.TEAM.equals(wanted[0]) ? "Team " : "User ") + wanted[1]);
    }
    if (Assignee.USER.equals(wanted[0]) && Role.of(str(item, "role")) == Role.FREE) {
      throw ApiError.invalid("assignee.id", "A free user cannot take conversations: choose another user or a team.");
    }
    return new Assignee(wanted[0], wanted[1], str(item, "name"));
  }

  private static String nameIn(Map<String, Map<String, AttributeValue>> directory, Map<String, AttributeValue> k) {
    Map<String, AttributeValue> item = directory.get(k.get(Table.PK).s() + "|" + k.get(Table.SK).s());
    return item == null ? null : str(item, "name");
  }

  private static Map<String, Object> assigneeBody(Assignee assignee) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("assignee", assignee == null ? null : view(assignee));
    return body;
  }

  private static Map<String, Object> view(Assignee assignee) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kind", assignee.apiKind());
    view.put("id", assignee.id());
    view.put("name", assignee.name());
    return view;
  }
}
