package com.textinbox.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.exports.ConversationExport;
import com.textinbox.shared.exports.CustomerExport;
import com.textinbox.shared.jobs.Job;
import com.textinbox.shared.jobs.JobMessage;
import com.textinbox.shared.jobs.JobView;
import com.textinbox.shared.jobs.store.JobStore;
import com.textinbox.shared.json.Json;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST {@code /customer-exports} (P7) and POST {@code /conversations/{conversationId}/exports}
 * (C13): the request checked (400 naming the field), a job item, a message on the ExportJobsQueue;
 * 202 with the job. The file comes by email.
 */
record ExportRoutes(JobStore jobs, ConversationStore conversations, EventQueue exportJobs, Clock clock) {
  private static final Logger LOG = LoggerFactory.getLogger(ExportRoutes.class);

  /** {@code {"filter": "all"|"no-mobile"|"unsubscribed", "from", "to", "format": "csv"|"xlsx"}}. */
  ApiResponse customers(ApiRequest request) {
    JsonNode body = request.json();   // an object of the route's fields only: its schema was checked first (decision 55)
    String filter = text(body, "filter", "all");
    if (!CustomerExport.FILTERS.contains(filter)) {
      throw ApiError.invalid("filter", "'filter' is all, no-mobile or unsubscribed.");
    }
    String format = text(body, "format", null);
    if (format == null || !CustomerExport.FORMATS.contains(format)) {
      throw ApiError.invalid("format", "'format' is csv or xlsx.");
    }
    String from = date(body, "from");
    String to = date(body, "to");
    if ((from != null || to != null) && !filter.equals("unsubscribed")) {
      throw ApiError.invalid(from != null ? "from" : "to", "Dates go with filter unsubscribed (when they unsubscribed).");
    }
    order(from, to);
    return start(request.caller(), Job.CUSTOMER_EXPORT, new CustomerExport(filter, from, to, format).toJson());
  }

  /** {@code {"from", "to", "includeInternal"}}, all optional: the whole conversation with its notes and events. */
  ApiResponse conversation(ApiRequest request) {
    String conversationId = request.pathParameter("conversationId");
    JsonNode body = request.body() == null || request.body().isBlank() ? com.textinbox.shared.json.Json.object()
        : request.json();
    String from = date(body, "from");
    String to = date(body, "to");
    order(from, to);
    JsonNode internal = body.get("includeInternal");
    if (internal != null && !internal.isBoolean()) {
      throw ApiError.invalid("includeInternal", "'includeInternal' is true or false.");
    }
    if (conversationId == null || conversationId.length() > 100
        || conversations.find(request.caller().accountId(), conversationId).isEmpty()) {
      // 404 naming the path parameter: another company's conversation is not revealed either
      throw new ApiError(404, "not_found", "The conversation " + conversationId + " was not found.", "conversationId");
    }
    ConversationExport export = new ConversationExport(conversationId, from, to, internal == null || internal.asBoolean());
    return start(request.caller(), Job.CONVERSATION_EXPORT, export.toJson());
  }

  private ApiResponse start(Caller caller, String kind, JsonNode params) {
    String jobId = "job-" + UUID.randomUUID();
    Job job = Job.file(jobId, kind, caller.userId(), Keys.time(clock.instant()), Json.write(params));
    jobs.create(caller.accountId(), job);
    JobMessage message = new JobMessage(kind, caller.accountId(), jobId, caller.userId(), caller.email(), params);
    try {
      exportJobs.send(jobId, kind, message.toJson());
    } catch (RuntimeException notQueued) {
      // as an import that cannot be queued: the job shows FAILED, the client may simply ask again
      LOG.error("export {} could not be queued: {}", jobId, notQueued.toString());
      jobs.markFailed(caller.accountId(), jobId);
      throw new ApiError(503, "unavailable", "The export could not be started; try again in a moment.", null);
    }
    return ApiResponse.accepted(JobView.of(job));
  }

  private static String text(JsonNode body, String field, String otherwise) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (!value.isTextual()) {
      throw ApiError.invalid(field, "'" + field + "' is a string.");
    }
    return value.asText();
  }

  private static String date(JsonNode body, String field) {
    String value = text(body, field, null);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value).toString();
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(field, "'" + field + "' is a date such as 2026-11-01.");
    }
  }

  private static void order(String from, String to) {
    if (from != null && to != null && from.compareTo(to) > 0) {
      throw ApiError.invalid("from", "'from' is on or before 'to'.");
    }
  }
}
