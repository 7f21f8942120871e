package com.textinbox.shared.assignment;

import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The conversation lists of GET /conversations ({@code assignee} x {@code status}, then the
 * {@code read} / {@code unread} / {@code unanswered} filter), shared by the API that shows them and
 * the bulk assignment that takes "every conversation of this list" (select all): both read the same
 * indexes the same way. docs/data-model.md, "Conversations API".
 */
public final class ConversationLists {
  public static final String OPEN = "OPEN";
  public static final String CLOSED = "CLOSED";

  private ConversationLists() {}

  /** One list to read: an index and its partition, sorted by {@code <lastActivity>#<convId>}. */
  public record Source(String index, String pkName, String skName, String pk) {}

  /**
   * A list as the API's query names it, validated.
   *
   * @param assignee {@code me}, {@code all}, {@code unassigned}, a user id or {@code team:<teamId>}
   * @param status {@code open}, {@code closed} or {@code all}
   * @param filter null, {@code read}, {@code unread} or {@code unanswered}
   * @param userId whose "me", "read" and "unread" these are
   */
  public record Spec(String assignee, String status, String filter, String userId) {
    /** Defaults (all, open, no filter) and validation: a 400 naming the field. */
    public static Spec of(String assignee, String status, String filter, String userId) {
      String a = assignee == null || assignee.isBlank() ? "all" : assignee;
      String st = status == null || status.isBlank() ? "open" : status.toLowerCase(Locale.ROOT);
      String f = filter == null || filter.isBlank() ? null : filter;
      if (f != null && !List.of("read", "unread", "unanswered").contains(f)) {
        throw ApiError.invalid("filter", "filter is read, unread or unanswered.");
      }
      if (!List.of("open", "closed", "all").contains(st)) {
        throw ApiError.invalid("status", "status is open, closed or all.");
      }
      if (a.startsWith("team:") && a.substring("team:".length()).isBlank()) {
        throw ApiError.invalid("assignee", "assignee is me, all, unassigned, a user id or team:<teamId>.");
      }
      return new Spec(a, st, f, userId);
    }

    public boolean onlyUnassigned() {
      return assignee.equals("unassigned");
    }

    public boolean needsReadState() {
      return "read".equals(filter) || "unread".equals(filter);
    }

    public List<String> statuses() {
      return switch (status) {
        case "open" -> List.of(OPEN);
        case "closed" -> List.of(CLOSED);
        default -> List.of(OPEN, CLOSED);
      };
    }

    /** The lists to read (two when {@code status=all}, merged by activity). */
    public List<Source> sources(String accountId) {
      List<Source> sources = new ArrayList<>();
      for (String st : statuses()) {
        if (assignee.equals("all") || onlyUnassigned()) {
          sources.add(new Source(Table.GSI3, Table.GSI3PK, Table.GSI3SK, Keys.conversationsByStatus(accountId, st)));
        } else if (assignee.startsWith("team:")) {
          sources.add(new Source(Table.GSI1, Table.GSI1PK, Table.GSI1SK,
              Keys.assigneeList(accountId, Assignee.TEAM, assignee.substring("team:".length()), st)));
        } else {
          String user = assignee.equals("me") ? userId : assignee;
          sources.add(new Source(Table.GSI1, Table.GSI1PK, Table.GSI1SK, Keys.assigneeList(accountId, Assignee.USER, user, st)));
        }
      }
      return sources;
    }

    /**
     * Whether a conversation of the lists passes the filter; {@code readAt} is the user's
     * {@code READ#} item's time (null: never read).
     */
    public boolean matches(Map<String, AttributeValue> conversation, String readAt) {
      if (onlyUnassigned() && conversation.get("assigneeId") != null) {
        return false;
      }
      if (filter == null) {
        return true;
      }
      boolean unread = unread(str(conversation, "lastInboundAt"), readAt);
      return switch (filter) {
        case "read" -> !unread;
        case "unread" -> unread;
        default -> str(conversation, "unansweredSince") != null;
      };
    }
  }

  /** Unread for a user: a customer message came after the user last read it (or never read). */
  public static boolean unread(String lastInboundAt, String readAt) {
    return lastInboundAt != null && (readAt == null || lastInboundAt.compareTo(readAt) > 0);
  }

  /** The sort key of a conversation in every list: {@code <lastActivityAt>#<conversationId>}. */
  public static String sortKey(Map<String, AttributeValue> conversation) {
    return Keys.activitySk(str(conversation, "lastActivityAt"), str(conversation, "conversationId"));
  }

  /** One page of one list, newest first, strictly older than {@code after} when given. */
  public static QueryResponse query(DynamoDbClient dynamoDb, String table, Source source, String after, int limit) {
    Map<String, String> names = new HashMap<>(Map.of("#pk", source.pkName()));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(source.pk())));
    String condition = "#pk = :pk";
    if (after != null) {
      condition += " AND #sk < :after";
      names.put("#sk", source.skName());
      values.put(":after", s(after));
    }
    String finalCondition = condition;
    return dynamoDb.query(b -> b.tableName(table).indexName(source.index()).keyConditionExpression(finalCondition)
        .expressionAttributeNames(names).expressionAttributeValues(values).scanIndexForward(false).limit(limit));
  }

  /** One round over the lists: what was read, merged newest first, and whether any list has more. */
  public record Round(List<Map<String, AttributeValue>> examined, boolean more) {}

  /**
   * Reads each list from {@code after} and merges them by activity; beyond the highest last item
   * of a list that stopped early, that list may hold items not read yet, so the round stops there
   * (nothing is skipped).
   */
  public static Round round(DynamoDbClient dynamoDb, String table, List<Source> sources, String after, int limit) {
    List<Map<String, AttributeValue>> merged = new ArrayList<>();
    String boundary = null;
    boolean more = false;
    for (Source source : sources) {
      QueryResponse response = query(dynamoDb, table, source, after, limit);
      merged.addAll(response.items());
      if (response.lastEvaluatedKey() != null && !response.lastEvaluatedKey().isEmpty()) {
        more = true;
        String last = response.items().isEmpty() ? null : str(response.items().get(response.items().size() - 1), source.skName());
        if (last != null && (boundary == null || last.compareTo(boundary) > 0)) {
          boundary = last;
        }
      }
    }
    merged.sort(java.util.Comparator.comparing(ConversationLists::sortKey).reversed());
    List<Map<String, AttributeValue>> examined = new ArrayList<>();
    for (Map<String, AttributeValue> item : merged) {
      if (boundary != null && sortKey(item).compareTo(boundary) < 0) {
        break;
      }
      examined.add(item);
    }
    return new Round(examined, more);
  }
}
