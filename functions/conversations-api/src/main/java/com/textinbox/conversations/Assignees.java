package com.textinbox.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.DirectoryEntry;
import com.textinbox.shared.assignment.store.AssigneeStore;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The assignees named in requests ({@code {"kind": "user" | "team", "id": ...}}) and the users and
 * teams read to check them: the wanted assignee, the caller (the timeline's "by" name) and the
 * conversation's current assignee, in one BatchGetItem.
 */
record Assignees(DynamoTable table, AssigneeStore directory) {
  /** A user or team named by a request: {kind, id}, not checked yet. */
  record Wanted(String kind, String id) {}

  /** {kind, id} from {@code {"kind": "user" | "team", "id": ...}}; null for JSON null (unassign). */
  static Wanted parse(JsonNode node, String field) {
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
    return new Wanted(kind, id.strip());
  }

  /** Users and teams read, by {@code KIND#id}: their names (null when not found). */
  final class Names {
    private final Map<String, BatchRead.Slot<DirectoryEntry>> read = new LinkedHashMap<>();
    private final String accountId;

    private Names(String accountId) {
      this.accountId = accountId;
    }

    private void add(BatchRead batch, String kind, String id) {
      read.computeIfAbsent(kind + "#" + id, k -> directory.entry(batch, accountId, kind, id));
    }

    DirectoryEntry entry(String kind, String id) {
      BatchRead.Slot<DirectoryEntry> slot = read.get(kind + "#" + id);
      return slot == null ? null : slot.get();
    }

    String name(String kind, String id) {
      DirectoryEntry entry = entry(kind, id);
      return entry == null ? null : entry.name();
    }

    /** The name of an assignee, read now (one BatchGetItem) when it was not read before (a retry after a change). */
    String nameReadingIfNeeded(Assignee assignee) {
      if (!read.containsKey(assignee.kind() + "#" + assignee.id())) {
        BatchRead batch = BatchRead.of(table);
        add(batch, assignee.kind(), assignee.id());
        batch.run();
      }
      return name(assignee.kind(), assignee.id());
    }

    /** The wanted assignee as it is: 404 when no such user or team in the company, 400 for a free user. */
    Assignee target(Wanted wanted) {
      DirectoryEntry entry = entry(wanted.kind(), wanted.id());
      if (entry == null) {
        throw ApiError.notFound((Assignee.TEAM.equals(wanted.kind()) ? "Team " : "User ") + wanted.id());
      }
      if (entry.freeUser()) {
        throw ApiError.invalid("assignee.id", "A free user cannot take conversations: choose another user or a team.");
      }
      return entry.assignee();
    }
  }

  /** One BatchGetItem: the caller, the wanted assignee (if any) and the current assignee (if any). */
  Names read(String accountId, String callerId, Wanted wanted, Assignee current) {
    Names names = new Names(accountId);
    BatchRead batch = BatchRead.of(table);
    names.add(batch, Assignee.USER, callerId);
    if (wanted != null) {
      names.add(batch, wanted.kind(), wanted.id());
    }
    if (current != null) {
      names.add(batch, current.kind(), current.id());
    }
    batch.run();
    return names;
  }

  /** The company's user or team with its name, read now (one BatchGetItem); null when not found. */
  DirectoryEntry readOne(String accountId, Assignee assignee) {
    BatchRead batch = BatchRead.of(table);
    BatchRead.Slot<DirectoryEntry> slot = directory.entry(batch, accountId, assignee.kind(), assignee.id());
    batch.run();
    return slot.get();
  }

  /** {@code {kind, id, name}} as the API writes an assignee. */
  static Map<String, Object> view(Assignee assignee) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("kind", assignee.apiKind());
    view.put("id", assignee.id());
    view.put("name", assignee.name());
    return view;
  }
}
