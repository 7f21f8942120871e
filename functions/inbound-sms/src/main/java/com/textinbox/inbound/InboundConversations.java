package com.textinbox.inbound;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.conversations.store.OutboundMessageStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.messaging.CustomerMessages;
import com.textinbox.shared.messaging.ComplianceKeyword;
import com.textinbox.shared.messaging.InboundSms;
import com.textinbox.shared.messaging.MessageRef;
import com.textinbox.shared.messaging.PhoneNumbers;
import com.textinbox.shared.messaging.SendSmsCommand;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.messaging.SubscriptionRule;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Files an inbound SMS in its customer's conversation (docs/data-model.md, "Inbound SMS"):
 *
 * <ol>
 *   <li>the company owning the destination number (GetItem {@code NUMBER#<e164>});
 *   <li>the dedupe marker {@code A#<acct>#INBOUND#<carrierId>}: present means the message is stored
 *       already, and only its event may still have to be sent (a crash between the two);
 *   <li>the customer by the {@code PHONE} guard; an unknown number gets a profile, its guard and a
 *       first conversation in one transaction (two first messages at once: the loser re-reads);
 *   <li>the active conversation ({@code activeConversationId}), created if none;
 *   <li>a compliance keyword only: GetItem the account (its name and help text, for the reply);
 *   <li>one transaction: the marker (conditional: stored once), the timeline message, the
 *       conversation's update (reopened if closed; last activity only ever forward, optimistic on
 *       what was read), and for a keyword its compliance entry, the profile's subscription and the
 *       automatic reply (an outbound message, QUEUED: {@link KeywordReply});
 *   <li>the event to the conversation events queue, the reply's command to SendSmsQueue, then
 *       {@code eventSentAt} on the marker. A crash before that last step: the redelivery finds the
 *       marker without it and sends both again, the same event and the same command (the sender
 *       texts a message only while QUEUED: one reply, whatever the number of deliveries).
 * </ol>
 */
final class InboundConversations {
  private static final Logger LOG = LoggerFactory.getLogger(InboundConversations.class);

  static final String OPEN = "OPEN";
  static final String CLOSED = "CLOSED";
  private static final int ATTEMPTS = 5;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final ConversationEvents events;
  private final SendSmsQueue sendSms;
  private final OutboundMessageStore outboundMessages;

  InboundConversations(DynamoDbClient dynamoDb, String table, Clock clock, ConversationEvents events, SendSmsQueue sendSms) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.events = events;
    this.sendSms = sendSms;
    this.outboundMessages = new OutboundMessageStore(new DynamoTable(dynamoDb, table));
  }

  /** What the profile holds that matters here. */
  private record Profile(String customerId, String activeConversationId, String language, boolean subscribed,
      String subscriptionChangedAt) {
    static Profile of(Map<String, AttributeValue> item) {
      return new Profile(str(item, "customerId"), str(item, "activeConversationId"), str(item, "language"),
          SubscriptionRule.subscribed(item.containsKey("subscribed") ? item.get("subscribed").bool() : null),
          str(item, "subscriptionChangedAt"));
    }
  }

  /** What the conversation holds that matters here, as read (the optimistic check compares it). */
  private record Conversation(String conversationId, String status, String lastActivityAt, String lastInboundAt,
      String assigneeKind, String assigneeId, String openedByCarrierMessageId) {
    static Conversation of(Map<String, AttributeValue> item) {
      return new Conversation(str(item, "conversationId"), str(item, "status"), str(item, "lastActivityAt"),
          str(item, "lastInboundAt"), str(item, "assigneeKind"), str(item, "assigneeId"),
          str(item, "openedByCarrierMessageId"));
    }

    boolean assigned() {
      return assigneeKind != null && assigneeId != null;
    }
  }

  /** Stores {@code sms} once and sends its event; {@code carrierTime} is the SNS timestamp, if any. */
  void receive(InboundSms sms, Instant carrierTime) {
    String accountId = accountOwning(sms.to());
    Map<String, AttributeValue> markerKey = key(Keys.inboundCarrierMessage(accountId, sms.carrierMessageId()), Keys.INBOUND_SK);
    Map<String, AttributeValue> marker = get(markerKey);
    if (marker != null) {
      finish(sms.carrierMessageId(), markerKey, marker);
      return;
    }
    Instant now = clock.instant();
    Instant at = carrierTime != null ? carrierTime : now;
    // ids derived from the carrier's id: a retry after a crash writes the same items again
    String messageId = "msg-" + UUID.nameUUIDFromBytes(
        ("inbound|" + accountId + "|" + sms.carrierMessageId()).getBytes(StandardCharsets.UTF_8));

    Profile profile = customer(accountId, sms.from(), sms.carrierMessageId(), at, now);
    Conversation conversation = activeConversation(accountId, profile, sms.carrierMessageId(), at, now);
    Optional<ComplianceKeyword> keyword = ComplianceKeyword.detect(sms.body(), ComplianceKeyword.Language.of(profile.language()));
    Map<String, AttributeValue> account = keyword.isPresent() ? accountItem(accountId) : null;

    for (int attempt = 1; ; attempt++) {
      Optional<KeywordReply> reply = keyword.map(k -> KeywordReply.decide(k, profile.subscribed(),
          profile.subscriptionChangedAt(), Keys.time(at), str(account, "name"), str(account, "helpText")));
      Stored stored = storeMessage(accountId, sms, markerKey, messageId, profile, conversation, keyword, reply, at, now);
      if (stored.outcome == Outcome.STORED) {
        LOG.info("inbound SMS {} from {} stored as {} in conversation {} ({})", sms.carrierMessageId(),
            PhoneNumbers.masked(sms.from()), messageId, conversation.conversationId(), stored.eventType);
        send(sms.carrierMessageId(), markerKey, stored.eventId, stored.eventType, stored.eventJson, stored.replyCommand);
        return;
      }
      if (stored.outcome == Outcome.DUPLICATE) {
        Map<String, AttributeValue> other = get(markerKey);
        if (other == null) {
          throw new IllegalStateException("inbound SMS " + sms.carrierMessageId() + ": the marker's condition failed but it is not there");
        }
        finish(sms.carrierMessageId(), markerKey, other);
        return;
      }
      // the conversation changed since it was read (another message, a close), or another
      // transaction held one of the items: read the conversation again and retry
      if (attempt == ATTEMPTS) {
        throw new IllegalStateException("conversation " + conversation.conversationId() + " kept changing; retrying later");
      }
      conversation = Conversation.of(require(get(key(Keys.conversation(accountId, conversation.conversationId()), Keys.CONVERSATION_SK)),
          "conversation " + conversation.conversationId()));
    }
  }

  private enum Outcome { STORED, DUPLICATE, CONVERSATION_CHANGED }

  private record Stored(Outcome outcome, String eventId, String eventType, String eventJson, String replyCommand) {}

  // ------------------------------------------------------------------ the customer

  private Profile customer(String accountId, String from, String carrierId, Instant at, Instant now) {
    Map<String, AttributeValue> guardKey = key(Keys.customerPhone(accountId, from), Keys.PHONE_SK);
    Map<String, AttributeValue> guard = get(guardKey);
    if (guard != null) {
      return profile(accountId, str(guard, "customerId"));
    }
    String customerId = "cust-" + UUID.randomUUID();
    String conversationId = "conv-" + UUID.randomUUID();
    String created = Keys.time(now);

    Map<String, AttributeValue> guardItem = new HashMap<>(guardKey);
    guardItem.put(Table.TYPE, s("CustomerPhone"));
    guardItem.put("customerId", s(customerId));

    Map<String, AttributeValue> profileItem = new HashMap<>(key(Keys.customer(accountId, customerId), Keys.PROFILE_SK));
    profileItem.put(Table.TYPE, s("Customer"));
    profileItem.put("customerId", s(customerId));
    profileItem.put("mobile", s(from));
    profileItem.put("subscribed", AttributeValue.fromBool(true));
    profileItem.put("createdAt", s(created));
    profileItem.put("createdBy", s("inbound-sms"));
    profileItem.put("activeConversationId", s(conversationId));
    // no name yet: unnamed customers sort first in the name list, by id
    profileItem.put(Table.GSI1PK, s(Keys.customersOf(accountId)));
    profileItem.put(Table.GSI1SK, s("#" + customerId));

    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(
          put(guardItem),
          put(profileItem),
          put(newConversation(accountId, conversationId, customerId, carrierId, at, now))));
    } catch (TransactionCanceledException lost) {
      // another message from the same number created the profile first: use that one
      Map<String, AttributeValue> winner = get(guardKey);
      if (winner == null) {
        throw lost;
      }
      LOG.info("customer of {} created concurrently; using it", PhoneNumbers.masked(from));
      return profile(accountId, str(winner, "customerId"));
    }
    LOG.info("new customer {} for {}, conversation {}", customerId, PhoneNumbers.masked(from), conversationId);
    return new Profile(customerId, conversationId, null, true, null);
  }

  private Profile profile(String accountId, String customerId) {
    return Profile.of(require(get(key(Keys.customer(accountId, customerId), Keys.PROFILE_SK)), "profile " + customerId));
  }

  // ------------------------------------------------------------------ the conversation

  private Conversation activeConversation(String accountId, Profile profile, String carrierId, Instant at, Instant now) {
    if (profile.activeConversationId() != null) {
      return Conversation.of(require(get(key(Keys.conversation(accountId, profile.activeConversationId()), Keys.CONVERSATION_SK)),
          "conversation " + profile.activeConversationId()));
    }
    String conversationId = "conv-" + UUID.randomUUID();
    Map<String, AttributeValue> item = newConversation(accountId, conversationId, profile.customerId(), carrierId, at, now);
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(
          put(item),
          TransactWriteItem.builder().update(Update.builder().tableName(table)
              .key(key(Keys.customer(accountId, profile.customerId()), Keys.PROFILE_SK))
              .updateExpression("SET activeConversationId = :c")
              .conditionExpression("attribute_exists(PK) AND attribute_not_exists(activeConversationId)")
              .expressionAttributeValues(Map.of(":c", s(conversationId)))
              .build()).build()));
      LOG.info("conversation {} opened for customer {}", conversationId, profile.customerId());
      return Conversation.of(item);
    } catch (TransactionCanceledException lost) {
      Profile again = profile(accountId, profile.customerId());
      if (again.activeConversationId() == null) {
        throw lost;
      }
      return activeConversation(accountId, again, carrierId, at, now);
    }
  }

  /** A conversation opened by the inbound message {@code carrierId}: open, unassigned, active at {@code at}. */
  private Map<String, AttributeValue> newConversation(String accountId, String conversationId, String customerId,
      String carrierId, Instant at, Instant now) {
    String activity = Keys.time(at);
    Map<String, AttributeValue> item = new HashMap<>(key(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK));
    item.put(Table.TYPE, s("Conversation"));
    item.put("conversationId", s(conversationId));
    item.put("customerId", s(customerId));
    item.put("status", s(OPEN));
    item.put("createdAt", s(Keys.time(now)));
    item.put("openedByCarrierMessageId", s(carrierId));
    item.put("lastActivityAt", s(activity));
    item.put(Table.GSI2PK, s(Keys.conversationsOfCustomer(accountId, customerId)));
    item.put(Table.GSI2SK, s(Keys.time(now)));
    item.put(Table.GSI3PK, s(Keys.conversationsByStatus(accountId, OPEN)));
    item.put(Table.GSI3SK, s(Keys.activitySk(activity, conversationId)));
    return item;
  }

  // ------------------------------------------------------------------ the message

  private Stored storeMessage(String accountId, InboundSms sms, Map<String, AttributeValue> markerKey, String messageId,
      Profile profile, Conversation conversation, Optional<ComplianceKeyword> keyword, Optional<KeywordReply> reply,
      Instant at, Instant now) {
    String conversationId = conversation.conversationId();
    String conversationPk = Keys.conversation(accountId, conversationId);
    String atText = Keys.time(at);
    String nowText = Keys.time(now);
    boolean reopen = CLOSED.equals(conversation.status());
    String eventType = sms.carrierMessageId().equals(conversation.openedByCarrierMessageId())
        ? "conversation.created" : reopen ? "conversation.reopened" : "message.received";
    String compliance = keyword.map(k -> SubscriptionRule.complianceEvent(k.type())).orElse(null);

    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", messageId);
    event.put("type", eventType);
    event.put("accountId", accountId);
    event.put("conversationId", conversationId);
    event.put("customerId", profile.customerId());
    event.put("messageId", messageId);
    event.put("at", atText);
    if (keyword.isPresent()) {
      event.put("compliance", Map.of("action", compliance, "keyword", keyword.get().keyword(),
          "language", keyword.get().language().name().toLowerCase(java.util.Locale.ROOT)));
    }
    String eventJson = Json.write(event);

    List<TransactWriteItem> items = new ArrayList<>();

    // 0. the dedupe marker (also the searchable copy of the message: SearchDocuments indexes it)
    Map<String, AttributeValue> markerItem = new HashMap<>(markerKey);
    markerItem.put(Table.TYPE, s("InboundSms"));
    markerItem.put("from", s(sms.from()));
    markerItem.put("to", s(sms.to()));
    markerItem.put("body", s(sms.body()));
    markerItem.put("receivedAt", s(nowText));
    markerItem.put("conversationId", s(conversationId));
    markerItem.put("customerId", s(profile.customerId()));
    markerItem.put("messageId", s(messageId));
    markerItem.put("eventType", s(eventType));
    markerItem.put("event", s(eventJson));
    // the automatic reply to a keyword: its timeline entry and the command that texts it
    String replyId = "msg-" + UUID.nameUUIDFromBytes(
        ("keyword-reply|" + accountId + "|" + sms.carrierMessageId()).getBytes(StandardCharsets.UTF_8));
    String replySk = Keys.timelineSk(Keys.time(at.plusMillis(2)), replyId);
    String complianceSk = Keys.timelineSk(Keys.time(at.plusMillis(1)), messageId + "-compliance");
    String replyCommand = reply.filter(KeywordReply::sent)
        .map(r -> new SendSmsCommand(accountId, conversationId, replySk, replyId).json()).orElse(null);
    if (replyCommand != null) {
      markerItem.put("replyCommand", s(replyCommand));
    }
    items.add(put(markerItem));

    // 1. the timeline message, in the order sent (the carrier's time when known)
    Map<String, AttributeValue> message = new HashMap<>(key(conversationPk, Keys.timelineSk(atText, messageId)));
    message.put(Table.TYPE, s("Message"));
    message.put("messageId", s(messageId));
    message.put("conversationId", s(conversationId));
    message.put("customerId", s(profile.customerId()));
    message.put("direction", s("INBOUND"));
    message.put("body", s(sms.body()));
    message.put("from", s(sms.from()));
    message.put("to", s(sms.to()));
    message.put("carrierMessageId", s(sms.carrierMessageId()));
    message.put("status", s("RECEIVED"));
    message.put("receivedAt", s(nowText));
    message.put("sentAt", s(atText));
    if (keyword.isPresent()) {
      message.put("keyword", s(keyword.get().keyword()));
    }
    items.add(put(message));

    // 2. the conversation: reopened if closed; activity forward only; unanswered since
    List<String> sets = new ArrayList<>();
    Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":seenStatus", s(conversation.status()));
    String condition = "attribute_exists(PK) AND #status = :seenStatus AND ";
    if (conversation.lastActivityAt() == null) {
      condition += "attribute_not_exists(lastActivityAt)";
    } else {
      condition += "lastActivityAt = :seenActivity";
      values.put(":seenActivity", s(conversation.lastActivityAt()));
    }
    if (reopen) {
      sets.add("#status = :open");
      sets.add("reopenedAt = :now");
      sets.add(Table.GSI3PK + " = :openList");
      values.put(":open", s(OPEN));
      values.put(":now", s(nowText));
      values.put(":openList", s(Keys.conversationsByStatus(accountId, OPEN)));
      if (conversation.assigned()) {
        sets.add(Table.GSI1PK + " = :assigneeOpen");
        values.put(":assigneeOpen", s(Keys.assigneeList(accountId, conversation.assigneeKind(), conversation.assigneeId(), OPEN)));
      }
    }
    boolean newest = conversation.lastActivityAt() == null || atText.compareTo(conversation.lastActivityAt()) >= 0;
    if (newest) {
      String activitySk = Keys.activitySk(atText, conversationId);
      sets.add("lastActivityAt = :at");
      sets.add(Table.GSI3SK + " = :activitySk");
      sets.add("lastMessageId = :messageId");
      sets.add("lastMessagePreview = :preview");
      sets.add("lastMessageDirection = :inbound");
      values.put(":activitySk", s(activitySk));
      values.put(":messageId", s(messageId));
      values.put(":preview", s(CustomerMessages.preview(sms.body())));
      values.put(":inbound", s("INBOUND"));
      if (conversation.assigned()) {
        sets.add(Table.GSI1SK + " = :activitySk");
      }
    }
    if (conversation.lastInboundAt() == null || atText.compareTo(conversation.lastInboundAt()) > 0) {
      sets.add("lastInboundAt = :at");
    }
    // a keyword needs no answer from the staff (the reply is automatic): it does not make the
    // conversation unanswered
    if (keyword.isEmpty()) {
      sets.add("unansweredSince = if_not_exists(unansweredSince, :at)");
      sets.add(Table.GSI4PK + " = :unanswered");
      sets.add(Table.GSI4SK + " = if_not_exists(" + Table.GSI4SK + ", :unansweredSk)");
      values.put(":unanswered", s(Keys.unansweredConversations(accountId)));
      values.put(":unansweredSk", s(Keys.activitySk(atText, conversationId)));
    }
    if (sets.stream().anyMatch(set -> set.contains(":at"))) {
      values.put(":at", s(atText));
    }
    // the keyword's automatic reply counts as a message too
    sets.add("messageCount = if_not_exists(messageCount, :zero) + :one");
    values.put(":zero", AttributeValue.fromN("0"));
    values.put(":one", AttributeValue.fromN(replyCommand != null ? "2" : "1"));
    items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
        .key(key(conversationPk, Keys.CONVERSATION_SK))
        .updateExpression("SET " + String.join(", ", sets))
        .conditionExpression(condition)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build()).build());

    // 3. the reopening, just before the message in the timeline
    if (reopen) {
      Map<String, AttributeValue> reopened = new HashMap<>(key(conversationPk,
          Keys.timelineSk(Keys.time(at.minusMillis(1)), messageId + "-reopened")));
      reopened.put(Table.TYPE, s("ConversationEvent"));
      reopened.put("event", s("reopened"));
      reopened.put("by", s("customer"));
      reopened.put("messageId", s(messageId));
      reopened.put("at", s(nowText));
      items.add(put(reopened));
    }

    // 4. a keyword: its compliance event just after the message, and the profile's subscription
    if (keyword.isPresent()) {
      Map<String, AttributeValue> complianceEvent = new HashMap<>(key(conversationPk, complianceSk));
      complianceEvent.put(Table.TYPE, s("ComplianceEvent"));
      complianceEvent.put("event", s(compliance));
      complianceEvent.put("keyword", s(keyword.get().keyword()));
      complianceEvent.put("language", s(keyword.get().language().name().toLowerCase(java.util.Locale.ROOT)));
      complianceEvent.put("messageId", s(messageId));
      complianceEvent.put("customerId", s(profile.customerId()));
      complianceEvent.put("at", s(atText));
      // the reply: PENDING until SmsSender sets SENT or FAILED; NONE when none is due (KeywordReply)
      KeywordReply decided = reply.orElseThrow();
      if (decided.sent()) {
        complianceEvent.put("reply", s("PENDING"));
        complianceEvent.put("replyMessageId", s(replyId));
        items.add(outboundMessages.queueWrite(decided.message(new MessageRef(accountId, conversationId, replySk, replyId),
            profile.customerId(), messageId, complianceSk, now)).item());
      } else {
        complianceEvent.put("reply", s("NONE"));
        complianceEvent.put("replyNotSentReason", s(decided.notSentReason()));
      }
      items.add(put(complianceEvent));
      subscriptionChange(accountId, profile, keyword.get().type(), atText).ifPresent(items::add);
    }

    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(items));
      return new Stored(Outcome.STORED, messageId, eventType, eventJson, replyCommand);
    } catch (TransactionCanceledException cancelled) {
      List<CancellationReason> reasons = cancelled.cancellationReasons();
      if (failedOnCondition(reasons, 0)) {
        return new Stored(Outcome.DUPLICATE, null, null, null, null);
      }
      if (failedOnCondition(reasons, 2) || conflicted(reasons)) {
        return new Stored(Outcome.CONVERSATION_CHANGED, null, null, null, null);
      }
      throw cancelled;
    }
  }

  /**
   * STOP: unsubscribed since the message's time (kept if already unsubscribed); START:
   * subscribed again. Nothing when the profile is already in that state, or when it changed
   * after this message was sent (a STOP and a START delivered out of order: the later one wins).
   */
  private Optional<TransactWriteItem> subscriptionChange(String accountId, Profile profile, ComplianceKeyword.Type type, String at) {
    Optional<SubscriptionRule.Change> change = SubscriptionRule.change(type, profile.subscribed(), profile.subscriptionChangedAt(), at);
    if (change.isEmpty()) {
      return Optional.empty();
    }
    Update.Builder update = Update.builder().tableName(table)
        .key(key(Keys.customer(accountId, profile.customerId()), Keys.PROFILE_SK))
        .conditionExpression("attribute_exists(PK)");
    if (change.get() == SubscriptionRule.Change.UNSUBSCRIBE) {
      update.updateExpression("SET subscribed = :false, unsubscribedAt = :at, subscriptionChangedAt = :at, "
              + Table.GSI3PK + " = :list, " + Table.GSI3SK + " = :at")
          .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false), ":at", s(at),
              ":list", s(Keys.unsubscribedCustomers(accountId))));
    } else {
      update.updateExpression("SET subscribed = :true, resubscribedAt = :at, subscriptionChangedAt = :at"
              + " REMOVE unsubscribedAt, " + Table.GSI3PK + ", " + Table.GSI3SK)
          .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":at", s(at)));
    }
    return Optional.of(TransactWriteItem.builder().update(update.build()).build());
  }

  // ------------------------------------------------------------------ the event

  /** The message is stored: send its event unless that was done already. */
  private void finish(String carrierId, Map<String, AttributeValue> markerKey, Map<String, AttributeValue> marker) {
    if (marker.containsKey("eventSentAt")) {
      LOG.info("inbound SMS {} was delivered again; already stored and announced", carrierId);
      return;
    }
    if (!marker.containsKey("event")) {
      // a marker written before conversations existed: stored, nothing to announce
      LOG.info("inbound SMS {} was delivered again; stored before conversation events", carrierId);
      return;
    }
    LOG.info("inbound SMS {} was stored but its event not confirmed sent: sending it", carrierId);
    send(carrierId, markerKey, str(marker, "messageId"), str(marker, "eventType"), str(marker, "event"),
        str(marker, "replyCommand"));
  }

  /** The event, then the reply's command (a keyword's), then the marker says both are done. */
  private void send(String carrierId, Map<String, AttributeValue> markerKey, String eventId, String type, String json,
      String replyCommand) {
    events.send(eventId, type, json);
    if (replyCommand != null) {
      sendSms.send(SendSmsCommand.parse(replyCommand));
    }
    dynamoDb.updateItem(b -> b.tableName(table).key(markerKey)
        .updateExpression("SET eventSentAt = :now")
        .expressionAttributeValues(Map.of(":now", s(Keys.time(clock.instant())))));
    LOG.info("inbound SMS {}: event {} {} sent", carrierId, type, eventId);
  }

  // ------------------------------------------------------------------ helpers

  /** The account item (name, help text), for a keyword's reply; an eventually consistent read is enough. */
  private Map<String, AttributeValue> accountItem(String accountId) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(Keys.account(accountId), Keys.ACCOUNT_SK))).item();
    return item == null ? Map.of() : item;
  }

  private String accountOwning(String companyNumber) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
        .key(key(Keys.companyNumber(companyNumber), Keys.COMPANY_NUMBER_SK))).item();
    if (item == null || item.isEmpty()) {
      throw new InboundSms.RejectedPayload("no company owns the number " + PhoneNumbers.masked(companyNumber));
    }
    return item.get("accountId").s();
  }

  private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }

  private static Map<String, AttributeValue> require(Map<String, AttributeValue> item, String what) {
    if (item == null) {
      throw new IllegalStateException(what + " is missing");
    }
    return item;
  }

  private TransactWriteItem put(Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
        .conditionExpression("attribute_not_exists(PK)").build()).build();
  }

  private static boolean failedOnCondition(List<CancellationReason> reasons, int index) {
    return reasons != null && reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
  }

  /** Another transaction was writing one of the items at the same moment: worth another try. */
  private static boolean conflicted(List<CancellationReason> reasons) {
    return reasons != null && reasons.stream().anyMatch(reason -> "TransactionConflict".equals(reason.code()));
  }
}
