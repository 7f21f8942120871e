package com.textinbox.messages;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.conversations.store.OutboundMessageStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.messaging.ComplianceTexts;
import com.textinbox.shared.messaging.CustomerMessages;
import com.textinbox.shared.messaging.OutgoingSms;
import com.textinbox.shared.messaging.MessageRef;
import com.textinbox.shared.messaging.OutboundMessage;
import com.textinbox.shared.messaging.SendSmsCommand;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.messaging.SubscriptionRule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Outbound messages (C2, C7, C10, C11): {@code POST /conversations/{conversationId}/messages}.
 *
 * <p>Anyone of the company but free users may reply in any conversation; the conversation stays
 * with its assignee. The text the customer receives is the body prefixed by the sender's first
 * name for a message typed by a user ({@code "Chloé: ..."}); the first message ever sent to a
 * customer gets the STOP notice ({@link ComplianceTexts#firstMessageNotice}) appended and the
 * profile's {@code stopNoticeSentAt} set in the same transaction. The message is stored QUEUED in
 * the timeline, the conversation's activity updated (no longer unanswered), and a command put on
 * the SendSmsQueue; the SmsSender function texts it (docs/data-model.md, "Outbound SMS").
 *
 * <p>Requests per send (user source): 3 GetItem (conversation, profile, sender) + 1
 * TransactWriteItems (message, conversation, profile on a first message) + 1 SQS SendMessage.
 */
public final class MessagesApi extends ApiHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MessagesApi.class);
  static final Set<String> SOURCE_TYPES = Set.of("user", "automation", "campaign", "appointment", "api");
  private static final int ATTEMPTS = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final SendSmsQueue commands;
  private final OutboundMessageStore outboundMessages;

  public MessagesApi() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(),
        SendSmsQueue.sqs(AwsClients.build(SqsClient.builder(), "SQS"), Env.require("SEND_SMS_QUEUE_URL")));
  }

  public MessagesApi(DynamoDbClient dynamoDb, String table, Clock clock, SendSmsQueue commands) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.commands = commands;
    this.outboundMessages = new OutboundMessageStore(new DynamoTable(dynamoDb, table));
    route("POST", "/conversations/{conversationId}/messages", this::send);
    route("POST", "/customers/{customerId}/messages", this::startConversation);
  }

  /** What to send, as the request body says it. */
  private record Outgoing(String body, String sourceType, String sourceId) {}

  private ApiResponse send(ApiRequest request) {
    String accountId = request.caller().accountId();
    String conversationId = request.pathParameter("conversationId");
    Map<String, AttributeValue> conversationKey = key(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK);
    // first the conversation: another company's id is a 404 whatever the body
    Map<String, AttributeValue> conversation = get(conversationKey);
    if (conversation == null || !"Conversation".equals(str(conversation, Table.TYPE))) {
      throw ApiError.notFound("The conversation");
    }

    Outgoing outgoing = outgoing(request);
    String customerId = str(conversation, "customerId");
    Map<String, AttributeValue> profile = customerId == null ? null
        : get(key(Keys.customer(accountId, customerId), Keys.PROFILE_SK));
    if (profile == null) {
      throw ApiError.notFound("The conversation's customer");
    }
    refuseUntextable(profile);
    return queue(request, outgoing, conversationId, conversation, customerId, profile);
  }

  /**
   * Texts a customer in their active conversation, and opens one for a customer who has none
   * (a customer imported, or created by staff, who never texted): {@code POST /customers/{customerId}/messages}.
   * The new conversation is open and unassigned, like one a customer's first text opens.
   */
  private ApiResponse startConversation(ApiRequest request) {
    String accountId = request.caller().accountId();
    String customerId = request.pathParameter("customerId");
    Map<String, AttributeValue> profileKey = key(Keys.customer(accountId, customerId), Keys.PROFILE_SK);
    // first the customer: another company's id is a 404 whatever the body
    Map<String, AttributeValue> profile = get(profileKey);
    if (profile == null || !"Customer".equals(str(profile, Table.TYPE))) {
      throw ApiError.notFound("The customer");
    }
    Outgoing outgoing = outgoing(request);
    refuseUntextable(profile);   // before opening a conversation that could never be used
    for (int attempt = 1; ; attempt++) {
      String conversationId = str(profile, "activeConversationId");
      if (conversationId != null) {
        Map<String, AttributeValue> conversation = get(key(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK));
        if (conversation == null) {
          throw new IllegalStateException("customer " + customerId + ": active conversation " + conversationId + " is missing");
        }
        return queue(request, outgoing, conversationId, conversation, customerId, profile);
      }
      Map<String, AttributeValue> conversation = newConversation(accountId, customerId, request.caller().userId());
      String newId = str(conversation, "conversationId");
      try {
        dynamoDb.transactWriteItems(b -> b.transactItems(
            TransactWriteItem.builder().put(Put.builder().tableName(table).item(conversation)
                .conditionExpression("attribute_not_exists(PK)").build()).build(),
            TransactWriteItem.builder().update(Update.builder().tableName(table).key(profileKey)
                .updateExpression("SET activeConversationId = :c")
                .conditionExpression("attribute_exists(PK) AND attribute_not_exists(activeConversationId)")
                .expressionAttributeValues(Map.of(":c", s(newId)))
                .build()).build()));
        LOG.info("conversation {} opened by {} for customer {}", newId, request.caller().userId(), customerId);
        Map<String, AttributeValue> withConversation = new HashMap<>(profile);
        withConversation.put("activeConversationId", s(newId));
        return queue(request, outgoing, newId, conversation, customerId, withConversation);
      } catch (TransactionCanceledException raced) {
        // a text from the customer (or another send) opened one meanwhile: use it
        profile = get(profileKey);
        if (attempt == ATTEMPTS || profile == null) {
          throw raced;
        }
      }
    }
  }

  /** An open, unassigned conversation of the customer, opened now by a user. */
  private Map<String, AttributeValue> newConversation(String accountId, String customerId, String userId) {
    String conversationId = "conv-" + UUID.randomUUID();
    String now = Keys.time(clock.instant());
    Map<String, AttributeValue> item = new HashMap<>(key(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK));
    item.put(Table.TYPE, s("Conversation"));
    item.put("conversationId", s(conversationId));
    item.put("customerId", s(customerId));
    item.put("status", s("OPEN"));
    item.put("createdAt", s(now));
    item.put("openedBy", s(userId));
    item.put("lastActivityAt", s(now));
    item.put(Table.GSI2PK, s(Keys.conversationsOfCustomer(accountId, customerId)));
    item.put(Table.GSI2SK, s(now));
    item.put(Table.GSI3PK, s(Keys.conversationsByStatus(accountId, "OPEN")));
    item.put(Table.GSI3SK, s(Keys.activitySk(now, conversationId)));
    return item;
  }

  /** Unsubscribed (409) or without a mobile (422): never texted. */
  private static void refuseUntextable(Map<String, AttributeValue> profile) {
    if (!SubscriptionRule.subscribed(profile.containsKey("subscribed") ? profile.get("subscribed").bool() : null)) {
      throw new ApiError(409, "unsubscribed",
          "This customer unsubscribed (texted STOP); only they can resubscribe by texting START.", null);
    }
    if (str(profile, "mobile") == null) {
      throw new ApiError(422, "no_mobile",
          "This customer has no mobile number, so they cannot be texted; staff can still leave an internal note.", null);
    }
  }

  /** The body and source of the request, validated (400 with the field at fault). */
  private static Outgoing outgoing(ApiRequest request) {
    JsonNode json = request.json();
    JsonNode bodyNode = json.get("body");
    if (bodyNode != null && !bodyNode.isNull() && !bodyNode.isTextual()) {
      throw ApiError.invalid("body", "The field 'body' must be text.");
    }
    String body = bodyNode == null || bodyNode.isNull() ? "" : bodyNode.asText();
    if (body.isBlank()) {
      throw new ApiError(400, "empty_body", "The message is empty: write something to send.", "body");
    }
    String sourceType = "user";
    String sourceId = request.caller().userId();
    JsonNode source = json.get("source");
    if (source != null && !source.isNull()) {
      if (!source.isObject()) {
        throw ApiError.invalid("source", "The field 'source' must be an object {\"type\", \"id\"}.");
      }
      String type = Json.text(source, "type");
      if (type != null) {
        type = type.toLowerCase(Locale.ROOT);
        if (!SOURCE_TYPES.contains(type)) {
          throw ApiError.invalid("source.type", "The source type must be one of user, automation, campaign, appointment, api.");
        }
        sourceType = type;
      }
      String id = Json.text(source, "id");
      if ("user".equals(sourceType)) {
        if (id != null && !id.equals(request.caller().userId())) {
          throw ApiError.invalid("source.id", "A message from a user is sent in the caller's own name.");
        }
      } else {
        sourceId = id;
      }
    }
    return new Outgoing(body, sourceType, sourceId);
  }

  /** Stores the message QUEUED in the conversation (with its activity), then queues its command. */
  private ApiResponse queue(ApiRequest request, Outgoing outgoing, String conversationId, Map<String, AttributeValue> conversation,
      String customerId, Map<String, AttributeValue> profile) {
    String accountId = request.caller().accountId();
    String body = outgoing.body();
    String sourceType = outgoing.sourceType();
    String sourceId = outgoing.sourceId();
    Map<String, AttributeValue> conversationKey = key(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK);
    String senderName = null;
    boolean senderAway = false;
    if ("user".equals(sourceType)) {
      Map<String, AttributeValue> user = dynamoDb.getItem(b -> b.tableName(table)
          .key(key(Keys.account(accountId), Keys.userSk(request.caller().userId())))).item();
      senderName = user == null || user.isEmpty() ? null : str(user, "name");
      // A5: a user who texts the customer while away keeps the customer (the assignment function reads it)
      senderAway = user != null && user.get("away") != null && Boolean.TRUE.equals(user.get("away").bool());
    }

    for (int attempt = 1; ; attempt++) {
      boolean firstMessage = !profile.containsKey("stopNoticeSentAt");
      OutgoingSms sms = OutgoingSms.compose(body, senderName, firstMessage, str(profile, "language"));
      if (!sms.fits()) {
        throw new ApiError(400, "too_long", sms.tooLongReason(), "body");
      }
      String smsText = sms.text();
      var segments = sms.segments();
      Instant now = clock.instant();
      String at = Keys.time(now);
      String messageId = "msg-" + UUID.randomUUID();
      String timelineSk = Keys.timelineSk(at, messageId);
      // on the sweep's list until it leaves QUEUED: if the command below is lost, the sweep sends another
      OutboundMessage message = OutboundMessage.of(new MessageRef(accountId, conversationId, timelineSk, messageId),
          customerId, now, body, sms, sourceType, sourceId, request.caller().userId(), senderName);

      List<TransactWriteItem> items = new ArrayList<>();
      items.add(outboundMessages.queueWrite(message).item());
      items.add(conversationUpdate(accountId, conversationId, conversation, messageId, body, at,
          senderAway ? request.caller().userId() : null));
      if (firstMessage) {
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
            .key(key(Keys.customer(accountId, customerId), Keys.PROFILE_SK))
            .updateExpression("SET stopNoticeSentAt = :at")
            .conditionExpression("attribute_exists(PK) AND attribute_not_exists(stopNoticeSentAt)")
            .expressionAttributeValues(Map.of(":at", s(at)))
            .build()).build());
      }
      try {
        dynamoDb.transactWriteItems(b -> b.transactItems(items));
      } catch (TransactionCanceledException cancelled) {
        if (attempt == ATTEMPTS || !retryable(cancelled.cancellationReasons())) {
          throw cancelled;
        }
        // the conversation moved on, or another first message set the notice: read both again
        conversation = get(conversationKey);
        profile = get(key(Keys.customer(accountId, customerId), Keys.PROFILE_SK));
        if (conversation == null || profile == null) {
          throw ApiError.notFound("The conversation");
        }
        continue;
      }

      commands.send(new SendSmsCommand(accountId, conversationId, timelineSk, messageId));
      LOG.info("message {} queued in conversation {} ({} source, {} part(s){})", messageId, conversationId, sourceType,
          segments.segments(), firstMessage ? ", with the STOP notice" : "");

      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("messageId", messageId);
      answer.put("conversationId", conversationId);
      answer.put("status", "QUEUED");
      answer.put("direction", "OUTBOUND");
      answer.put("body", body);
      answer.put("smsText", smsText);
      Map<String, Object> src = new LinkedHashMap<>();
      src.put("type", sourceType);
      if (sourceId != null) {
        src.put("id", sourceId);
      }
      answer.put("source", src);
      answer.put("senderUserId", request.caller().userId());
      if (senderName != null) {
        answer.put("senderName", senderName);
      }
      answer.put("segments", segments.segments());
      answer.put("encoding", segments.encoding().name());
      answer.put("createdAt", at);
      return ApiResponse.accepted(answer);
    }
  }

  /**
   * Last activity and preview (forward only: optimistic on the {@code lastActivityAt} read), no
   * longer unanswered (its GSI4 keys removed); the assignee is untouched (C2).
   */
  private TransactWriteItem conversationUpdate(String accountId, String conversationId, Map<String, AttributeValue> conversation,
      String messageId, String body, String at, String awayReplyUserId) {
    String seen = str(conversation, "lastActivityAt");
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    String condition = "attribute_exists(PK) AND ";
    if (seen == null) {
      condition += "attribute_not_exists(lastActivityAt)";
    } else {
      condition += "lastActivityAt = :seen";
      values.put(":seen", s(seen));
    }
    if (seen == null || at.compareTo(seen) >= 0) {
      String activitySk = Keys.activitySk(at, conversationId);
      sets.add("lastActivityAt = :at");
      sets.add(Table.GSI3SK + " = :activitySk");
      sets.add("lastMessageId = :messageId");
      sets.add("lastMessagePreview = :preview");
      sets.add("lastMessageDirection = :outbound");
      values.put(":activitySk", s(activitySk));
      values.put(":messageId", s(messageId));
      values.put(":preview", s(CustomerMessages.preview(body)));
      values.put(":outbound", s("OUTBOUND"));
      if (conversation.containsKey("assigneeKind") && conversation.containsKey("assigneeId")) {
        sets.add(Table.GSI1SK + " = :activitySk");
      }
    }
    sets.add("lastOutboundAt = :at");
    values.put(":at", s(at));
    if (awayReplyUserId != null) {
      sets.add("awayReplyUserId = :awayReplier");
      sets.add("awayReplyAt = :at");
      values.put(":awayReplier", s(awayReplyUserId));
    }
    sets.add("messageCount = if_not_exists(messageCount, :zero) + :one");
    values.put(":zero", n(0));
    values.put(":one", n(1));
    return TransactWriteItem.builder().update(Update.builder().tableName(table)
        .key(key(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK))
        .updateExpression("SET " + String.join(", ", sets) + " REMOVE unansweredSince, " + Table.GSI4PK + ", " + Table.GSI4SK)
        .conditionExpression(condition)
        .expressionAttributeValues(values)
        .build()).build();
  }

  private static boolean retryable(List<CancellationReason> reasons) {
    return reasons != null && reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
        || "TransactionConflict".equals(r.code()));
  }

  private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }

  private static AttributeValue n(int value) {
    return AttributeValue.fromN(Integer.toString(value));
  }
}
