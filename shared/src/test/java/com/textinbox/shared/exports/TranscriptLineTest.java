package com.textinbox.shared.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.Note;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptLineTest {
  private static final ZoneId MONTREAL = ZoneId.of("America/Toronto");
  private static final TranscriptLine.Names NAMES = new TranscriptLine.Names("Marie Lambert", "Maple Motors");

  @Test
  void anInboundTextIsTheCustomersReceivedAtTheCompanysTime() {
    Message in = Message.inbound("m1", "2026-11-21T14:03:00.123Z", "c1", "cust-1", "Bonjour", "+15145550111",
        "+15145550100", "carrier-1", null, "2026-11-21T14:03:00.123Z");
    TranscriptLine line = TranscriptLine.of(in, NAMES, MONTREAL);
    assertEquals(new TranscriptLine("2026-11-21 09:03 EST", "Marie Lambert", "Received", "Bonjour", false, List.of()), line);
  }

  @Test
  void anOutboundTextIsItsSendersWithItsDeliveryStatus() {
    Message queued = Message.queued("m2", "2026-07-01T12:00:00.000Z", "c1", "cust-1", "Votre auto est prête", "x", 1, "GSM",
        new Message.Source("user", "user-chloe"), "user-chloe", "Chloé Roy", false, null, null, null, null);
    TranscriptLine line = TranscriptLine.of(queued, NAMES, MONTREAL);
    assertEquals("2026-07-01 08:00 EDT", line.time(), "summer time");
    assertEquals("Chloé Roy", line.sender());
    assertEquals("Queued", line.status());
    Message automated = Message.queued("m3", "2026-07-01T12:00:00.000Z", "c1", "cust-1", "Rappel", "x", 1, "GSM",
        new Message.Source("automation", "auto-1"), null, null, false, null, null, null, null);
    assertEquals("Maple Motors (automation)", TranscriptLine.of(automated, NAMES, MONTREAL).sender());
  }

  @Test
  void notesAndEventsAreInternal() {
    Note note = new Note("n1", "2026-11-21T15:00:00.000Z", "c1", "Client fidèle", "user-bruno", "Bruno Tremblay", null, null);
    TranscriptLine noteLine = TranscriptLine.of(note, NAMES, MONTREAL);
    assertTrue(noteLine.internal());
    assertEquals("Bruno Tremblay", noteLine.sender());
    assertEquals("Internal note", noteLine.status());
    ConversationEvent assigned = new ConversationEvent("e1", "2026-11-21T15:01:00.000Z", ConversationEvent.ASSIGNED, "c1",
        "user-alice", "Alice Martin", null, Assignee.team("team-service", "Service"), null, null, null, null, null, null);
    TranscriptLine event = TranscriptLine.of(assigned, NAMES, MONTREAL);
    assertEquals("Assigned to Service", event.text());
    assertTrue(event.internal());
    assertFalse(TranscriptLine.of(Message.inbound("m1", "2026-11-21T14:03:00.123Z", "c1", "cust-1", "x", "+1", "+1", "c",
        null, null), NAMES, MONTREAL).internal());
  }
}
