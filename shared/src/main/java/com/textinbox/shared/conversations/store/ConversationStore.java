package com.textinbox.shared.conversations.store;

import static com.textinbox.shared.conversations.store.ConversationMapper.*;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.conversations.AutoCloseRule;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.MessageActivity;
import com.textinbox.shared.conversations.ReadState;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Page;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.QueryResult;
import com.textinbox.shared.store.Write;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every DynamoDB request about conversations, their timelines and read states
 * (docs/data-model.md, "Conversation", "Timeline message", "Conversations API"). Writes that
 * belong in a transaction with another aggregate's come back as {@link Write}s.
 */
public record ConversationStore(DynamoTable table) {
  // ------------------------------------------------------------------ the conversation

  /** The conversation as last written (strongly consistent); empty when the company has none of that id. */
  public Optional<Conversation> find(String accountId, String conversationId) {
    if (!Keys.isId(conversationId)) {
      return Optional.empty();   // no key could hold it: never sent to DynamoDB
    }
    Map<String, AttributeValue> item = table.getConsistent(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK);
    return isConversation(item) ? Optional.of(fromItem(item)) : Optional.empty();
  }

  /** The conversations of these ids that exist (one consistent BatchGetItem per 100), in no particular order. */
  public List<Conversation> findAll(String accountId, Collection<String> conversationIds) {
    List<Map<String, AttributeValue>> keys = conversationIds.stream()
        .map(id -> DynamoTable.key(Keys.conversation(accountId, id), Keys.CONVERSATION_SK)).toList();
    return table.batchGet(keys, true).stream().filter(ConversationMapper::isConversation).map(ConversationMapper::fromItem).toList();
  }

  /** The conversation read in a batch with other items (null when missing). */
  public BatchRead.Slot<Conversation> find(BatchRead batch, String accountId, String conversationId) {
    return batch.add(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK,
        item -> isConversation(item) ? fromItem(item) : null);
  }

  /** A timeline entry read in a batch with other items (null when missing or not a timeline item). */
  public BatchRead.Slot<TimelineEntry> entry(BatchRead batch, String accountId, String conversationId, String timelineSk) {
    return batch.add(Keys.conversation(accountId, conversationId), timelineSk, TimelineMapper::fromItem);
  }

  /** A new conversation, put only if its id is new. */
  public Write createWrite(String accountId, Conversation conversation) {
    return table.putIfAbsentWrite(toItem(accountId, conversation));
  }

