package com.textinbox.conversations;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.store.ConversationStore;

/** Page sizes of the lists and the timeline (their cursors: shared Cursors); a conversation that must exist. */
final class Paging {
  /** When {@code limit} is not given; at most 100: the routes' schemas (docs/openapi.yaml, checked first). */
  static final int DEFAULT_LIMIT = 25;

  private Paging() {}

  static int limit(ApiRequest request) {
    return request.intQuery("limit", DEFAULT_LIMIT);
  }

  /** The conversation as last written; 404 when the caller's company has none of that id. */
  static Conversation conversation(ConversationStore conversations, String accountId, String conversationId) {
    return conversations.find(accountId, conversationId).orElseThrow(() -> ApiError.notFound("The conversation"));
  }
}
