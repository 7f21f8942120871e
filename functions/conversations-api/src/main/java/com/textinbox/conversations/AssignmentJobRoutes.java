package com.textinbox.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.BulkJob;
import com.textinbox.shared.assignment.ConversationLists;
import com.textinbox.shared.assignment.DirectoryEntry;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.store.JobStore;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk assignment jobs (C4: ids, or a whole list: select all) and their progress, and the
 * company's default assignee (the automatic assignment's fallback). The Assignment function does
 * the work of a job from the BulkAssignQueue. docs/data-model.md, "Assignment".
 */
record AssignmentJobRoutes(JobStore jobs, AccountStore accounts, Assignees assignees, EventQueue bulkJobs, Clock clock) {
  private static final Logger LOG = LoggerFactory.getLogger(AssignmentJobRoutes.class);
  /**
   * POST {@code /assignment-jobs}: {@code {"assignee": {...}, "conversationIds": [...]}} (at most
   * 1,000) or {@code {"assignee": {...}, "list": {"assignee","status","filter"}}} (every
   * conversation of that list, as GET /conversations shows it to the caller). 202 with the job.
   */
  ApiResponse create(ApiRequest request) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    JsonNode body = request.json();
    if (!body.isObject()) {
      throw ApiError.badRequest("The body must be a JSON object.");
    }
    Assignees.Wanted wanted = Assignees.parse(body.get("assignee"), "assignee");
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
    Assignees.Names names = assignees.read(accountId, caller.userId(), wanted, null);
    Assignee target = names.target(wanted);
    String byName = names.name(Assignee.USER, caller.userId());

    String jobId = "job-" + UUID.randomUUID();
    Job job = Job.bulkAssign(jobId, target, caller.userId(), Keys.time(clock.instant()), byIds ? ids.size() : null,
        byIds ? null : list.assignee(), byIds ? null : list.status(), byIds ? null : list.filter());
    jobs.create(accountId, job);
    BulkJob message = byIds
        ? new BulkJob(BulkJob.IDS, accountId, jobId, target, caller.userId(), byName, ids, null, null, null, null)
        : new BulkJob(BulkJob.PAGE, accountId, jobId, target, caller.userId(), byName, null, 0, null, list, null);
    try {
      bulkJobs.send(jobId, message.type(), message.toJson());
    } catch (RuntimeException notQueued) {
      // as an export or an import that cannot be queued (docs/decisions.md 65): nothing was assigned,
      // the job shows FAILED, and the client may simply ask again; not the queue's raw error as a 500
      LOG.error("assignment job {} could not be queued: {}", jobId, notQueued.toString());
      jobs.markFailed(accountId, jobId);
      throw new ApiError(503, "unavailable", "The assignment could not be started; try again in a moment.", null);
    }
    return ApiResponse.accepted(jobView(job));
  }

  /** GET {@code /assignment-jobs/{jobId}}: its status and progress; another company's is a 404. */
  ApiResponse get(ApiRequest request) {
    Job job = jobs.find(request.caller().accountId(), request.pathParameter("jobId"))
        .filter(j -> Job.BULK_ASSIGN.equals(j.kind()))
        .orElseThrow(() -> ApiError.notFound("The assignment job"));
    return ApiResponse.ok(jobView(job));
  }

  static Map<String, Object> jobView(Job job) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("jobId", job.jobId());
    view.put("status", job.status());
    view.put("assignee", Map.of("kind", job.assignee().apiKind(), "id", job.assignee().id(),
        "name", job.assignee().name() == null ? "" : job.assignee().name()));
    view.put("selection", job.selection());
    view.put("totalKnown", job.expanded());
    view.put("total", job.total());
    view.put("processed", job.processed());
    view.put("assigned", job.assigned());
    view.put("unchanged", job.unchanged());
    view.put("notFound", job.notFound());
    view.put("requestedBy", job.requestedBy());
    view.put("createdAt", job.createdAt());
    view.put("updatedAt", job.updatedAt());
    view.put("completedAt", job.completedAt());
    return view;
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

  /** GET {@code /settings/default-assignee}: the company's default assignee, or null. */
  ApiResponse getDefaultAssignee(ApiRequest request) {
    String accountId = request.caller().accountId();
    Account account = accounts.get(accountId);
    Assignee chosen = account == null ? null : account.defaultAssignee();
    if (chosen == null) {
      return ApiResponse.ok(assigneeBody(null));
    }
    DirectoryEntry entry = assignees.readOne(accountId, chosen);
    return ApiResponse.ok(assigneeBody(new Assignee(chosen.kind(), chosen.id(), entry == null ? null : entry.name())));
  }

  /** PUT, admins: sets ({@code {"assignee": {"kind","id"}}}) or clears ({@code {"assignee": null}}) the default assignee. */
  ApiResponse setDefaultAssignee(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String accountId = caller.accountId();
    JsonNode body = request.json();
    if (!body.isObject() || !body.has("assignee")) {
      throw ApiError.invalid("assignee", "'assignee' is required: {\"kind\": \"user\" or \"team\", \"id\": ...}, or null for none.");
    }
    Assignees.Wanted wanted = Assignees.parse(body.get("assignee"), "assignee");
    Assignee chosen = wanted == null ? null : assignees.read(accountId, caller.userId(), wanted, null).target(wanted);
    if (!accounts.setDefaultAssignee(accountId, chosen, clock.instant())) {
      throw ApiError.notFound("Your company");
    }
    return ApiResponse.ok(assigneeBody(chosen));
  }

  private static Map<String, Object> assigneeBody(Assignee assignee) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("assignee", assignee == null ? null : Assignees.view(assignee));
    return body;
  }
}
