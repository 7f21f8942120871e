package com.textinbox.conversations;

import com.textinbox.shared.conversations.ArchivedConversations;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.Cursors;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.assignment.ConversationLists;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.ConversationView;
import com.textinbox.shared.conversations.ReadState;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.conversations.TimelineEntryView;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Page;
import com.textinbox.shared.store.TransactionCancelled;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One conversation: GET {@code /conversations/{id}} (with a page of its timeline, newest first),
 * POST {@code .../read}, {@code .../close} and {@code .../reopen}.
 */
record ConversationRoutes(DynamoTable table, ConversationStore conversations, Summaries summaries, Clock clock, Cursors cursors) {
  private static final int ATTEMPTS = 3;

  /** The conversation and one page of its timeline, newest first (the cursor goes back in time). */
  ApiResponse get(ApiRequest request) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    String conversationId = request.pathParameter("conversationId");
    int limit = Paging.limit(request);
    String before = cursors.decode(request);
    if (before != null && !before.startsWith(Keys.TIMELINE_PREFIX)) {
      throw ApiError.invalid("cursor", "The cursor is not one this API gave.");
    }
    Conversation conversation = Paging.conversation(conversations, accountId, conversationId);
    Page<TimelineEntry> timeline = conversations.timeline(accountId, conversationId, before, limit);
    String flaggedBefore = Keys.time(clock.instant().minus(Duration.ofHours(ConversationLists.DEFAULT_UNANSWERED_HOURS)));
    ConversationView.Context context = summaries.read(caller, List.of(conversation)).context(conversation, flaggedBefore);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("conversation", ConversationView.detail(conversation, context));
    body.put("timeline", timeline.items().stream().map(TimelineEntryView::of).toList());
    body.put("order", "newest-first");
    body.put("nextCursor", cursors.encode(request, timeline.nextCursor()));
    return ApiResponse.ok(body);
  }

  ApiResponse markRead(ApiRequest request) {
    Caller caller = request.caller();
    String conversationId = request.pathParameter("conversationId");
    Paging.conversation(conversations, caller.accountId(), conversationId);
    String now = Keys.time(clock.instant());
    conversations.markRead(caller.accountId(), new ReadState(conversationId, caller.userId(), now));
    return ApiResponse.ok(Map.of("conversationId", conversationId, "readAt", now, "unreadForMe", false));
  }

  /**
   * Closes or reopens: status, the GSI3 (and assignee GSI1) list moved, and a
   * {@code ConversationEvent} in the timeline, in one transaction conditional on the status read.
   * Already in that status: 200, nothing written (idempotent).
   */
  ApiResponse changeStatus(ApiRequest request, String target) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    String conversationId = request.pathParameter("conversationId");
    for (int attempt = 1; ; attempt++) {
      Conversation conversation = Paging.conversation(conversations, accountId, conversationId);
      ArchivedConversations.refuse(conversation, Conversation.CLOSED.equals(target) ? "close it" : "reopen it");
      if (target.equals(conversation.status())) {
        return ApiResponse.ok(statusView(conversationId, target, false, null));
      }
      String now = Keys.time(clock.instant());
      String eventId = "evt-" + UUID.randomUUID();
      String event = Conversation.CLOSED.equals(target) ? ConversationEvent.CLOSED : ConversationEvent.REOPENED;
      try {
        table.transact(conversations.statusWrite(accountId, conversation, target, now, caller.userId()),
            conversations.appendWrite(accountId, conversationId, ConversationEvent.statusChange(eventId, now, event, caller.userId())));
        return ApiResponse.ok(statusView(conversationId, target, true, eventId));
      } catch (TransactionCancelled changed) {
        // a message reopened it, or another user changed it meanwhile: look again
        if (attempt == ATTEMPTS) {
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
}