  /**
   * A new message's effect on the conversation, conditional on the conversation as read
   * ({@code seen}: its version and last activity, its status, and for an inbound text its
   * customer): a concurrent change cancels it and the caller reads again. The activity and
   * preview move only forward; the version moves always, so a message older than the last
   * activity (texts from the carrier arrive out of order) still fails every write conditional
   * on the conversation as read before it (a merge's, C14).
   */
  public Write messageActivityWrite(String accountId, Conversation seen, MessageActivity activity) {
    String conversationId = seen.conversationId();
    String at = activity.at();
    ItemUpdate update = counted().condition("attribute_exists(PK)");
    // the status as read: a text reopens only what it saw closed, a close meanwhile is seen, and a
    // conversation archived meanwhile by a merge (C14) takes no message: the writer reads again
    update.condition("#" + STATUS + " = :seenStatus", ":seenStatus", seen.status());
    if (activity.inbound() && seen.customerId() != null) {
      // C14: a merge that moved the conversation to the survivor meanwhile: the text reads its customer again
      update.condition("#" + CUSTOMER_ID + " = :seenCustomer", ":seenCustomer", seen.customerId());
    }
    asRead(update, seen);
    boolean reopen = activity.reopenedAt() != null;
    String status = reopen ? Conversation.OPEN : seen.status();
    if (reopen) {
      update.set(STATUS, Conversation.OPEN).set(REOPENED_AT, activity.reopenedAt())
          .set(Table.GSI3PK, Keys.conversationsByStatus(accountId, Conversation.OPEN));
    }
    if (reopen && seen.assigned()) {
      update.set(Table.GSI1PK, assigneeList(accountId, seen.assignee(), status));
    }
    if (seen.lastActivityAt() == null || at.compareTo(seen.lastActivityAt()) >= 0) {
      String activitySk = Keys.activitySk(at, conversationId);
      update.set(LAST_ACTIVITY_AT, at).set(Table.GSI3SK, activitySk).set(LAST_MESSAGE_ID, activity.messageId())
          .set(LAST_MESSAGE_PREVIEW, activity.preview()).set(LAST_MESSAGE_DIRECTION, activity.direction());
      if (seen.assigned()) {
        update.set(Table.GSI1SK, activitySk);
      }
    }
    if (activity.inbound()) {
      if (seen.lastInboundAt() == null || at.compareTo(seen.lastInboundAt()) > 0) {
        update.set(LAST_INBOUND_AT, at);
      }
      if (activity.unanswered()) {
        update.setExpression("#" + UNANSWERED_SINCE + " = if_not_exists(#" + UNANSWERED_SINCE + ", :since)", ":since", at)
            .set(Table.GSI4PK, Keys.unansweredConversations(accountId))
            .setExpression("#" + Table.GSI4SK + " = if_not_exists(#" + Table.GSI4SK + ", :unansweredSk)",
                ":unansweredSk", Keys.activitySk(at, conversationId));
      }
    } else {
      update.set(LAST_OUTBOUND_AT, at);
      if (activity.awayReplyUserId() != null) {
        update.set(AWAY_REPLY_USER_ID, activity.awayReplyUserId()).set(AWAY_REPLY_AT, at);
      }
      // answered: off the unanswered list
      update.remove(UNANSWERED_SINCE, Table.GSI4PK, Table.GSI4SK);
    }
    update.setExpression("#" + MESSAGE_COUNT + " = if_not_exists(#" + MESSAGE_COUNT + ", :zero) + :added",
        ":zero", 0, ":added", activity.messagesAdded());
    return update.write(table, Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK);
  }

  /**
   * Closes or reopens by a user: the status, its GSI3 (and assignee GSI1) list and who did it when,
   * conditional on the status read.
   */
  public Write statusWrite(String accountId, Conversation seen, String target, String at, String by) {
    return statusUpdate(accountId, seen, target, at, by)
        .write(table, Keys.conversation(accountId, seen.conversationId()), Keys.CONVERSATION_SK);
  }

  private static ItemUpdate statusUpdate(String accountId, Conversation seen, String target, String at, String by) {
    boolean closing = Conversation.CLOSED.equals(target);
    ItemUpdate update = counted()
        .condition("attribute_exists(PK) AND #" + STATUS + " = :seen", ":seen", seen.status())
        .set(STATUS, target)
        .set(Table.GSI3PK, Keys.conversationsByStatus(accountId, target))
        .set(closing ? CLOSED_AT : REOPENED_AT, at)
        .set(closing ? CLOSED_BY : REOPENED_BY, by);
    if (seen.assigned()) {
      update.set(Table.GSI1PK, assigneeList(accountId, seen.assignee(), target));
    }
    return update;
  }

  /**
   * An automatic close (C6): {@link #statusWrite} by {@code auto-close}, on condition the
   * conversation is as read (no message nor any other write since: its version unchanged) and, unless
   * {@code closeUnanswered}, still answered. Two overlapping runs: one wins, the other's fails.
   */
  public Write autoCloseWrite(String accountId, Conversation seen, String at, boolean closeUnanswered) {
    ItemUpdate update = statusUpdate(accountId, seen, Conversation.CLOSED, at, AutoCloseRule.BY);
    asRead(update, seen);
    if (!closeUnanswered) {
      update.condition("attribute_not_exists(#" + UNANSWERED_SINCE + ")");
    }
    return update.write(table, Keys.conversation(accountId, seen.conversationId()), Keys.CONVERSATION_SK);
  }

