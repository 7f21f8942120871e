package com.textinbox.shared.conversations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ReadState;
import com.textinbox.shared.data.Keys;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ConversationMapperTest {
  private static final String T1 = "2026-11-21T14:03:00.120Z";
  private static final String T2 = "2026-11-21T15:00:00.000Z";

  @Test
  void everyAttributeComesBack() {
    Conversation c = new Conversation("conv-1", "cust-1", "OPEN", T1, "user-a", "carrier-1", T2, "msg-2", "hi",
        "INBOUND", T2, T1, 3, T2, new Assignee("TEAM", "team-1", null), T1, "user-a", "asg-1", "evt-1", "user-b", T1,
        T1, "user-c", T2, "user-d", 7);
    assertEquals(c, ConversationMapper.fromItem(ConversationMapper.toItem("acct", c)));
  }

  @Test
  void indexKeysFollowTheConversation() {
    Conversation c = new Conversation("conv-1", "cust-1", "CLOSED", T1, null, null, T2, null, null, null, null, null, 0,
        T1, Assignee.user("user-a", null), null, null, null, null, null, null, null, null, null, null, 0);
    Map<String, AttributeValue> item = ConversationMapper.toItem("acct", c);
    assertEquals(Keys.conversation("acct", "conv-1"), item.get("PK").s());
    assertEquals(Keys.assigneeList("acct", "USER", "user-a", "CLOSED"), item.get("GSI1PK").s());
    assertEquals(Keys.activitySk(T2, "conv-1"), item.get("GSI1SK").s());
    assertEquals(Keys.conversationsOfCustomer("acct", "cust-1"), item.get("GSI2PK").s());
    assertEquals(T1, item.get("GSI2SK").s());
    assertEquals(Keys.conversationsByStatus("acct", "CLOSED"), item.get("GSI3PK").s());
    assertEquals(Keys.unansweredConversations("acct"), item.get("GSI4PK").s());
    assertEquals(Keys.activitySk(T1, "conv-1"), item.get("GSI4SK").s());
    assertFalse(item.containsKey("messageCount"), "a new conversation has no count yet");
    assertFalse(item.containsKey("version"), "nor a version: absent until its first update (docs/decisions.md 49)");
  }

  @Test
  void anUnassignedAnsweredConversationIsInNoAssigneeOrUnansweredList() {
    Conversation c = Conversation.opened("conv-1", "cust-1", T1, T1, "user-a", null);
    Map<String, AttributeValue> item = ConversationMapper.toItem("acct", c);
    assertNull(item.get("GSI1PK"));
    assertNull(item.get("GSI4PK"));
    assertEquals(c, ConversationMapper.fromItem(item));
  }

  @Test
  void readStateComesBack() {
    ReadState state = new ReadState("conv-1", "user-a", T1);
    assertEquals(state, ConversationMapper.readStateOf("acct", ConversationMapper.readStateItem("acct", state)));
  }
}
