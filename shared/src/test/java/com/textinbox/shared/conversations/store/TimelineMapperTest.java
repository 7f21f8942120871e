package com.textinbox.shared.conversations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.conversations.ComplianceEvent;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.Note;
import com.textinbox.shared.conversations.TimelineEntry;
import com.textinbox.shared.data.Keys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TimelineMapperTest {
  private static final String T1 = "2026-11-21T14:03:00.120Z";
  private static final String T2 = "2026-11-21T15:00:00.000Z";

  private static TimelineEntry roundTrip(TimelineEntry entry) {
    return TimelineMapper.fromItem(TimelineMapper.toItem("acct", "conv-1", entry));
  }

  @Test
  void anOutboundMessageWithEveryAttributeComesBack() {
    Message m = new Message("msg-1", T1, "conv-1", "cust-1", "OUTBOUND", "FAILED", "hi", "Bruno: hi", "+15145550100",
        "+15145550111", "carrier-1", new Message.Source("user", "user-b"), "user-b", "Bruno Tremblay", true, 2, "UCS2",
        null, "STOP", "T#x#y", "msg-0", T1, null, T2, null, T2, "landline", "A landline.", T2, "UNREACHABLE",
        "unreachable", "TEXT_UNREACHABLE", T2, 2, T2, 1, Keys.queuedSmsDue(T2, "msg-1"));
    assertEquals(m, roundTrip(m));
    Map<String, AttributeValue> item = TimelineMapper.toItem("acct", "conv-1", m);
    assertEquals(Keys.timelineSk(T1, "msg-1"), item.get("SK").s());
    assertEquals(Keys.QUEUED_SMS, item.get("GSI4PK").s());
    assertEquals("user", item.get("sourceType").s());
  }

  @Test
  void anInboundMessageComesBack() {
    Message m = Message.inbound("msg-1", T1, "conv-1", "cust-1", "STOP", "+15145550111", "+15145550100", "carrier-1",
        "STOP", T2);
    assertEquals(m, roundTrip(m));
    assertNull(TimelineMapper.toItem("acct", "conv-1", m).get("GSI4PK"), "only a QUEUED outbound message is on the sweep's list");
  }

  @Test
  void aMessageOfTheDemoDataReadsAsAUserSource() {
    Map<String, AttributeValue> item = new HashMap<>(TimelineMapper.toItem("acct", "conv-1",
        Message.inbound("msg-1", T1, "conv-1", "cust-1", "hi", "+1", "+2", null, null, T1)));
    item.put("direction", AttributeValue.fromS("OUTBOUND"));
    item.put("source", AttributeValue.fromS("app"));
    item.put("sentBy", AttributeValue.fromS("user-bruno"));
    Message m = TimelineMapper.messageOf(item);
    assertEquals(new Message.Source("user", "user-bruno"), m.source());
    assertEquals("user-bruno", m.senderUserId());
  }

  @Test
  void aNoteComesBack() {
    Note n = new Note("note-1", T1, "conv-1", "@chloe call him", "user-a", "Alice Martin", List.of("user-chloe"), T1);
    assertEquals(n, roundTrip(n));
    Note silent = new Note("note-2", T1, "conv-1", "no one", "user-a", null, List.of(), T1);
    assertEquals(silent, roundTrip(silent));
  }

  @Test
  void eventsComeBack() {
    ConversationEvent assigned = new ConversationEvent("asg-1", T1, "assigned", "conv-1", "system", null, T1,
        Assignee.user("user-b", "Bruno"), Assignee.team("team-1", "Service"), "previous-assignee", "away-delegate",
        "note-1", "job-1", null);
    assertEquals(assigned, roundTrip(assigned));
    ConversationEvent closed = ConversationEvent.statusChange("evt-1", T2, "closed", "user-a");
    assertEquals(closed, roundTrip(closed));
    ConversationEvent reopened = new ConversationEvent("msg-1-reopened", T1, "reopened", null, "customer", null, T2, null,
        null, null, null, null, null, "msg-1");
    assertEquals(reopened, roundTrip(reopened));
  }

  @Test
  void aComplianceEventComesBack() {
    ComplianceEvent c = new ComplianceEvent("msg-1-compliance", T1, "unsubscribed", "STOP", "en", "msg-1", "cust-1", T1,
        "FAILED", "msg-2", null, T2, "landline");
    assertEquals(c, roundTrip(c));
  }

  @Test
  void anItemOfAnotherTypeIsNoEntry() {
    Map<String, AttributeValue> item = Map.of("PK", AttributeValue.fromS("x"), "SK", AttributeValue.fromS("READ#u"),
        "type", AttributeValue.fromS("ReadState"));
    assertNull(TimelineMapper.fromItem(item));
  }
}