  /**
   * An assignment's update of the conversation (C4): the assignee (null unassigns) and its GSI1
   * list in the same status, who and when, conditional on the conversation as read (status,
   * assignee, version and last activity); with {@code autoEventId}, also that no assignment answered that
   * event already.
   */
  public Write assignWrite(String accountId, Conversation seen, Assignee target,
      String at, String by, String assignmentId, String autoEventId) {
    ItemUpdate update = counted().set(ASSIGNED_AT, at).set(ASSIGNED_BY, by).set(ASSIGNMENT_ID, assignmentId);
    if (target != null) {
      update.set(ASSIGNEE_KIND, target.kind()).set(ASSIGNEE_ID, target.id())
          .set(Table.GSI1PK, assigneeList(accountId, target, seen.status()))
          .set(Table.GSI1SK, Keys.activitySk(seen.lastActivityAt(), seen.conversationId()));
    } else {
      update.remove(ASSIGNEE_KIND, ASSIGNEE_ID, Table.GSI1PK, Table.GSI1SK);
    }
    update.condition("attribute_exists(PK) AND #" + STATUS + " = :seenStatus", ":seenStatus", seen.status());
    if (seen.assigned()) {
      update.condition("#" + ASSIGNEE_KIND + " = :seenKind AND #" + ASSIGNEE_ID + " = :seenId",
          ":seenKind", seen.assignee().kind(), ":seenId", seen.assignee().id());
    } else {
      update.condition("attribute_not_exists(#" + ASSIGNEE_ID + ")");
    }
    asRead(update, seen);
    if (autoEventId != null) {
      update.set(AUTO_ASSIGNED_EVENT_ID, autoEventId).condition("attribute_not_exists(#" + AUTO_ASSIGNED_EVENT_ID
          + ") OR #" + AUTO_ASSIGNED_EVENT_ID + " <> :" + AUTO_ASSIGNED_EVENT_ID);
    }
    return update.write(table, Keys.conversation(accountId, seen.conversationId()), Keys.CONVERSATION_SK);
  }

  // ------------------------------------------------------------------ merges (C14)

  /**
   * C14: the merged profile's active conversation, archived under the survivor: status ARCHIVED,
   * its customer the survivor (listed in its conversations, GSI2), off every inbox list (GSI1
   * assignee, GSI3 status, GSI4 unanswered). On condition that it is as read (its version): a
   * message or any change meanwhile fails the merge, which reads again (docs/decisions.md 49).
   */
  public Write archiveWrite(String accountId, Conversation seen, String survivorId, String at) {
    ItemUpdate update = reparent(accountId, seen, survivorId, at).set(STATUS, Conversation.ARCHIVED).set(ARCHIVED_AT, at)
        .remove(Table.GSI1PK, Table.GSI1SK, Table.GSI3PK, Table.GSI3SK, Table.GSI4PK, Table.GSI4SK, UNANSWERED_SINCE);
    return update.write(table, Keys.conversation(accountId, seen.conversationId()), Keys.CONVERSATION_SK);
  }

  /**
   * C14: a conversation of the merged profile that passes to the survivor as it is (its active
   * one when the survivor had none, or one archived by an earlier merge), on the same condition.
   */
  public Write moveWrite(String accountId, Conversation seen, String survivorId, String at) {
    return reparent(accountId, seen, survivorId, at).write(table, Keys.conversation(accountId, seen.conversationId()), Keys.CONVERSATION_SK);
  }

  private static ItemUpdate reparent(String accountId, Conversation seen, String survivorId, String at) {
    ItemUpdate update = counted().set(CUSTOMER_ID, survivorId).set(MERGED_FROM_CUSTOMER_ID, seen.customerId())
        .set(MERGED_AT, at)
        .set(Table.GSI2PK, Keys.conversationsOfCustomer(accountId, survivorId))
        .condition("attribute_exists(PK) AND #" + STATUS + " = :seenStatus AND #" + CUSTOMER_ID + " = :seenCustomer",
            ":seenStatus", seen.status(), ":seenCustomer", seen.customerId());
    asRead(update, seen);
    return update;
  }

  /**
   * Every update of the conversation item: one more to its version, which {@link #asRead} checks.
   * (Its creation, a put if absent, leaves it absent: 0.)
   */
  private static ItemUpdate counted() {
    return ItemUpdate.of().add(VERSION, 1);
  }

