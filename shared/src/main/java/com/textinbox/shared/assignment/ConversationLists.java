package com.textinbox.shared.assignment;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ReadState;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.conversations.store.ConversationStore.ListSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The conversation lists of GET /conversations ({@code assignee} x {@code status}, then the
 * {@code read} / {@code unread} / {@code unanswered} filter), shared by the API that shows them and
 * the bulk assignment that takes "every conversation of this list" (select all): both read the same
 * indexes the same way. docs/data-model.md, "Conversations API".
 */
public final class ConversationLists {
  public static final String OPEN = Conversation.OPEN;
  public static final String CLOSED = Conversation.CLOSED;
  /** After how long an unanswered conversation is flagged when the company set nothing. */
  public static final int DEFAULT_UNANSWERED_HOURS = 4;

  private ConversationLists() {}

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
    public List<ListSource> sources(String accountId) {
      List<ListSource> sources = new ArrayList<>();
      for (String st : statuses()) {
        if (assignee.equals("all") || onlyUnassigned()) {
          sources.add(ConversationStore.byStatus(accountId, st));
        } else if (assignee.startsWith("team:")) {
          sources.add(ConversationStore.byAssignee(accountId, Assignee.TEAM, assignee.substring("team:".length()), st));
        } else {
          sources.add(ConversationStore.byAssignee(accountId, Assignee.USER, assignee.equals("me") ? userId : assignee, st));
        }
      }
      return sources;
    }

    /**
     * Whether a conversation of the lists passes the filter; {@code readAt} is the user's
     * read time (null: never read).
     */
    public boolean matches(Conversation conversation, String readAt) {
      if (onlyUnassigned() && conversation.assignee() != null) {
        return false;
      }
      if (filter == null) {
        return true;
      }
      boolean unread = ReadState.unread(conversation.lastInboundAt(), readAt);
      return switch (filter) {
        case "read" -> !unread;
        case "unread" -> unread;
        default -> conversation.unansweredSince() != null;
      };
    }
  }

  /** One round over the lists: what was read, merged newest first, and whether any list has more. */
  public record Round(List<Conversation> examined, boolean more) {}

  /**
   * Reads each list from {@code after} and merges them by activity; beyond the highest last item
   * of a list that stopped early, that list may hold items not read yet, so the round stops there
   * (nothing is skipped).
   */
  public static Round round(ConversationStore store, List<ListSource> sources, String after, int limit) {
    List<Conversation> merged = new ArrayList<>();
    String boundary = null;
    boolean more = false;
    for (ListSource source : sources) {
      ConversationStore.ListPage page = store.list(source, after, limit);
      merged.addAll(page.conversations());
      if (page.more()) {
        more = true;
        String last = page.lastSortKey();
        if (last != null && (boundary == null || last.compareTo(boundary) > 0)) {
          boundary = last;
        }
      }
    }
    merged.sort(Comparator.comparing(Conversation::activitySortKey).reversed());
    List<Conversation> examined = new ArrayList<>();
    for (Conversation conversation : merged) {
      if (boundary != null && conversation.activitySortKey().compareTo(boundary) < 0) {
        break;
      }
      examined.add(conversation);
    }
    return new Round(examined, more);
  }
}
