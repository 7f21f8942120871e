package com.textinbox.conversations;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.Note;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.UserStore;
import java.text.Normalizer;
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

/**
 * Internal notes with @mentions (C5), for a plain note and for the note left with an assignment
 * (C4): the {@code type=Note} timeline entry, the users it mentions ({@code @<userId>} or
 * {@code @<first name>}, case and accents ignored, the author excepted), and one
 * {@code note.mention} notification event per mentioned user once the note is stored.
 */
record Notes(UserStore users, EventQueue notifications) {
  static final int MAX_NOTE = 2000;
  private static final Pattern MENTION = Pattern.compile("@([\\p{L}\\p{N}_-]+)");

  /** The note's text from {@code body.<field>}: 1 to 2,000 characters, else a 400 naming the field. */
  static String text(JsonNode textNode, String field) {
    if (textNode == null || !textNode.isTextual() || textNode.asText().isBlank()) {
      throw ApiError.invalid(field, "A note needs a text.");
    }
    String text = textNode.asText().strip();
    if (text.codePointCount(0, text.length()) > MAX_NOTE) {
      throw ApiError.invalid(field, "A note holds at most " + MAX_NOTE + " characters.");
    }
    return text;
  }

  /** Builds the note, not yet stored (one Query of the company's users, for the mentions and the author's name). */
  Note build(Caller caller, String conversationId, String text, String at) {
    Map<String, String> userIds = new HashMap<>();
    Map<String, String> firstNames = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    for (User user : users.ofAccount(caller.accountId())) {
      userIds.put(fold(user.userId()), user.userId());
      names.put(user.userId(), user.name());
      if (user.name() != null && !user.name().isBlank()) {
        firstNames.putIfAbsent(fold(user.name().strip().split("\\s+")[0]), user.userId());
      }
    }
    Set<String> mentioned = new LinkedHashSet<>();
    Matcher matcher = MENTION.matcher(text);
    while (matcher.find()) {
      String token = fold(matcher.group(1));
      String userId = userIds.getOrDefault(token, firstNames.get(token));
      if (userId != null && !userId.equals(caller.userId())) {
        mentioned.add(userId);
      }
    }
    String noteId = "note-" + UUID.randomUUID();
    return new Note(noteId, at, conversationId, text, caller.userId(), names.get(caller.userId()), List.copyOf(mentioned), at);
  }

  /** One {@code note.mention} notification event per mentioned user (docs/events.md), after the note is stored. */
  void announce(Caller caller, Note note, String customerId, String at) {
    for (String userId : note.mentions()) {
      String eventId = note.id() + "#" + userId;
      Map<String, Object> event = event(eventId, "note.mention", caller, at, note.conversationId(), customerId);
      event.put("noteId", note.id());
      event.put("mentionedUserId", userId);
      event.put("authorId", caller.userId());
      notifications.send(eventId, "note.mention", Json.write(event));
    }
  }

  /** The head every notification event about a conversation starts with (docs/events.md). */
  static Map<String, Object> event(String eventId, String type, Caller caller, String at, String conversationId,
      String customerId) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", eventId);
    event.put("type", type);
    event.put("accountId", caller.accountId());
    event.put("at", at);
    event.put("actorUserId", caller.userId());
    event.put("conversationId", conversationId);
    event.put("customerId", customerId);
    return event;
  }

  /** Lower case without accents: "Chloé" and "chloe" mention the same user. */
  static String fold(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
  }
}