  /**
   * The conversation as read: its version (every update moves it, a message older than the last
   * activity too, so any write meanwhile fails the condition; an item never updated since the
   * counter exists has none) and its last activity (still what a writer deployed before the
   * counter moves).
   */
  private static void asRead(ItemUpdate update, Conversation seen) {
    if (seen.version() == 0) {
      update.condition("attribute_not_exists(#" + VERSION + ")");
    } else {
      update.condition("#" + VERSION + " = :seenVersion", ":seenVersion", seen.version());
    }
    if (seen.lastActivityAt() == null) {
      update.condition("attribute_not_exists(#" + LAST_ACTIVITY_AT + ")");
    } else {
      update.condition("#" + LAST_ACTIVITY_AT + " = :seenActivity", ":seenActivity", seen.lastActivityAt());
    }
  }

  // ------------------------------------------------------------------ lists

  /** Which list of conversations, newest activity first: an index partition sorted by {@code <lastActivityAt>#<id>}. */
  public record ListSource(int gsi, String partition) {}

  /** GSI3: every conversation of the account in a status. */
  public static ListSource byStatus(String accountId, String status) {
    return new ListSource(3, Keys.conversationsByStatus(accountId, status));
  }

  /** GSI1: the conversations of one user or team in a status. */
  public static ListSource byAssignee(String accountId, String kind, String id, String status) {
    return new ListSource(1, Keys.assigneeList(accountId, kind, id, status));
  }

  /** Up to {@code limit} conversations of a list, newest first, strictly older than {@code after} when given. */
  public ListPage list(ListSource source, String after, int limit) {
    Query query = Query.gsi(source.gsi(), source.partition()).newestFirst().limit(limit);
    if (after != null) {
      query.lessThan(after);
    }
    QueryResult result = table.query(query);
    List<Conversation> conversations = result.items().stream().map(ConversationMapper::fromItem).toList();
    String last = result.items().isEmpty() ? null
        : result.items().get(result.items().size() - 1).get("GSI" + source.gsi() + "SK").s();
    return new ListPage(conversations, result.hasMore(), last);
  }

  /**
   * One page of a list, whether the list has more after it, and the list's sort key of its last
   * conversation (the index's own, which a message stored during an assignment may leave behind).
   */
  public record ListPage(List<Conversation> conversations, boolean more, String lastSortKey) {}

  /** The customer's conversations (GSI2), newest first, at most {@code limit}. */
  public List<Conversation> ofCustomer(String accountId, String customerId, int limit) {
    return table.query(Query.gsi(2, Keys.conversationsOfCustomer(accountId, customerId)).newestFirst().limit(limit))
        .items().stream().map(ConversationMapper::fromItem).toList();
  }

  // ------------------------------------------------------------------ delete (P5)

  /** The conversation item deleted (it leaves every list; its timeline is deleted after, by {@link #deleteHistory}). */
  public Write deleteWrite(String accountId, String conversationId) {
    return table.deleteWrite(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK);
  }

  /**
   * Deletes up to {@code limit} items of the conversation's partition (timeline entries, read
   * states, the conversation item if still there) and, for each message, its carrier look-up (the
   * inbound dedupe marker, whose search document goes with it, or the outbound receipt look-up):
   * one consistent Query, then BatchWriteItem by 25. Returns how many partition items it deleted,
   * and whether any may be left (the Query's page was not its last: a caller stops without another
   * Query that would find nothing, decision 70). Run again, it deletes only what is left.
   */
  public HistoryPage deleteHistory(String accountId, String conversationId, int limit) {
    QueryResult page = table.query(Query.table(Keys.conversation(accountId, conversationId)).consistent().limit(limit));
    List<Map<String, AttributeValue>> items = page.items();
    Map<String, Map<String, AttributeValue>> keys = new java.util.LinkedHashMap<>();   // by "PK|SK": no key twice in a batch
    for (Map<String, AttributeValue> item : items) {
      add(keys, DynamoTable.keyOf(item));
      Message message = TimelineMapper.MESSAGE.equals(ItemReader.of(item).type()) ? TimelineMapper.messageOf(item) : null;
      if (message != null && message.carrierMessageId() != null) {
        add(keys, Message.INBOUND.equals(message.direction())
            ? DynamoTable.key(Keys.inboundCarrierMessage(accountId, message.carrierMessageId()), Keys.INBOUND_SK)
            : DynamoTable.key(Keys.outboundCarrierMessage(message.carrierMessageId()), Keys.OUTBOUND_CARRIER_SK));
      }
    }
    table.deleteAll(new ArrayList<>(keys.values()));
    return new HistoryPage(items.size(), page.hasMore());
  }

