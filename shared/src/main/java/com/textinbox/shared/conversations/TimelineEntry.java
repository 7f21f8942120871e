package com.textinbox.shared.conversations;

import com.textinbox.shared.data.Keys;

/**
 * One entry of a conversation's timeline ({@code T#<at>#<id>}): a message, an internal note, an
 * event (assigned, closed, reopened...) or a compliance event (STOP, START, HELP). {@link #at()}
 * and {@link #id()} are the entry's place in the timeline, from its sort key.
 */
public sealed interface TimelineEntry permits Message, Note, ConversationEvent, ComplianceEvent, AppointmentEvent {
  /** The id in the sort key: a message's, a note's or an event's id. */
  String id();

  /** The time in the sort key (ISO-8601 with milliseconds): where the entry sorts. */
  String at();

  /** The entry's sort key in the conversation's partition. */
  default String sk() {
    return Keys.timelineSk(at(), id());
  }

  /** The id and time of a timeline sort key {@code T#<time>#<id>} (the time has no '#'). */
  record Position(String at, String id) {
    public static Position of(String sk) {
      int idAt = sk.indexOf('#', Keys.TIMELINE_PREFIX.length());
      return idAt < 0 ? new Position(null, sk) : new Position(sk.substring(Keys.TIMELINE_PREFIX.length(), idAt), sk.substring(idAt + 1));
    }
  }
}
