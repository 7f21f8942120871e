package com.textinbox.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.AssigneeChoice;
import com.textinbox.shared.assignment.Assignments;
import com.textinbox.shared.assignment.AwayRules;
import com.textinbox.shared.assignment.DirectoryEntry;
import com.textinbox.shared.assignment.store.AssigneeStore;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.users.Account;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who gets a new or reopened conversation ({@link AssigneeChoice}: the previous assignee, else the
 * company's default, then the away rules A2 / A4 / A5); when that changes the assignee, one
 * transaction (conversation + {@code assigned} event by {@code system} with its {@code reason}),
 * marked {@code autoAssignedEventId} so a redelivery of the event assigns nothing again.
 *
 * A {@code message.received} flagged {@code unassigned} (its conversation had never been assigned
 * when the message was stored) is assigned as a creation: it may overtake its conversation's
 * {@code conversation.created} (issue 16's chaos run found such a message notified to nobody).
 *
 * Then, for every conversation event (created, reopened, received), a {@code message.received}
 * notification event with the same {@code eventId}, so the dispatcher reads the assignee just set.
 */
final class AutoAssigner {
  private static final Logger LOG = LoggerFactory.getLogger(AutoAssigner.class);
  private static final int ATTEMPTS = 3;
  /** Earlier conversations of a customer looked at for their assignee. */
  private static final int EARLIER = 5;

  private final DynamoTable table;
  private final ConversationStore conversations;
  private final AssigneeStore directory;
  private final Clock clock;
  private final EventQueue notifications;

  AutoAssigner(DynamoTable table, Clock clock, EventQueue notifications) {
    this.table = table;
    this.conversations = new ConversationStore(table);
    this.directory = new AssigneeStore(table);
    this.clock = clock;
    this.notifications = notifications;
  }

  void handle(JsonNode event) {
    String eventId = Json.text(event, "eventId");
    String type = Json.text(event, "type");
    String accountId = Json.text(event, "accountId");
    String conversationId = Json.text(event, "conversationId");
    if (eventId == null || type == null || accountId == null || conversationId == null) {
      throw new IllegalArgumentException("not a conversation event (eventId, type, accountId, conversationId): " + type);
    }
    String conversationEvent = switch (type) {
      case "conversation.created" -> "created";
      case "conversation.reopened" -> "reopened";
      case "message.received" -> null;
      default -> throw new IllegalArgumentException("unknown conversation event type " + type);
    };
    if (conversationEvent != null) {
      assign(accountId, conversationId, eventId, conversationEvent.equals("created"));
    } else if (event.path("unassigned").asBoolean(false)) {
      // a message in a conversation never assigned when it was stored: its conversation.created
      // may come later (order is not guaranteed, docs/events.md); assigned now as its creation
      // would be, so the message notifies the assignee (a later created event then changes nothing)
      assign(accountId, conversationId, eventId, true);
    }
    Map<String, Object> notification = new LinkedHashMap<>();
    notification.put("eventId", eventId);
    notification.put("type", "message.received");
    notification.put("accountId", accountId);
    notification.put("at", Json.text(event, "at"));
    notification.put("conversationId", conversationId);
    notification.put("customerId", Json.text(event, "customerId"));
    notification.put("messageId", Json.text(event, "messageId"));
    if (conversationEvent != null) {
      notification.put("conversationEvent", conversationEvent);
    }
    notifications.send(eventId, "message.received", Json.write(notification));
  }

  private void assign(String accountId, String conversationId, String eventId, boolean created) {
    for (int attempt = 1; ; attempt++) {
      Conversation conversation = conversations.find(accountId, conversationId).orElseThrow(
          () -> new IllegalStateException("conversation " + conversationId + " of event " + eventId + " is missing"));
      if (conversation.archived()) {
        LOG.info("event {}: conversation {} was archived by a merge (C14); nothing to assign", eventId, conversationId);
        return;
      }
      if (eventId.equals(conversation.autoAssignedEventId())) {
        LOG.info("event {}: conversation {} already assigned for it", eventId, conversationId);
        return;
      }
      Optional<AssigneeChoice.Candidate> found = AssigneeChoice.candidate(conversation, created,
          () -> conversations.ofCustomer(accountId, conversation.customerId(), EARLIER),
          () -> defaultAssignee(accountId));
      if (found.isEmpty()) {
        LOG.info("event {}: conversation {} stays unassigned (no previous assignee, no company default)", eventId, conversationId);
        return;
      }
      AssigneeChoice.Candidate candidate = found.get();
      Assignee wanted = candidate.assignee();
      DirectoryEntry candidateEntry = directory.find(accountId, wanted.kind(), wanted.id());
      AwayRules.UserAway away = null;
      AwayRules.UserAway delegate = null;
      if (wanted.isUser() && candidateEntry != null) {
        away = candidateEntry.userAway();
        if (away.away() && away.delegateId() != null) {
          DirectoryEntry delegateEntry = directory.find(accountId, Assignee.USER, away.delegateId());
          delegate = delegateEntry == null ? null : delegateEntry.userAway();
        }
      }
      String candidateName = candidateEntry == null ? null : candidateEntry.name();
      AssigneeChoice.Choice choice = AssigneeChoice.choose(candidate, candidateName, away, delegate);
      Assignee target = choice.assignee();
      Assignee previous = conversation.assignee();
      if (previous != null && target.sameAs(previous.kind(), previous.id())) {
        LOG.info("event {}: conversation {} stays with {} {} ({}{})", eventId, conversationId, target.kind(), target.id(),
            candidate.reason(), choice.awayRule() == null ? "" : ", " + choice.awayRule());
        return;
      }
      String previousName = previous == null ? null
          : previous.id().equals(wanted.id()) ? candidateName : nameOf(accountId, previous);
      String now = Keys.time(clock.instant());
      String timelineId = "asg-auto-" + eventId;
      try {
        table.transact(Assignments.writes(conversations, new Assignments.Change(accountId, conversation, target, previousName,
            Assignments.SYSTEM, null, choice.reason(), choice.awayRule(), timelineId, timelineId, null, null, now, eventId)));
        LOG.info("event {}: conversation {} assigned to {} {} ({}, {})", eventId, conversationId, target.kind(), target.id(),
            candidate.reason(), choice.rule());
        return;
      } catch (TransactionCancelled changed) {
        if (attempt == ATTEMPTS || !changed.retryable()) {
          throw changed;
        }
        // a message, a close or a manual assignment meanwhile: decide again on what is there now
      }
    }
  }

  private String nameOf(String accountId, Assignee assignee) {
    DirectoryEntry entry = directory.find(accountId, assignee.kind(), assignee.id());
    return entry == null ? null : entry.name();
  }

  /** The company's default assignee (C4), as last written; null for none. */
  private Assignee defaultAssignee(String accountId) {
    Account account = directory.accountConsistent(accountId);
    return account == null ? null : account.defaultAssignee();
  }
}
