package com.textinbox.conversations;

import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.Cursors;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.assignment.ConversationLists;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationView;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET {@code /conversations}: one page of a list by assignee x status, newest activity first,
 * with the read / unread / unanswered filter applied to what the lists return (at most
 * {@link #MAX_ROUNDS} reads of {@code limit} per page, then a short page with a cursor).
 * docs/data-model.md, "Conversations API".
 */
record ListRoutes(ConversationStore conversations, AccountCache accounts, Summaries summaries, Clock clock, Cursors cursors) {
  /** Reads per list page at most when a filter (unread, unanswered...) drops items. */
  static final int MAX_ROUNDS = 5;

  ApiResponse list(ApiRequest request) {
    Caller caller = request.caller();
    String accountId = caller.accountId();
    ConversationLists.Spec spec = ConversationLists.Spec.of(request.query("assignee"), request.query("status"),
        request.query("filter"), caller.userId());
    int limit = Paging.limit(request);
    List<ConversationStore.ListSource> sources = spec.sources(accountId);
    String after = cursors.decode(request);
    Account account = accounts.get(accountId);
    int hours = account == null || account.unansweredAfterHours() == null
        ? ConversationLists.DEFAULT_UNANSWERED_HOURS : account.unansweredAfterHours();
    String flaggedBefore = Keys.time(clock.instant().minus(Duration.ofHours(hours)));

    List<Map<String, Object>> page = new ArrayList<>();
    boolean more = true;
    for (int round = 0; round < MAX_ROUNDS && page.size() < limit && more; round++) {
      // each list from where the page stopped; merged by activity, newest first
      ConversationLists.Round read = ConversationLists.round(conversations, sources, after, limit);
      more = read.more();
      List<Conversation> examined = read.examined();
      if (examined.isEmpty()) {
        break;
      }
      Summaries.Read related = summaries.read(caller, examined);
      for (int i = 0; i < examined.size(); i++) {
        Conversation conversation = examined.get(i);
        after = conversation.activitySortKey();
        if (!spec.matches(conversation, related.readAt(conversation))) {
          continue;
        }
        page.add(ConversationView.summary(conversation, related.context(conversation, flaggedBefore)));
        if (page.size() == limit) {
          more = more || i < examined.size() - 1;
          break;
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("conversations", page);
    body.put("nextCursor", more ? cursors.encode(request, after) : null);
    return ApiResponse.ok(body);
  }
}
