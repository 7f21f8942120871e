package com.textinbox.conversations;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Items;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.assignment.ConversationLists;
import com.textinbox.shared.events.EventQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import com.textinbox.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The conversations API (C3, C5, C8): the lists by assignee x status with read / unread /
 * unanswered filters, one conversation with its timeline, marking read, closing, reopening and
 * internal notes with mentions. Every key starts with the caller's account from the token:
 * another company's conversation is a 404. Free users get 403 (ApiHandler). Wiring:
 * template.yaml, function ConversationsApi; contract: docs/openapi.yaml; notes' events:
 * docs/events.md.
 */
public final class ConversationsApi extends ApiHandler {
  static final String OPEN = "OPEN";
  static final String CLOSED = "CLOSED";
  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;
  static final int MAX_NOTE = Notes.MAX_NOTE;
  static final int DEFAULT_UNANSWERED_HOURS = 4;
  /** Reads per list page at most when a filter (unread, unanswered...) drops items. */
  static final int MAX_ROUNDS = 5;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final Notes notes;

  public ConversationsApi() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(),
        sqsQueue(Env.require("NOTIFICATION_EVENTS_QUEUE_URL")), sqsQueue(Env.require("BULK_ASSIGN_QUEUE_URL")));
  }

  private static volatile SqsClient sqs;

  private static EventQueue sqsQueue(String url) {
    if (sqs == null) {
      sqs = AwsClients.build(SqsClient.builder(), "SQS");
    }
    return EventQueue.sqs(sqs, url);
  }

  /**
   * @param notifications the NotificationEventsQueue (mentions, assignments; docs/events.md)
   * @param bulkJobs the BulkAssignQueue (the work of bulk assignment jobs)
   */
  public ConversationsApi(DynamoDbClient dynamoDb, String table, Clock clock, EventQueue notifications, EventQueue bulkJobs) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.notes = new Notes(dynamoDb, table, notifications);
    Assigning assigning = new Assigning(this, dynamoDb, table, clock, notes, notifications, bulkJobs);
    route("GET", "/conversations", this::list);
    route("GET", "/conversations/{conversationId}", this::get);
    route("POST", "/conversations/{conversationId}/read", this::markRead);
    route("POST", "/conversations/{conversationId}/close", r -> changeStatus(r, CLOSED));
    route("POST", "/conversations/{conversationId}/reopen", r -> changeStatus(r, OPEN));
    route("POST", "/conversations/{conversationId}/notes", this::addNote);
    route("POST", "/conversations/{conversationId}/assign", assigning::assign);
    route("POST", "/assignment-jobs", assigning::createBulkJob);
    route("GET", "/assignment-jobs/{jobId}", assigning::getBulkJob);
    route("GET", "/settings/default-assignee", assigning::getDefaultAssignee);
    route("PUT", "/settings/default-assignee", assigning::setDefaultAssignee);
  }

  // ------------------------------------------------------------------ GET /conversations

  private ApiResponse list(ApiRequest request) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    ConversationLists.Spec spec = ConversationLists.Spec.of(request.query("assignee"), request.query("status"),
        request.query("filter"), caller.userId());
    int limit = limit(request);
    List<ConversationLists.Source> sources = spec.sources(accountId);
    String after = request.query("cursor") == null ? null : decodeCursor(request.query("cursor"));

    Map<String, AttributeValue> account = getItem(Keys.account(accountId), Keys.ACCOUNT_SK, false);
    int hours = DEFAULT_UNANSWERED_HOURS;
    if (account != null && account.get("unansweredAfterHours") != null && account.get("unansweredAfterHours").n() != null) {
      hours = Integer.parseInt(account.get("unansweredAfterHours").n());
    }
    String flaggedBefore = Keys.time(clock.instant().minus(Duration.ofHours(hours)));

    List<Map<String, Object>> page = new ArrayList<>();
    boolean more = true;
    for (int round = 0; round < MAX_ROUNDS && page.size() < limit && more; round++) {
      // each list from where the page stopped; merged by activity, newest first
      ConversationLists.Round read = ConversationLists.round(dynamoDb, table, sources, after, limit);
      more = read.more();
      List<Map<String, AttributeValue>> examined = read.examined();
      if (examined.isEmpty()) {
        break;
      }
      Map<String, Map<String, AttributeValue>> related = related(accountId, caller, examined);
      for (Map<String, AttributeValue> item : examined) {
        after = sortKey(item);
        Map<String, AttributeValue> readState = related.get(Keys.conversation(accountId, str(item, "conversationId"))
            + "|" + Keys.readSk(caller.userId()));
        if (!spec.matches(item, readState == null ? null : str(readState, "readAt"))) {
          continue;
        }
        page.add(summary(accountId, caller, item, related, flaggedBefore));
        if (page.size() == limit) {
          if (examined.indexOf(item) < examined.size() - 1) {
            more = true;
          }
          break;
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("conversations", page);
    body.put("nextCursor", more && after != null ? encodeCursor(after) : null);
    return ApiResponse.ok(body);
  }

  private static String sortKey(Map<String, AttributeValue> item) {
    return ConversationLists.sortKey(item);
  }

  /**
   * What the summaries of {@code conversations} need, in one BatchGetItem (plus a Query of each
   * team's members for admins): the profiles, the caller's read states, the assignees' names and,
   * for admins, the assignees' (or their team members') read states. Keyed {@code PK|SK}.
   */
  private Map<String, Map<String, AttributeValue>> related(String accountId, Caller caller,
      List<Map<String, AttributeValue>> conversations) {
    Set<Map<String, AttributeValue>> keys = new LinkedHashSet<>();
    String accountPk = Keys.account(accountId);
    Map<String, List<String>> teamMembers = new HashMap<>();
    for (Map<String, AttributeValue> conversation : conversations) {
      String pk = Keys.conversation(accountId, str(conversation, "conversationId"));
      keys.add(key(pk, Keys.readSk(caller.userId())));
      if (str(conversation, "customerId") != null) {
        keys.add(key(Keys.customer(accountId, str(conversation, "customerId")), Keys.PROFILE_SK));
      }
      String kind = str(conversation, "assigneeKind");
      String id = str(conversation, "assigneeId");
      if (kind == null || id == null) {
        continue;
      }
      keys.add(key(accountPk, "TEAM".equals(kind) ? Keys.teamSk(id) : Keys.userSk(id)));
      if (caller.isAdmin()) {
        if ("TEAM".equals(kind)) {
          List<String> members = teamMembers.computeIfAbsent(id, team -> teamMembersOf(accountId, team));
          members.forEach(member -> keys.add(key(pk, Keys.readSk(member))));
        } else {
          keys.add(key(pk, Keys.readSk(id)));
        }
      }
    }
    Map<String, Map<String, AttributeValue>> found = batchGet(new ArrayList<>(keys));
    // the team members, as a pseudo item so summaries can find them
    teamMembers.forEach((teamId, members) -> found.put("MEMBERS|" + teamId,
        Map.of("members", AttributeValue.fromL(members.stream().map(Items::s).toList()))));
    return found;
  }

  private List<String> teamMembersOf(String accountId, String teamId) {
    List<String> members = new ArrayList<>();
    dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :m)")
        .expressionAttributeValues(Map.of(":pk", s(Keys.account(accountId)), ":m", s(Keys.membersOf(teamId)))))
        .items().forEach(item -> members.add(str(item, "userId")));
    return members;
  }

  private Map<String, Object> summary(String accountId, Caller caller, Map<String, AttributeValue> conversation,
      Map<String, Map<String, AttributeValue>> related, String flaggedBefore) {
    String conversationId = str(conversation, "conversationId");
    String pk = Keys.conversation(accountId, conversationId);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("conversationId", conversationId);
    view.put("status", str(conversation, "status"));
    Map<String, AttributeValue> profile = str(conversation, "customerId") == null ? null
        : related.get(Keys.customer(accountId, str(conversation, "customerId")) + "|" + Keys.PROFILE_SK);
    view.put("customer", customer(str(conversation, "customerId"), profile));
    view.put("lastMessagePreview", str(conversation, "lastMessagePreview"));
    view.put("lastMessageDirection", str(conversation, "lastMessageDirection"));
    view.put("lastActivityAt", str(conversation, "lastActivityAt"));
    view.put("assignee", assignee(accountId, conversation, related));
    String lastInboundAt = str(conversation, "lastInboundAt");
    view.put("unreadForMe", unread(lastInboundAt, related.get(pk + "|" + Keys.readSk(caller.userId()))));
    String unansweredSince = str(conversation, "unansweredSince");
    view.put("unansweredSince", unansweredSince);
    view.put("unansweredFlagged", unansweredSince != null && unansweredSince.compareTo(flaggedBefore) < 0);
    if (caller.isAdmin()) {
      String kind = str(conversation, "assigneeKind");
      String id = str(conversation, "assigneeId");
      Boolean hasRead = null;
      if (kind != null && id != null) {
        List<String> readers = new ArrayList<>();
        if ("TEAM".equals(kind)) {
          Map<String, AttributeValue> members = related.get("MEMBERS|" + id);
          if (members != null) {
            members.get("members").l().forEach(m -> readers.add(m.s()));
          }
        } else {
          readers.add(id);
        }
        hasRead = readers.stream().anyMatch(reader -> !unread(lastInboundAt, related.get(pk + "|" + Keys.readSk(reader))));
      }
      view.put("assigneeHasRead", hasRead);
    }
    return view;
  }

  /** Unread for a user: a customer message newer than the user's read time (or never read). */
  private static boolean unread(String lastInboundAt, Map<String, AttributeValue> readState) {
    if (lastInboundAt == null) {
      return false;
    }
    String readAt = readState == null ? null : str(readState, "readAt");
    return readAt == null || lastInboundAt.compareTo(readAt) > 0;
  }

  private static Map<String, Object> customer(String customerId, Map<String, AttributeValue> profile) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("id", customerId);
    String name = null;
    String number = null;
    if (profile != null) {
      String first = str(profile, "firstName");
      String last = str(profile, "lastName");
      String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
      name = joined.isEmpty() ? str(profile, "name") : joined;
      number = str(profile, "mobile");
    }
    customer.put("name", name);
    customer.put("number", number);
    return customer;
  }

  private static Map<String, Object> assignee(String accountId, Map<String, AttributeValue> conversation,
      Map<String, Map<String, AttributeValue>> related) {
    String kind = str(conversation, "assigneeKind");
    String id = str(conversation, "assigneeId");
    if (kind == null || id == null) {
      return null;
    }
    Map<String, AttributeValue> item = related.get(Keys.account(accountId) + "|" + ("TEAM".equals(kind) ? Keys.teamSk(id) : Keys.userSk(id)));
    Map<String, Object> assignee = new LinkedHashMap<>();
    assignee.put("kind", kind.toLowerCase(Locale.ROOT));
    assignee.put("id", id);
    assignee.put("name", item == null ? null : str(item, "name"));
    return assignee;
  }

  // ------------------------------------------------------------------ GET /conversations/{id}

  /** The conversation and one page of its timeline, newest first (the cursor goes back in time). */
  private ApiResponse get(ApiRequest request) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    String conversationId = request.pathParameter("conversationId");
    int limit = limit(request);
    String before = request.query("cursor") == null ? null : decodeCursor(request.query("cursor"));
    if (before != null && !before.startsWith(Keys.TIMELINE_PREFIX)) {
      throw ApiError.invalid("cursor", "The cursor is not one this API gave.");
    }
    Map<String, AttributeValue> conversation = conversation(accountId, conversationId);
    String pk = Keys.conversation(accountId, conversationId);
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(pk), ":t", s(Keys.TIMELINE_PREFIX)));
    String condition;
    if (before == null) {
      condition = "PK = :pk AND begins_with(SK, :t)";
    } else {
      condition = "PK = :pk AND SK BETWEEN :t AND :before";
      values.put(":before", s(before));
    }
    QueryResponse response = dynamoDb.query(b -> b.tableName(table).keyConditionExpression(condition)
        .expressionAttributeValues(values).scanIndexForward(false).limit(limit + 1));
    List<Map<String, AttributeValue>> items = new ArrayList<>(response.items());
    // BETWEEN is inclusive: the cursor's own entry was on the previous page
    if (before != null && !items.isEmpty() && before.equals(str(items.get(0), Table.SK))) {
      items.remove(0);
    }
    boolean more = items.size() > limit;
    if (more) {
      items = items.subList(0, limit);
    }
    List<Map<String, Object>> timeline = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      timeline.add(entry(item));
    }
    Map<String, Map<String, AttributeValue>> related = related(accountId, caller, List.of(conversation));
    Map<String, Object> view = summary(accountId, caller, conversation, related,
        Keys.time(clock.instant().minus(Duration.ofHours(DEFAULT_UNANSWERED_HOURS))));
    view.remove("unansweredFlagged");
    view.put("createdAt", str(conversation, "createdAt"));
    view.put("messageCount", conversation.get("messageCount") == null ? 0 : Integer.parseInt(conversation.get("messageCount").n()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("conversation", view);
    body.put("timeline", timeline);
    body.put("order", "newest-first");
    body.put("nextCursor", more ? encodeCursor(str(items.get(items.size() - 1), Table.SK)) : null);
    return ApiResponse.ok(body);
  }

  private static final Set<String> HIDDEN = Set.of(Table.PK, Table.GSI1PK, Table.GSI1SK, Table.GSI2PK, Table.GSI2SK,
      Table.GSI3PK, Table.GSI3SK, Table.GSI4PK, Table.GSI4SK, Table.EXPIRES_AT, "accountId");

  /** A timeline entry as stored, without keys: {@code type} says which (Message, Note, ConversationEvent, ComplianceEvent). */
  static Map<String, Object> entry(Map<String, AttributeValue> item) {
    Map<String, Object> entry = new LinkedHashMap<>();
    String sk = str(item, Table.SK);
    entry.put("type", str(item, Table.TYPE));
    // T#<time>#<id>: the time has no '#'
    int idAt = sk.indexOf('#', Keys.TIMELINE_PREFIX.length());
    entry.put("id", idAt < 0 ? sk : sk.substring(idAt + 1));
    entry.put("at", idAt < 0 ? null : sk.substring(Keys.TIMELINE_PREFIX.length(), idAt));
    item.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(attribute -> {
      if (!HIDDEN.contains(attribute.getKey()) && !attribute.getKey().equals(Table.SK) && !attribute.getKey().equals(Table.TYPE)
          && !attribute.getKey().equals("at")) {
        entry.put(attribute.getKey(), plain(attribute.getValue()));
      }
    });
    if (item.get("at") != null) {
      entry.put("recordedAt", str(item, "at"));
    }
    return entry;
  }

  private static Object plain(AttributeValue value) {
    if (value.s() != null) {
      return value.s();
    }
    if (value.n() != null) {
      return new java.math.BigDecimal(value.n());
    }
    if (value.bool() != null) {
      return value.bool();
    }
    if (value.hasL()) {
      return value.l().stream().map(ConversationsApi::plain).toList();
    }
    if (value.hasSs()) {
      return value.ss();
    }
    if (value.hasM()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.m().forEach((k, v) -> map.put(k, plain(v)));
      return map;
    }
    return null;
  }

  // ------------------------------------------------------------------ POST .../read

  private ApiResponse markRead(ApiRequest request) {
    Caller caller = request.caller();
    String conversationId = request.pathParameter("conversationId");
    conversation(caller.accountId(), conversationId);
    String now = Keys.time(clock.instant());
    Map<String, AttributeValue> item = new HashMap<>(key(Keys.conversation(caller.accountId(), conversationId), Keys.readSk(caller.userId())));
    item.put(Table.TYPE, s("ReadState"));
    item.put("userId", s(caller.userId()));
    item.put("readAt", s(now));
    dynamoDb.putItem(b -> b.tableName(table).item(item));
    return ApiResponse.ok(Map.of("conversationId", conversationId, "readAt", now, "unreadForMe", false));
  }

  // ------------------------------------------------------------------ POST .../close, .../reopen

  /**
   * Closes or reopens: status, the GSI3 (and assignee GSI1) list moved, and a
   * {@code ConversationEvent} in the timeline, in one transaction conditional on the status read.
   * Already in that status: 200, nothing written (idempotent).
   */
  private ApiResponse changeStatus(ApiRequest request, String target) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    String conversationId = request.pathParameter("conversationId");
    for (int attempt = 1; ; attempt++) {
      Map<String, AttributeValue> conversation = conversation(accountId, conversationId);
      String current = str(conversation, "status");
      if (target.equals(current)) {
        return ApiResponse.ok(statusView(conversationId, target, false, null));
      }
      Instant now = clock.instant();
      String nowText = Keys.time(now);
      String event = CLOSED.equals(target) ? "closed" : "reopened";
      String eventId = "evt-" + UUID.randomUUID();
      String pk = Keys.conversation(accountId, conversationId);
      List<String> sets = new ArrayList<>(List.of("#status = :target", Table.GSI3PK + " = :list",
          (CLOSED.equals(target) ? "closedAt" : "reopenedAt") + " = :now",
          (CLOSED.equals(target) ? "closedBy" : "reopenedBy") + " = :by"));
      Map<String, AttributeValue> values = new HashMap<>(Map.of(":target", s(target), ":seen", s(current),
          ":list", s(Keys.conversationsByStatus(accountId, target)), ":now", s(nowText), ":by", s(caller.userId())));
      String kind = str(conversation, "assigneeKind");
      String id = str(conversation, "assigneeId");
      if (kind != null && id != null) {
        sets.add(Table.GSI1PK + " = :assigneeList");
        values.put(":assigneeList", s(Keys.assigneeList(accountId, kind, id, target)));
      }
      Map<String, AttributeValue> entry = new HashMap<>(key(pk, Keys.timelineSk(nowText, eventId)));
      entry.put(Table.TYPE, s("ConversationEvent"));
      entry.put("event", s(event));
      entry.put("by", s(caller.userId()));
      entry.put("at", s(nowText));
      try {
        dynamoDb.transactWriteItems(b -> b.transactItems(
            TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(pk, Keys.CONVERSATION_SK))
                .updateExpression("SET " + String.join(", ", sets))
                .conditionExpression("attribute_exists(PK) AND #status = :seen")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values).build()).build(),
            TransactWriteItem.builder().put(Put.builder().tableName(table).item(entry)
                .conditionExpression("attribute_not_exists(PK)").build()).build()));
        return ApiResponse.ok(statusView(conversationId, target, true, eventId));
      } catch (TransactionCanceledException changed) {
        // a message reopened it, or another user changed it meanwhile: look again
        if (attempt == 3) {
          throw ApiError.conflict("The conversation kept changing; try again.");
        }
      }
    }
  }

  private static Map<String, Object> statusView(String conversationId, String status, boolean changed, String eventId) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("conversationId", conversationId);
    view.put("status", status);
    view.put("changed", changed);
    view.put("eventId", eventId);
    return view;
  }

  // ------------------------------------------------------------------ POST .../notes

  /**
   * An internal note (never texted): a {@code type=Note} timeline entry, and a {@code note.mention}
   * notification event for each user mentioned (see {@link Notes}). It does not change the
   * conversation's last activity.
   */
  private ApiResponse addNote(ApiRequest request) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    String conversationId = request.pathParameter("conversationId");
    // another company's (or no) conversation is a 404 whatever the body
    Map<String, AttributeValue> conversation = conversation(accountId, conversationId);
    String text = Notes.text(request.json().get("text"), "text");
    String nowText = Keys.time(clock.instant());
    Notes.Note note = notes.build(caller, conversationId, text, nowText);
    dynamoDb.putItem(b -> b.tableName(table).item(note.item()).conditionExpression("attribute_not_exists(PK)"));
    notes.announce(caller, note, conversationId, str(conversation, "customerId"), nowText);
    return ApiResponse.created(entry(note.item()));
  }

  /** Lower case without accents: "Chloé" and "chloe" mention the same user. */
  static String fold(String text) {
    return Notes.fold(text);
  }

  // ------------------------------------------------------------------ helpers

  Map<String, AttributeValue> conversation(String accountId, String conversationId) {
    Map<String, AttributeValue> item = getItem(Keys.conversation(accountId, conversationId), Keys.CONVERSATION_SK, true);
    if (item == null) {
      throw ApiError.notFound("The conversation");
    }
    return item;
  }

  private Map<String, AttributeValue> getItem(String pk, String sk, boolean consistent) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(consistent)).item();
    return item == null || item.isEmpty() ? null : item;
  }

  /** Items by key, keyed {@code PK|SK}; unprocessed keys are asked again. */
  Map<String, Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    Map<String, Map<String, AttributeValue>> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += 100) {
      List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + 100));
      Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(chunk).build());
      for (int attempt = 0; request != null && !request.isEmpty(); attempt++) {
        if (attempt > 0) {
          sleep(25L << Math.min(attempt, 5));
        }
        if (attempt == 8) {
          throw new IllegalStateException("BatchGetItem kept leaving keys unprocessed");
        }
        Map<String, KeysAndAttributes> asked = request;
        var response = dynamoDb.batchGetItem(b -> b.requestItems(asked));
        response.responses().getOrDefault(table, List.of())
            .forEach(item -> found.put(str(item, Table.PK) + "|" + str(item, Table.SK), item));
        request = response.unprocessedKeys();
      }
    }
    return found;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int limit(ApiRequest request) {
    String value = request.query("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit < 1 || limit > MAX_LIMIT) {
        throw ApiError.invalid("limit", "limit is between 1 and " + MAX_LIMIT + ".");
      }
      return limit;
    } catch (NumberFormatException e) {
      throw ApiError.invalid("limit", "limit is a number between 1 and " + MAX_LIMIT + ".");
    }
  }

  /** Cursors are opaque: base64url of the last sort key seen. */
  static String encodeCursor(String sortKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1|" + sortKey).getBytes(StandardCharsets.UTF_8));
  }

  static String decodeCursor(String cursor) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!decoded.startsWith("v1|") || decoded.length() < 4) {
        throw ApiError.invalid("cursor", "The cursor is not one this API gave.");
      }
      return decoded.substring(3);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("cursor", "The cursor is not one this API gave.");
    }
  }
}
