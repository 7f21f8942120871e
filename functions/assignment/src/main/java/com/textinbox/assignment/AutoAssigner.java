package com.textinbox.assignment;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.Assignments;
import com.textinbox.shared.assignment.AwayRules;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Who gets a new or reopened conversation (docs/decisions.md, "The assignment rule"):
 *
 * <ol>
 *   <li>the candidate: the conversation's assignee when it has one (a reopened conversation, or one
 *       assigned by hand before this event was handled); for a new conversation, the assignee of
 *       the customer's previous conversation; else the company's default ({@code defaultAssignee*}
 *       on the account item); else nobody (it stays unassigned);
 *   <li>the away rules ({@link AwayRules}: A2 delegate, A4 no chains, A5 replied while away);
 *   <li>when that changes the assignee: one transaction (conversation + {@code assigned} event by
 *       {@code system} with its {@code reason}), marked {@code autoAssignedEventId} so a redelivery
 *       of the event assigns nothing again.
 * </ol>
 *
 * Then, for every conversation event (created, reopened, received), a {@code message.received}
 * notification event with the same {@code eventId}, so the dispatcher reads the assignee just set.
 */
final class AutoAssigner {
  private static final Logger LOG = LoggerFactory.getLogger(AutoAssigner.class);
  private static final int ATTEMPTS = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final EventQueue notifications;

  AutoAssigner(DynamoDbClient dynamoDb, String table, Clock clock, EventQueue notifications) {
    this.dynamoDb = dynamoDb;
    this.table = table;
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
      Map<String, AttributeValue> conversation = get(key(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK));
      if (conversation == null) {
        throw new IllegalStateException("conversation " + conversationId + " of event " + eventId + " is missing");
      }
      if (eventId.equals(str(conversation, "autoAssignedEventId"))) {
        LOG.info("event {}: conversation {} already assigned for it", eventId, conversationId);
        return;
      }
      Candidate candidate = candidate(accountId, conversation, created);
      if (candidate == null) {
        LOG.info("event {}: conversation {} stays unassigned (no previous assignee, no company default)", eventId, conversationId);
        return;
      }
      AwayRules.UserAway away = null;
      AwayRules.UserAway delegate = null;
      String candidateName;
      Map<String, AttributeValue> candidateItem = get(Assignments.directoryKey(accountId, candidate.kind, candidate.id));
      candidateName = candidateItem == null ? null : str(candidateItem, "name");
      if (Assignee.USER.equals(candidate.kind) && candidateItem != null) {
        away = userAway(candidate.id, candidateItem);
        if (away.away() && away.delegateId() != null) {
          Map<String, AttributeValue> delegateItem = get(Assignments.directoryKey(accountId, Assignee.USER, away.delegateId()));
          delegate = delegateItem == null ? null : userAway(away.delegateId(), delegateItem);
        }
      }
      AwayRules.Decision decision = AwayRules.decide(new Assignee(candidate.kind, candidate.id, candidateName), away, delegate,
          candidate.awayReplyUserId, candidate.awayReplyAt);
      Assignee target = decision.assignee();
      if (target.sameAs(str(conversation, "assigneeKind"), str(conversation, "assigneeId"))) {
        LOG.info("event {}: conversation {} stays with {} {} ({}{})", eventId, conversationId, target.kind(), target.id(),
            candidate.reason, decision.rule() == AwayRules.Rule.NONE ? "" : ", " + AwayRules.label(decision.rule()));
        return;
      }
      String previousKind = str(conversation, "assigneeKind");
      String previousId = str(conversation, "assigneeId");
      String previousName = previousId == null ? null
          : previousId.equals(candidate.id) ? candidateName : nameOf(accountId, previousKind, previousId);
      String now = Keys.time(clock.instant());
      String timelineId = "asg-auto-" + eventId;
      try {
        dynamoDb.transactWriteItems(b -> b.transactItems(Assignments.writes(table, new Assignments.Change(accountId, conversation,
            target, previousName, Assignments.SYSTEM, null, decision.rule() == AwayRules.Rule.DELEGATED ? "away-delegate" : candidate.reason,
            AwayRules.label(decision.rule()), timelineId, timelineId, null, null, now, eventId))));
        LOG.info("event {}: conversation {} assigned to {} {} ({}, {})", eventId, conversationId, target.kind(), target.id(),
            candidate.reason, decision.rule());
        return;
      } catch (TransactionCanceledException changed) {
        if (attempt == ATTEMPTS || !Assignments.conditionFailed(changed.cancellationReasons())) {
          throw changed;
        }
        // a message, a close or a manual assignment meanwhile: decide again on what is there now
      }
    }
  }

  /** The candidate before the away rules, with the A5 record of the conversation it comes from. */
  private record Candidate(String kind, String id, String reason, String awayReplyUserId, String awayReplyAt) {}

  private Candidate candidate(String accountId, Map<String, AttributeValue> conversation, boolean created) {
    if (str(conversation, "assigneeKind") != null && str(conversation, "assigneeId") != null) {
      return new Candidate(str(conversation, "assigneeKind"), str(conversation, "assigneeId"), "previous-assignee",
          str(conversation, "awayReplyUserId"), str(conversation, "awayReplyAt"));
    }
    String customerId = str(conversation, "customerId");
    if (created && customerId != null) {
      // the customer's previous conversation (GSI2, newest first): its assignee keeps the customer
      List<Map<String, AttributeValue>> earlier = dynamoDb.query(b -> b.tableName(table).indexName(Table.GSI2)
          .keyConditionExpression(Table.GSI2PK + " = :pk")
          .expressionAttributeValues(Map.of(":pk", s(Keys.conversationsOfCustomer(accountId, customerId))))
          .scanIndexForward(false).limit(5)).items();
      for (Map<String, AttributeValue> other : earlier) {
        if (!str(other, "conversationId").equals(str(conversation, "conversationId"))
            && str(other, "assigneeKind") != null && str(other, "assigneeId") != null) {
          return new Candidate(str(other, "assigneeKind"), str(other, "assigneeId"), "previous-assignee",
              str(other, "awayReplyUserId"), str(other, "awayReplyAt"));
        }
      }
    }
    Map<String, AttributeValue> account = get(key(Keys.account(accountId), Keys.ACCOUNT_SK));
    if (account != null && str(account, "defaultAssigneeKind") != null && str(account, "defaultAssigneeId") != null) {
      return new Candidate(str(account, "defaultAssigneeKind"), str(account, "defaultAssigneeId"), "default-assignee",
          str(conversation, "awayReplyUserId"), str(conversation, "awayReplyAt"));
    }
    return null;
  }

  private static AwayRules.UserAway userAway(String userId, Map<String, AttributeValue> user) {
    AttributeValue away = user.get("away");
    return new AwayRules.UserAway(userId, str(user, "name"), away != null && Boolean.TRUE.equals(away.bool()),
        str(user, "awayDelegateId"), str(user, "awaySince"));
  }

  private String nameOf(String accountId, String kind, String id) {
    Map<String, AttributeValue> item = get(Assignments.directoryKey(accountId, kind, id));
    return item == null ? null : str(item, "name");
  }

  private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }
}
