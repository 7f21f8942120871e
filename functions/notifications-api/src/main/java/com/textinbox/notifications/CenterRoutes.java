package com.textinbox.notifications;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.notifications.NotificationIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The notification center (N7): a user's notifications, unread first (the sparse GSI1 list
 * {@code A#<acct>#U#<userId>#UNREAD}, then the read ones of the partition) or by time; the unread
 * count; mark one or all read (a read item leaves the unread list).
 */
final class CenterRoutes {
  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;
  /** The unread count stops counting here ("999+" for a client). */
  static final int COUNT_CAP = 1000;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  CenterRoutes(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  /**
   * {@code order=unread} (default): the unread list newest first, then the read ones newest first
   * (the cursor says which part it is in); {@code order=time}: all newest first.
   */
  ApiResponse list(ApiRequest request) {
    Caller caller = request.caller();
    String order = request.query("order") == null ? "unread" : request.query("order");
    if (!order.equals("unread") && !order.equals("time")) {
      throw ApiError.invalid("order", "'order' must be 'unread' (unread first) or 'time'.");
    }
    int limit = limit(request.query("limit"));
    Cursor cursor = Cursor.decode(request.query("cursor"), order);
    List<Map<String, Object>> page = new ArrayList<>();
    String next = null;
    if (cursor.part().equals("u")) {
      QueryResponse unread = dynamoDb.query(query(limit)
          .indexName(Table.GSI1)
          .keyConditionExpression(cursor.after() == null ? "GSI1PK = :pk" : "GSI1PK = :pk AND GSI1SK < :after")
          .expressionAttributeValues(values(Keys.unreadNotificationsOf(caller.accountId(), caller.userId()), cursor.after()))
          .build());
      unread.items().forEach(item -> page.add(view(item)));
      if (unread.hasLastEvaluatedKey() && !unread.lastEvaluatedKey().isEmpty()) {
        next = new Cursor("u", str(unread.lastEvaluatedKey(), Table.GSI1SK)).encode();
      } else {
        cursor = new Cursor("r", null);
      }
    }
    if (next == null && !cursor.part().equals("u") && page.size() < limit) {
      boolean readOnly = cursor.part().equals("r");
      QueryRequest.Builder query = query(limit - page.size())
          .keyConditionExpression(cursor.after() == null ? "PK = :pk AND begins_with(SK, :after)" : "PK = :pk AND SK < :after")
          .expressionAttributeValues(values(Keys.notificationsOf(caller.accountId(), caller.userId()),
              cursor.after() == null ? Keys.NOTIFICATION_PREFIX : cursor.after()));
      if (readOnly) {
        query.filterExpression("attribute_exists(readAt)"); // the unread ones came first
      }
      QueryResponse all = dynamoDb.query(query.build());
      all.items().forEach(item -> page.add(view(item)));
      if (all.hasLastEvaluatedKey() && !all.lastEvaluatedKey().isEmpty()) {
        next = new Cursor(cursor.part(), str(all.lastEvaluatedKey(), Table.SK)).encode();
      }
    } else if (next == null && cursor.part().equals("r")) {
      next = new Cursor("r", null).encode(); // the page filled up with unread ones: the read ones follow
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("notifications", page);
    body.put("nextCursor", next);
    return ApiResponse.ok(body);
  }

  /** Newest first, one page. */
  private QueryRequest.Builder query(int limit) {
    return QueryRequest.builder().tableName(table).scanIndexForward(false).limit(limit);
  }

  private Map<String, AttributeValue> values(String pk, String after) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pk", s(pk));
    if (after != null) {
      values.put(":after", s(after));
    }
    return values;
  }

  /** {"unread": n}, counted on the unread list (at most {@link #COUNT_CAP}). */
  ApiResponse unreadCount(ApiRequest request) {
    Caller caller = request.caller();
    int count = 0;
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse response = dynamoDb.query(b -> b.tableName(table).indexName(Table.GSI1)
          .keyConditionExpression("GSI1PK = :pk")
          .expressionAttributeValues(Map.of(":pk", s(Keys.unreadNotificationsOf(caller.accountId(), caller.userId()))))
          .select("COUNT").limit(COUNT_CAP).exclusiveStartKey(from));
      count += response.count();
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    } while (start != null && count < COUNT_CAP);
    return ApiResponse.ok(Map.of("unread", Math.min(count, COUNT_CAP), "capped", count >= COUNT_CAP));
  }

  /** Marks one read (idempotent: reading it again keeps the first readAt). 404 when it is not the caller's. */
  ApiResponse markRead(ApiRequest request) {
    Caller caller = request.caller();
    String id = request.pathParameter("notificationId");
    String sk = NotificationIds.sortKey(id).orElseThrow(() -> ApiError.notFound("The notification"));
    String now = Keys.time(clock.instant());
    try {
      dynamoDb.updateItem(b -> b.tableName(table)
          .key(key(Keys.notificationsOf(caller.accountId(), caller.userId()), sk))
          .updateExpression("SET readAt = if_not_exists(readAt, :now) REMOVE GSI1PK, GSI1SK")
          .conditionExpression("attribute_exists(PK)")
          .expressionAttributeValues(Map.of(":now", s(now))));
    } catch (ConditionalCheckFailedException missing) {
      throw ApiError.notFound("The notification");
    }
    return ApiResponse.ok(Map.of("id", id, "read", true));
  }

  /** Marks every unread one read: one Query page of the unread list, one UpdateItem each, until none is left. */
  ApiResponse markAllRead(ApiRequest request) {
    Caller caller = request.caller();
    String now = Keys.time(clock.instant());
    int marked = 0;
    List<Map<String, AttributeValue>> unread;
    do {
      unread = dynamoDb.query(b -> b.tableName(table).indexName(Table.GSI1)
          .keyConditionExpression("GSI1PK = :pk")
          .expressionAttributeValues(Map.of(":pk", s(Keys.unreadNotificationsOf(caller.accountId(), caller.userId()))))
          .limit(MAX_LIMIT)).items();
      for (Map<String, AttributeValue> item : unread) {
        try {
          dynamoDb.updateItem(b -> b.tableName(table).key(key(str(item, Table.PK), str(item, Table.SK)))
              .updateExpression("SET readAt = if_not_exists(readAt, :now) REMOVE GSI1PK, GSI1SK")
              .conditionExpression("attribute_exists(PK)")
              .expressionAttributeValues(Map.of(":now", s(now))));
          marked++;
        } catch (ConditionalCheckFailedException expired) {
          // gone meanwhile (TTL)
        }
      }
    } while (unread.size() == MAX_LIMIT);
    return ApiResponse.ok(Map.of("marked", marked));
  }

  static Map<String, Object> view(Map<String, AttributeValue> item) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", str(item, "notificationId"));
    view.put("type", str(item, "eventType"));
    view.put("category", str(item, "category"));
    view.put("title", str(item, "title"));
    putIfPresent(view, "body", str(item, "body"));
    putIfPresent(view, "link", str(item, "linkPath"));
    putIfPresent(view, "linkLabel", str(item, "linkLabel"));
    putIfPresent(view, "conversationId", str(item, "conversationId"));
    putIfPresent(view, "customerId", str(item, "customerId"));
    view.put("createdAt", str(item, "createdAt"));
    view.put("read", item.containsKey("readAt"));
    putIfPresent(view, "readAt", str(item, "readAt"));
    return view;
  }

  private static void putIfPresent(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.invalid("limit", "'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
  }

  /**
   * Where a page starts: the part ({@code u} unread list, {@code r} read ones after it, {@code t} all
   * by time) and the last sort key seen (none: its start). Opaque to clients: base64url of
   * {@code v1|<part>|<key>}.
   */
  record Cursor(String part, String after) {
    String encode() {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(("v1|" + part + "|" + (after == null ? "" : after)).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text, String order) {
      if (text == null) {
        return new Cursor(order.equals("time") ? "t" : "u", null);
      }
      String decoded;
      try {
        decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalid();
      }
      String[] parts = decoded.split("\\|", 3);
      if (parts.length != 3 || !parts[0].equals("v1")) {
        throw invalid();
      }
      boolean fits = order.equals("time") ? parts[1].equals("t") : parts[1].equals("u") || parts[1].equals("r");
      String after = parts[2].isEmpty() ? null : parts[2];
      boolean keyShape = after == null ? !parts[1].equals("u") && !parts[1].equals("t")
          : parts[1].equals("u") ? after.matches("\\d{4}-.*#n\\d+-[0-9a-f]{16}") : after.startsWith(Keys.NOTIFICATION_PREFIX);
      if (!fits || !keyShape) {
        throw invalid();
      }
      return new Cursor(parts[1], after);
    }

    private static ApiError invalid() {
      return ApiError.invalid("cursor", "The cursor is not one this API gave (or was given for another order).");
    }
  }
}
