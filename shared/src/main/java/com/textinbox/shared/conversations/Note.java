package com.textinbox.shared.conversations;

import java.util.List;

/** An internal note (C5), never texted; {@code mentions} are the user ids it mentions. */
public record Note(String id, String at, String conversationId, String text, String authorId, String authorName,
    List<String> mentions, String createdAt) implements TimelineEntry {
  public Note {
    mentions = mentions == null ? List.of() : List.copyOf(mentions);
  }
}
