package com.textinbox.shared.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.sqs.MalformedMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationEventTest {
  @Test
  void aMentionReadsTheAuthorAsTheActor() {
    NotificationEvent e = NotificationEvent.parse("{\"eventId\":\"note-1#user-chloe\",\"type\":\"note.mention\",\"accountId\":\"acct-a\","
        + "\"conversationId\":\"conv-1\",\"customerId\":\"cust-1\",\"noteId\":\"note-1\",\"mentionedUserId\":\"user-chloe\","
        + "\"authorId\":\"user-bruno\",\"at\":\"2026-11-21T14:03:00.123Z\"}");
    assertEquals("user-bruno", e.actorUserId());
    assertEquals(Category.MENTION, e.category());
    assertEquals(Instant.parse("2026-11-21T14:03:00.123Z"), e.at());
  }

  @Test
  void whatBreaksTheContractIsMalformed() {
    String[] bad = {
      "not json", "[]", "{}",
      "{\"eventId\":\"e\",\"type\":\"task.due\",\"accountId\":\"a\",\"at\":\"2026-11-21T14:03:00Z\"}",
      "{\"eventId\":\"e\",\"type\":\"message.received\",\"accountId\":\"a\",\"at\":\"yesterday\",\"conversationId\":\"c\",\"customerId\":\"x\",\"messageId\":\"m\"}",
      "{\"eventId\":\"e\",\"type\":\"message.received\",\"accountId\":\"a#b\",\"at\":\"2026-11-21T14:03:00Z\",\"conversationId\":\"c\",\"customerId\":\"x\",\"messageId\":\"m\"}",
      "{\"eventId\":\"e\",\"type\":\"invoice.paid\",\"accountId\":\"a\",\"at\":\"2026-11-21T14:03:00Z\",\"invoiceId\":\"i\",\"customerId\":\"x\",\"amount\":10,\"currency\":\"cad\",\"recipientUserIds\":[\"u\"]}",
      "{\"eventId\":\"e\",\"type\":\"conversation.assigned.bulk\",\"accountId\":\"a\",\"at\":\"2026-11-21T14:03:00Z\",\"assigneeKind\":\"USER\",\"assigneeId\":\"u\",\"count\":0}",
      "{\"eventId\":\"e\",\"type\":\"appointment.confirmed\",\"accountId\":\"a\",\"at\":\"2026-11-21T14:03:00Z\",\"appointmentId\":\"p\",\"customerId\":\"x\"}",
    };
    for (String body : bad) {
      assertThrows(MalformedMessage.class, () -> NotificationEvent.parse(body), body);
    }
  }
}
