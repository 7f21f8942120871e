package com.textinbox.conversations;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.data.Items;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.json.Json;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Internal notes with @mentions (C5), for a plain note and for the note left with an assignment
 * (C4): the {@code type=Note} timeline item, the users it mentions ({@code @<userId>} or
 * {@code @<first name>}, case and accents ignored, the author excepted), and one
 * {@code note.mention} notification event per mentioned user once the note is stored.
 */
final class Notes {
  static final int MAX_NOTE = 2000;
  private static final Pattern MENTION = Pattern.compile("@([\\p{L}\\p{N}_-]+)");

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final EventQueue notifications;

  Notes(DynamoDbClient dynamoDb, String table, EventQueue notifications) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.notifications = notifications;
  }

  /** A note built, not yet stored: its item and the users it mentions. */
  record Note(String noteId, Map<String, AttributeValue> item, Set<String> mentioned, String authorName) {}

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

  /** Builds the note (one Query of the company's users, for the mentions and the author's name). */
  Note build(Caller caller, String conversationId, String text, String at) {
    String accountId = caller.accountId();
    Map<String, String> userIds = new HashMap<>();
    Map<String, String> firstNames = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :u)")
        .expressionAttributeValues(Map.of(":pk", s(Keys.account(accountId)), ":u", s(Keys.USER_PREFIX)))).items()
        .forEach(user -> {
          String userId = str(user, Table.SK).substring(Keys.USER_PREFIX.length());
          userIds.put(fold(userId), userId);
          String name = str(user, "name");
          names.put(userId, name);
          if (name != null && !name.isBlank()) {
            firstNames.putIfAbsent(fold(name.strip().split("\\s+")[0]), userId);
          }
        });
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
    Map<String, AttributeValue> item = new HashMap<>(key(Keys.conversation(accountId, conversationId), Keys.timelineSk(at, noteId)));
    item.put(Table.TYPE, s("Note"));
    item.put("noteId", s(noteId));
    item.put("conversationId", s(conversationId));
    item.put("text", s(text));
    item.put("authorId", s(caller.userId()));
    if (names.get(caller.userId()) != null) {
      item.put("authorName", s(names.get(caller.userId())));
    }
    item.put("mentions", AttributeValue.fromL(mentioned.stream().map(Items::s).toList()));
    item.put("createdAt", s(at));
    return new Note(noteId, item, mentioned, names.get(caller.userId()));
  }

  /** One {@code note.mention} notification event per mentioned user (docs/events.md), after the note is stored. */
  void announce(Caller caller, Note note, String conversationId, String customerId, String at) {
    for (String userId : note.mentioned()) {
      String eventId = note.noteId() + "#" + userId;
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("eventId", eventId);
      event.put("type", "note.mention");
      event.put("accountId", caller.accountId());
      event.put("at", at);
      event.put("actorUserId", caller.userId());
      event.put("conversationId", conversationId);
      event.put("customerId", customerId);
      event.put("noteId", note.noteId());
      event.put("mentionedUserId", userId);
      event.put("authorId", caller.userId());
      notifications.send(eventId, "note.mention", Json.write(event));
    }
  }

  /** Lower case without accents: "Chloé" and "chloe" mention the same user. */
  static String fold(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
  }
}
