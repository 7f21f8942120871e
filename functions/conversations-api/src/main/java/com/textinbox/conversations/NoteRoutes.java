package com.textinbox.conversations;

import com.textinbox.shared.conversations.ArchivedConversations;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.Note;
import com.textinbox.shared.conversations.TimelineEntryView;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import java.time.Clock;

/**
 * POST {@code /conversations/{id}/notes}: an internal note (never texted), a {@code type=Note}
 * timeline entry, and a {@code note.mention} notification event for each user mentioned (see
 * {@link Notes}). It does not change the conversation's last activity.
 */
record NoteRoutes(ConversationStore conversations, Notes notes, Clock clock) {
  ApiResponse add(ApiRequest request) {
    Caller caller = request.caller();
    String conversationId = request.pathParameter("conversationId");
    // another company's (or no) conversation is a 404 whatever the body
    Conversation conversation = Paging.conversation(conversations, caller.accountId(), conversationId);
    ArchivedConversations.refuse(conversation, "add a note");
    String text = Notes.text(request.json().get("text"), "text");
    String now = Keys.time(clock.instant());
    Note note = notes.build(caller, conversationId, text, now);
    if (!conversations.append(caller.accountId(), conversationId, note)) {
      throw new IllegalStateException("note " + note.id() + " exists already");
    }
    notes.announce(caller, note, conversation.customerId(), now);
    return ApiResponse.created(TimelineEntryView.of(note));
  }
}
