package com.textinbox.shared.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deletion of a customer's history (P5, docs/decisions.md 50), a job of kind
 * {@code customer-delete} ({@code A#<acct>} / {@code JOB#<jobId>}). The profile, its guards and its
 * conversation items are gone before the job exists (the customer has left every list); the job
 * deletes what is left, step by step: each conversation's partition (timeline, read states, the
 * messages' carrier look-ups, hence their search documents), then the notifications that point at
 * the customer ({@link #NOTIFICATIONS}). A step done is recorded in {@code doneSteps}, once: a
 * worker resumes from there, and a step run twice deletes nothing more.
 *
 * @param conversationIds the customer's conversations when it was deleted (active and archived)
 * @param doneSteps the conversation ids emptied, and {@link #NOTIFICATIONS} once done
 */
public record CustomerDeletionJob(String jobId, String status, String customerId, List<String> conversationIds,
    String requestedBy, String createdAt, String updatedAt, String completedAt, Set<String> doneSteps) {

  public static final String KIND = "customer-delete";
  /** The step after the conversations: what is left in the customer's partition, notifications and digest items about it. */
  public static final String NOTIFICATIONS = "notifications";
  /** The queue message that starts or resumes the job (its body names only the job). */
  public static final String STEP_TYPE = "customer.delete";

  public CustomerDeletionJob {
    conversationIds = conversationIds == null ? List.of() : List.copyOf(conversationIds);
    doneSteps = doneSteps == null ? Set.of() : Set.copyOf(doneSteps);
  }

  /** A job just requested: QUEUED, nothing done. */
  public static CustomerDeletionJob requested(String jobId, String customerId, List<String> conversationIds,
      String requestedBy, String now) {
    return new CustomerDeletionJob(jobId, Job.QUEUED, customerId, conversationIds, requestedBy, now, now, null, Set.of());
  }

  /** Steps in all: one per conversation, then the notifications. */
  public int total() {
    return conversationIds.size() + 1;
  }

  /** Steps done (each counted once). */
  public int processed() {
    return (int) (conversationIds.stream().filter(doneSteps::contains).count() + (doneSteps.contains(NOTIFICATIONS) ? 1 : 0));
  }

  /** The next step to do: a conversation id, {@link #NOTIFICATIONS}, or null when every step is done. */
  public String nextStep() {
    for (String conversationId : conversationIds) {
      if (!doneSteps.contains(conversationId)) {
        return conversationId;
      }
    }
    return doneSteps.contains(NOTIFICATIONS) ? null : NOTIFICATIONS;
  }

  /** The job with {@code step} done too (as the worker goes). */
  public CustomerDeletionJob withStepDone(String step) {
    Set<String> done = new java.util.LinkedHashSet<>(doneSteps);
    done.add(step);
    return new CustomerDeletionJob(jobId, status, customerId, conversationIds, requestedBy, createdAt, updatedAt,
        completedAt, done);
  }

  public boolean completed() {
    return Job.COMPLETED.equals(status);
  }

  /** The body of the queue message that starts or resumes a job. */
  public static String stepBody(String accountId, String jobId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", STEP_TYPE);
    body.put("accountId", accountId);
    body.put("jobId", jobId);
    return Json.write(body);
  }

  /** The account and job a step message names; an {@link IllegalArgumentException} for anything else. */
  public record Step(String accountId, String jobId) {
    public static Step parse(String body) {
      JsonNode node = Json.read(body);
      String accountId = Json.text(node, "accountId");
      String jobId = Json.text(node, "jobId");
      if (!STEP_TYPE.equals(Json.text(node, "type")) || accountId == null || jobId == null) {
        throw new IllegalArgumentException("not a customer deletion step");
      }
      return new Step(accountId, jobId);
    }
  }
}
