package com.textinbox.conversations;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.store.ConversationStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Page sizes and cursors of the lists and the timeline; a conversation that must exist. */
final class Paging {
  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;

  private Paging() {}

  static int limit(ApiRequest request) {
    return request.intQuery("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
  }

  /** Cursors are opaque: base64url of the last sort key seen. */
  static String encodeCursor(String sortKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1|" + sortKey).getBytes(StandardCharsets.UTF_8));
  }

  /** The sort key of the request's {@code cursor}, or null without one; a cursor this API did not give is a 400. */
  static String cursor(ApiRequest request) {
    String cursor = request.query("cursor");
    if (cursor == null) {
      return null;
    }
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

  /** The conversation as last written; 404 when the caller's company has none of that id. */
  static Conversation conversation(ConversationStore conversations, String accountId, String conversationId) {
    return conversations.find(accountId, conversationId).orElseThrow(() -> ApiError.notFound("The conversation"));
  }
}
