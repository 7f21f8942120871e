package com.textinbox.shared.assignment;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The writes of one assignment, whoever makes it (a user through the API, a bulk job, the
 * automatic assignment of a new or reopened conversation): in ONE transaction, the conversation's
 * assignee fields and GSI1 keys (it leaves the previous assignee's list and joins the new one's, in
 * the same status) and a {@code ConversationEvent} entry {@code event=assigned} (or
 * {@code unassigned}) in its timeline. The update is conditional on the conversation as read
 * (status, assignee, last activity), so a concurrent change cancels it and the caller reads again.
 * docs/data-model.md, "Assignment".
 */
public final class Assignments {
  private Assignments() {}

  public static final String SYSTEM = "system";

  /**
   * One assignment to write.
   *
   * @param conversation the conversation item as read (consistently)
   * @param target the new assignee; null unassigns
   * @param previousName the previous assignee's name, when known (the timeline keeps it)
   * @param by the user who did it, or {@link #SYSTEM}
   * @param reason why (automatic assignments: {@code previous-assignee}, {@code default-assignee}); may be null
   * @param awayRule the away rule applied (automatic assignments), may be null
   * @param assignmentId the id of this assignment, kept on the conversation ({@code assignmentId}):
   *     a bulk job's id, so a redelivered chunk sees the conversation is done
   * @param eventId the timeline entry's id ({@code T#<at>#<eventId>})
   * @param noteId the note left with it, may be null
   * @param jobId the bulk job, may be null
   * @param at now, as {@link Keys#time} writes it
   * @param autoEventId the conversation event an automatic assignment answers (kept as
   *     {@code autoAssignedEventId}: a redelivery of that event assigns nothing again), may be null
   */
  public record Change(String accountId, Map<String, AttributeValue> conversation, Assignee target, String previousName,
      String by, String byName, String reason, String awayRule, String assignmentId, String eventId, String noteId,
      String jobId, String at, String autoEventId) {}

  /** The conversation's update and the timeline entry, for one {@code TransactWriteItems} (2 items). */
  public static List<TransactWriteItem> writes(String table, Change change) {
    Map<String, AttributeValue> conversation = change.conversation();
    String accountId = change.accountId();
    String conversationId = str(conversation, "conversationId");
    String status = str(conversation, "status");
    String pk = Keys.conversation(accountId, conversationId);
    String previousKind = str(conversation, "assigneeKind");
    String previousId = str(conversation, "assigneeId");
    String lastActivityAt = str(conversation, "lastActivityAt");

    Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>(List.of("assignedAt = :at", "assignedBy = :by", "assignmentId = :assignment"));
    List<String> removes = new ArrayList<>();
    values.put(":at", s(change.at()));
    values.put(":by", s(change.by()));
    values.put(":assignment", s(change.assignmentId()));
    values.put(":status", s(status));
    if (change.target() != null) {
      sets.add("assigneeKind = :kind");
      sets.add("assigneeId = :id");
      sets.add(Table.GSI1PK + " = :list");
      sets.add(Table.GSI1SK + " = :listSk");
      values.put(":kind", s(change.target().kind()));
      values.put(":id", s(change.target().id()));
      values.put(":list", s(Keys.assigneeList(accountId, change.target().kind(), change.target().id(), status)));
      values.put(":listSk", s(Keys.activitySk(lastActivityAt, conversationId)));
    } else {
      removes.addAll(List.of("assigneeKind", "assigneeId", Table.GSI1PK, Table.GSI1SK));
    }
    if (change.autoEventId() != null) {
      sets.add("autoAssignedEventId = :autoEvent");
      values.put(":autoEvent", s(change.autoEventId()));
    }
    // the conversation as read: same status (GSI1PK holds it), same assignee, same last activity (GSI1SK)
    String condition = "attribute_exists(PK) AND #status = :status";
    if (previousKind == null || previousId == null) {
      condition += " AND attribute_not_exists(assigneeId)";
    } else {
      condition += " AND assigneeKind = :seenKind AND assigneeId = :seenId";
      values.put(":seenKind", s(previousKind));
      values.put(":seenId", s(previousId));
    }
    if (lastActivityAt == null) {
      condition += " AND attribute_not_exists(lastActivityAt)";
    } else {
      condition += " AND lastActivityAt = :seenActivity";
      values.put(":seenActivity", s(lastActivityAt));
    }
    if (change.autoEventId() != null) {
      condition += " AND (attribute_not_exists(autoAssignedEventId) OR autoAssignedEventId <> :autoEvent)";
    }
    String update = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));

    Map<String, AttributeValue> entry = new HashMap<>(key(pk, Keys.timelineSk(change.at(), change.eventId())));
    entry.put(Table.TYPE, s("ConversationEvent"));
    entry.put("event", s(change.target() == null ? "unassigned" : "assigned"));
    entry.put("conversationId", s(conversationId));
    if (change.target() != null) {
      entry.put("assigneeKind", s(change.target().kind()));
      entry.put("assigneeId", s(change.target().id()));
      putIfPresent(entry, "assigneeName", change.target().name());
    }
    if (previousKind != null && previousId != null) {
      entry.put("previousAssigneeKind", s(previousKind));
      entry.put("previousAssigneeId", s(previousId));
      putIfPresent(entry, "previousAssigneeName", change.previousName());
    }
    entry.put("by", s(change.by()));
    putIfPresent(entry, "byName", change.byName());
    putIfPresent(entry, "reason", change.reason());
    putIfPresent(entry, "awayRule", change.awayRule());
    putIfPresent(entry, "noteId", change.noteId());
    putIfPresent(entry, "jobId", change.jobId());
    entry.put("at", s(change.at()));

    return List.of(
        TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk, Keys.CONVERSATION_SK))
            .updateExpression(update).conditionExpression(condition)
            .expressionAttributeNames(names).expressionAttributeValues(values).build()).build(),
        TransactWriteItem.builder().put(Put.builder().tableName(table).item(entry)
            .conditionExpression("attribute_not_exists(PK)").build()).build());
  }

  /** The key of the user or team item of an assignee, in the account partition. */
  public static Map<String, AttributeValue> directoryKey(String accountId, String kind, String id) {
    return key(Keys.account(accountId), Assignee.TEAM.equals(kind) ? Keys.teamSk(id) : Keys.userSk(id));
  }

  /** Whether a cancelled transaction failed on a condition (the conversation changed since read). */
  public static boolean conditionFailed(List<CancellationReason> reasons) {
    return reasons != null && reasons.stream()
        .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()) || "TransactionConflict".equals(r.code()));
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }
}
