package com.textinbox.shared.conversations;

import com.textinbox.shared.api.ApiError;

/**
 * C14: an archived conversation (its customer was merged into another profile) is read-only:
 * every change to it answers the same 409, which says where the customer is texted now.
 */
public final class ArchivedConversations {
  public static final String CODE = "conversation_archived";

  private ArchivedConversations() {}

  /** A 409 when {@code conversation} is archived; {@code what} is the change refused ("send a message"...). */
  public static void refuse(Conversation conversation, String what) {
    if (conversation != null && conversation.archived()) {
      throw new ApiError(409, CODE, "This conversation is archived (its customer was merged into customer "
          + conversation.customerId() + "): it is read-only, so you cannot " + what
          + " here. Use that customer's active conversation.", null);
    }
  }
}
