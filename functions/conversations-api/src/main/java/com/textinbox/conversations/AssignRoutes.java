package com.textinbox.conversations;

import com.textinbox.shared.conversations.ArchivedConversations;
import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.Assignments;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.Note;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * POST {@code /conversations/{id}/assign} (C4): to a user or a team
 * ({@code {"assignee":{"kind":"user","id":...}}}), or unassigned ({@code "assignee": null}),
 * optionally with a note ({@code "note"}) whose mentions are announced. One transaction: the
 * conversation (its assignee list moves), the {@code assigned} timeline event and the note. Then a
 * {@code conversation.assigned} notification event. Already with that assignee: 200
 * {@code changed=false}, the note stored alone. Requests: 3 (+1 Query with a note).
 */
record AssignRoutes(DynamoTable table, ConversationStore conversations, Assignees assignees, Notes notes,
    EventQueue notifications, Clock clock) {
  private static final int ATTEMPTS = 3;

  ApiResponse assign(ApiRequest request) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    String conversationId = request.pathParameter("conversationId");
    Conversation conversation = Paging.conversation(conversations, accountId, conversationId);
    ArchivedConversations.refuse(conversation, "assign it");
    JsonNode body = request.json();
    if (!body.isObject() || !body.has("assignee")) {
      throw ApiError.invalid("assignee", "'assignee' is required: {\"kind\": \"user\" or \"team\", \"id\": ...}, or null to unassign.");
    }
    Assignees.Wanted wanted = Assignees.parse(body.get("assignee"), "assignee");
    String noteText = body.hasNonNull("note") ? Notes.text(body.get("note"), "note") : null;

    Assignees.Names names = assignees.read(accountId, caller.userId(), wanted, conversation.assignee());
    Assignee target = wanted == null ? null : names.target(wanted);
    String byName = names.name(Assignee.USER, caller.userId());

    for (int attempt = 1; ; attempt++) {
      String now = Keys.time(clock.instant());
      Assignee previous = conversation.assignee();
      boolean same = target == null ? previous == null : previous != null && target.sameAs(previous.kind(), previous.id());
      Note note = noteText == null ? null : notes.build(caller, conversationId, noteText, now);
      List<Write> writes = new ArrayList<>();
      String eventId = "asg-" + UUID.randomUUID();
      if (!same) {
        String previousName = previous == null ? null : names.nameReadingIfNeeded(previous);
        writes.addAll(Assignments.writes(conversations, new Assignments.Change(accountId, conversation, target, previousName,
            caller.userId(), byName, null, null, eventId, eventId, note == null ? null : note.id(), null, now, null)));
      }
      if (note != null) {
        writes.add(conversations.appendWrite(accountId, conversationId, note));
      }
      try {
        if (!writes.isEmpty()) {
          table.transact(writes);
        }
      } catch (TransactionCancelled changed) {
        if (attempt == ATTEMPTS || !changed.retryable()) {
          throw changed;
        }
        // a message, a close or another assignment meanwhile: read it again
        conversation = Paging.conversation(conversations, accountId, conversationId);
        ArchivedConversations.refuse(conversation, "assign it");
        continue;
      }
      if (!same && target != null) {
        announce(caller, conversation, target, eventId, note, now);
      }
      if (note != null) {
        notes.announce(caller, note, conversation.customerId(), now);
      }
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("conversationId", conversationId);
      view.put("changed", !same);
      view.put("assignee", target == null ? null : Assignees.view(target));
      view.put("previousAssignee", previous == null ? null : Map.of("kind", previous.apiKind(), "id", previous.id()));
      view.put("eventId", same ? null : eventId);
      view.put("assignedAt", same ? null : now);
      view.put("noteId", note == null ? null : note.id());
      return ApiResponse.ok(view);
    }
  }

  /** The {@code conversation.assigned} notification event (docs/events.md). */
  private void announce(Caller caller, Conversation conversation, Assignee target, String eventId, Note note, String now) {
    Map<String, Object> event = Notes.event(eventId, "conversation.assigned", caller, now, conversation.conversationId(),
        conversation.customerId());
    event.put("assigneeKind", target.kind());
    event.put("assigneeId", target.id());
    if (note != null) {
      event.put("noteId", note.id());
    }
    notifications.send(eventId, "conversation.assigned", Json.write(event));
  }
}
