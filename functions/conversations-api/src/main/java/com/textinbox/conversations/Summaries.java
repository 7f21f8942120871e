package com.textinbox.conversations;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.DirectoryEntry;
import com.textinbox.shared.assignment.store.AssigneeStore;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationView;
import com.textinbox.shared.conversations.ReadState;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Membership;
import com.textinbox.shared.users.store.TeamStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the summaries of some conversations need besides the conversations, read in ONE
 * BatchGetItem (plus, for admins, one Query of each assignee team's members): the profiles, the
 * caller's read states, the assignees' names and, for admins, the assignees' (or their team
 * members') read states.
 */
record Summaries(DynamoTable table, ConversationStore conversations, CustomerStore customers, AssigneeStore directory,
    TeamStore teams) {
  /** What was read for one conversation. */
  private record Related(BatchRead.Slot<ReadState> callersRead, BatchRead.Slot<CustomerProfile> profile,
      BatchRead.Slot<DirectoryEntry> assignee, List<BatchRead.Slot<ReadState>> assigneeReads) {}

  /** The related items of {@code page}, read; then {@link Read#readAt} and {@link Read#summary}. */
  Read read(Caller caller, List<Conversation> page) {
    String accountId = caller.accountId();
    BatchRead batch = BatchRead.of(table);
    Map<String, List<String>> teamMembers = new HashMap<>();
    Map<String, Related> related = new HashMap<>();
    for (Conversation c : page) {
      String id = c.conversationId();
      BatchRead.Slot<ReadState> callersRead = conversations.readState(batch, accountId, id, caller.userId());
      BatchRead.Slot<CustomerProfile> profile = c.customerId() == null ? null : customers.find(batch, accountId, c.customerId());
      BatchRead.Slot<DirectoryEntry> assignee = null;
      List<BatchRead.Slot<ReadState>> reads = new ArrayList<>();
      if (c.assigned()) {
        Assignee a = c.assignee();
        assignee = directory.entry(batch, accountId, a.kind(), a.id());
        if (caller.isAdmin()) {
          List<String> readers = a.isUser() ? List.of(a.id())
              : teamMembers.computeIfAbsent(a.id(),
                  team -> teams.membersOf(accountId, team).stream().map(Membership::userId).toList());
          readers.forEach(reader -> reads.add(conversations.readState(batch, accountId, id, reader)));
        }
      }
      related.put(id, new Related(callersRead, profile, assignee, reads));
    }
    batch.run();
    return new Read(caller.isAdmin(), related);
  }

  /** The related items of a page, once read. */
  record Read(boolean admin, Map<String, Related> related) {
    /** When the caller last read the conversation (null: never). */
    String readAt(Conversation c) {
      ReadState state = related.get(c.conversationId()).callersRead().get();
      return state == null ? null : state.readAt();
    }

    /** The view's context of one conversation; {@code flaggedBefore}: unanswered since before it is flagged. */
    ConversationView.Context context(Conversation c, String flaggedBefore) {
      Related r = related.get(c.conversationId());
      DirectoryEntry assignee = r.assignee() == null ? null : r.assignee().get();
      Boolean assigneeHasRead = null;
      if (c.assigned()) {
        assigneeHasRead = r.assigneeReads().stream().map(BatchRead.Slot::get)
            .anyMatch(state -> !ReadState.unread(c.lastInboundAt(), state == null ? null : state.readAt()));
      }
      return new ConversationView.Context(r.profile() == null ? null : r.profile().get(),
          assignee == null ? null : assignee.name(), ReadState.unread(c.lastInboundAt(), readAt(c)),
          c.unansweredSince() != null && c.unansweredSince().compareTo(flaggedBefore) < 0, admin, assigneeHasRead);
    }
  }
}
