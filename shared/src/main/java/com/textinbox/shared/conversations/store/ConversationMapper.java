package com.textinbox.shared.conversations.store;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ReadState;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The conversation item ({@code A#<acct>#CONV#<id>} / {@code CONVERSATION}) and a user's read state
 * ({@code READ#<userId>}): the one place their attribute names are spelled. Index keys
 * (docs/data-model.md): GSI1 the assignee's list while assigned, GSI2 the customer's conversations,
 * GSI3 the account's list by status, GSI4 the unanswered list while unanswered.
 */
public final class ConversationMapper {
  static final String TYPE = "Conversation";
  static final String READ_STATE_TYPE = "ReadState";

  static final String CONVERSATION_ID = "conversationId", CUSTOMER_ID = "customerId", STATUS = "status";
  static final String CREATED_AT = "createdAt", OPENED_BY = "openedBy";
  static final String OPENED_BY_CARRIER_MESSAGE_ID = "openedByCarrierMessageId", LAST_ACTIVITY_AT = "lastActivityAt";
  static final String LAST_MESSAGE_ID = "lastMessageId", LAST_MESSAGE_PREVIEW = "lastMessagePreview";
  static final String LAST_MESSAGE_DIRECTION = "lastMessageDirection", LAST_INBOUND_AT = "lastInboundAt";
  static final String LAST_OUTBOUND_AT = "lastOutboundAt", MESSAGE_COUNT = "messageCount";
  static final String UNANSWERED_SINCE = "unansweredSince", ASSIGNEE_KIND = "assigneeKind";
  static final String ASSIGNEE_ID = "assigneeId", ASSIGNED_AT = "assignedAt", ASSIGNED_BY = "assignedBy";
  static final String ASSIGNMENT_ID = "assignmentId", AUTO_ASSIGNED_EVENT_ID = "autoAssignedEventId";
  static final String AWAY_REPLY_USER_ID = "awayReplyUserId", AWAY_REPLY_AT = "awayReplyAt", CLOSED_AT = "closedAt";
  static final String CLOSED_BY = "closedBy", REOPENED_AT = "reopenedAt";
  static final String REOPENED_BY = "reopenedBy", USER_ID = "userId", READ_AT = "readAt";
  /** C14: when a merge archived it, and the profile it belonged to before a merge moved it. */
  static final String ARCHIVED_AT = "archivedAt", MERGED_FROM_CUSTOMER_ID = "mergedFromCustomerId", MERGED_AT = "mergedAt";
  /** Every update adds 1 (absent until the first update since the counter exists; docs/decisions.md 49). */
  static final String VERSION = "version";

  private ConversationMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, Conversation c) {
    String activitySk = c.lastActivityAt() == null ? null : c.activitySortKey();
    ItemBuilder item = ItemBuilder.item(Keys.conversation(accountId, c.conversationId()), Keys.CONVERSATION_SK, TYPE)
        .str(CONVERSATION_ID, c.conversationId()).str(CUSTOMER_ID, c.customerId()).str(STATUS, c.status())
        .str(CREATED_AT, c.createdAt()).str(OPENED_BY, c.openedBy())
        .str(OPENED_BY_CARRIER_MESSAGE_ID, c.openedByCarrierMessageId()).str(LAST_ACTIVITY_AT, c.lastActivityAt())
        .str(LAST_MESSAGE_ID, c.lastMessageId()).str(LAST_MESSAGE_PREVIEW, c.lastMessagePreview())
        .str(LAST_MESSAGE_DIRECTION, c.lastMessageDirection()).str(LAST_INBOUND_AT, c.lastInboundAt())
        .str(LAST_OUTBOUND_AT, c.lastOutboundAt()).num(MESSAGE_COUNT, c.messageCount() == 0 ? null : c.messageCount())
        .str(UNANSWERED_SINCE, c.unansweredSince()).str(ASSIGNED_AT, c.assignedAt()).str(ASSIGNED_BY, c.assignedBy())
        .str(ASSIGNMENT_ID, c.assignmentId()).str(AUTO_ASSIGNED_EVENT_ID, c.autoAssignedEventId())
        .str(AWAY_REPLY_USER_ID, c.awayReplyUserId()).str(AWAY_REPLY_AT, c.awayReplyAt())
        .str(CLOSED_AT, c.closedAt()).str(CLOSED_BY, c.closedBy()).str(REOPENED_AT, c.reopenedAt())
        .str(REOPENED_BY, c.reopenedBy()).num(VERSION, c.version() == 0 ? null : c.version());
    if (c.assigned()) {
      item.str(ASSIGNEE_KIND, c.assignee().kind()).str(ASSIGNEE_ID, c.assignee().id())
          .index(Table.GSI1PK, assigneeList(accountId, c.assignee(), c.status()), Table.GSI1SK, activitySk);
    }
    if (c.customerId() != null) {
      item.index(Table.GSI2PK, Keys.conversationsOfCustomer(accountId, c.customerId()), Table.GSI2SK, c.createdAt());
    }
    item.index(Table.GSI3PK, Keys.conversationsByStatus(accountId, c.status()), Table.GSI3SK, activitySk);
    if (c.unansweredSince() != null) {
      item.index(Table.GSI4PK, Keys.unansweredConversations(accountId), Table.GSI4SK,
          Keys.activitySk(c.unansweredSince(), c.conversationId()));
    }
    return item.build();
  }

  public static Conversation fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new Conversation(r.str(CONVERSATION_ID), r.str(CUSTOMER_ID), r.str(STATUS), r.str(CREATED_AT),
        r.str(OPENED_BY), r.str(OPENED_BY_CARRIER_MESSAGE_ID), r.str(LAST_ACTIVITY_AT), r.str(LAST_MESSAGE_ID),
        r.str(LAST_MESSAGE_PREVIEW), r.str(LAST_MESSAGE_DIRECTION), r.str(LAST_INBOUND_AT), r.str(LAST_OUTBOUND_AT),
        r.num(MESSAGE_COUNT, 0), r.str(UNANSWERED_SINCE), assignee(r.str(ASSIGNEE_KIND), r.str(ASSIGNEE_ID)),
        r.str(ASSIGNED_AT), r.str(ASSIGNED_BY), r.str(ASSIGNMENT_ID), r.str(AUTO_ASSIGNED_EVENT_ID),
        r.str(AWAY_REPLY_USER_ID), r.str(AWAY_REPLY_AT), r.str(CLOSED_AT), r.str(CLOSED_BY), r.str(REOPENED_AT),
        r.str(REOPENED_BY), r.num(VERSION, 0));
  }

  /** Whether an item read is a conversation (an id of something else in the same key shape is not). */
  static boolean isConversation(Map<String, AttributeValue> item) {
    return item != null && TYPE.equals(ItemReader.of(item).type());
  }

  /** An assignee as the item spells it; null when either half is missing. */
  static Assignee assignee(String kind, String id) {
    return kind == null || id == null ? null : new Assignee(kind, id, null);
  }

  /** GSI1 of an assigned conversation: its assignee's list in its status. */
  static String assigneeList(String accountId, Assignee assignee, String status) {
    return Keys.assigneeList(accountId, assignee.kind(), assignee.id(), status);
  }

  public static Map<String, AttributeValue> readStateItem(String accountId, ReadState state) {
    return ItemBuilder.item(Keys.conversation(accountId, state.conversationId()), Keys.readSk(state.userId()), READ_STATE_TYPE)
        .str(USER_ID, state.userId())
        .str(READ_AT, state.readAt())
        .build();
  }

  /** A read state item of the account; null for none. */
  public static ReadState readStateOf(String accountId, Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    ItemReader r = ItemReader.of(item);
    String conversationId = r.pk().substring(Keys.conversation(accountId, "").length());
    return new ReadState(conversationId, r.str(USER_ID, r.skAfter(Keys.readSk(""))), r.str(READ_AT));
  }
}