  /** One {@link #deleteHistory} call: the partition's items it deleted, and whether any may be left. */
  public record HistoryPage(int deleted, boolean more) {}

  private static void add(Map<String, Map<String, AttributeValue>> keys, Map<String, AttributeValue> key) {
    keys.put(key.get(Table.PK).s() + "|" + key.get(Table.SK).s(), key);
  }

  // ------------------------------------------------------------------ the timeline

  /** A new timeline entry (message, note, event), put only if its key is new. */
  public Write appendWrite(String accountId, String conversationId, TimelineEntry entry) {
    return table.putIfAbsentWrite(TimelineMapper.toItem(accountId, conversationId, entry));
  }

  /** Puts a new entry on its own (a note); false when one with its key exists. */
  public boolean append(String accountId, String conversationId, TimelineEntry entry) {
    return table.putIfAbsent(TimelineMapper.toItem(accountId, conversationId, entry));
  }

  /**
   * One page of the timeline, newest first, older than the entry {@code beforeSk} when given; the
   * next cursor is the last entry's sort key (null on the last page).
   */
  public Page<TimelineEntry> timeline(String accountId, String conversationId, String beforeSk, int limit) {
    String pk = Keys.conversation(accountId, conversationId);
    Query query = Query.table(pk).newestFirst().limit(limit + 1);
    if (beforeSk == null) {
      query.beginsWith(Keys.TIMELINE_PREFIX);
    } else {
      query.between(Keys.TIMELINE_PREFIX, beforeSk);
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>(table.query(query).items());
    // BETWEEN is inclusive: the cursor's own entry was on the previous page
    if (beforeSk != null && !items.isEmpty() && beforeSk.equals(items.get(0).get(Table.SK).s())) {
      items.remove(0);
    }
    boolean more = items.size() > limit;
    if (more) {
      items = items.subList(0, limit);
    }
    List<TimelineEntry> entries = items.stream().map(TimelineMapper::fromItem).filter(e -> e != null).toList();
    return new Page<>(entries, more ? items.get(items.size() - 1).get(Table.SK).s() : null);
  }

  /**
   * One page of the timeline, oldest first (C13's PDF), from {@code fromAt} to {@code toAt} (ISO
   * times, inclusive; null: from the first, to the last entry), after the entry {@code afterSk}
   * when given. One Query per page; the next cursor is the last item's sort key.
   */
  public Page<TimelineEntry> timelineOldestFirst(String accountId, String conversationId, String fromAt, String toAt,
      String afterSk, int limit) {
    String low = Keys.TIMELINE_PREFIX + (fromAt == null ? "" : fromAt);
    String high = Keys.TIMELINE_PREFIX + (toAt == null ? "\uffff" : toAt + "#\uffff");
    Query query = Query.table(Keys.conversation(accountId, conversationId)).between(low, high).limit(limit);
    if (afterSk != null) {
      query.startAfter(DynamoTable.key(Keys.conversation(accountId, conversationId), afterSk));
    }
    QueryResult result = table.query(query);
    List<TimelineEntry> entries = result.items().stream().map(TimelineMapper::fromItem).filter(e -> e != null).toList();
    return new Page<>(entries, result.hasMore() ? result.lastKey().get(Table.SK).s() : null);
  }

  // ------------------------------------------------------------------ read states

  public void markRead(String accountId, ReadState state) {
    table.put(readStateItem(accountId, state));
  }

  /** A user's read state of a conversation, read in a batch (null: never read). */
  public BatchRead.Slot<ReadState> readState(BatchRead batch, String accountId, String conversationId, String userId) {
    return batch.add(Keys.conversation(accountId, conversationId), Keys.readSk(userId), item -> readStateOf(accountId, item));
  }
}
