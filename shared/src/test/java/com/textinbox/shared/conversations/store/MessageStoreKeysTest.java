package com.textinbox.shared.conversations.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sweep's list holds every account's messages: the account comes from the message's key (moved from QueuedSmsSweepHandlerTest). */
class MessageStoreKeysTest {
  @Test
  void theAccountIsReadFromTheConversationsKey() {
    assertEquals("acct-a#b", MessageStore.accountOf(Map.of(Table.PK, AttributeValue.fromS(Keys.conversation("acct-a#b", "conv-1")),
        "conversationId", AttributeValue.fromS("conv-1"))));
  }

  @Test
  void aKeyThatIsNotTheConversationsIsRefused() {
    assertThrows(IllegalStateException.class, () -> MessageStore.accountOf(Map.of(
        Table.PK, AttributeValue.fromS(Keys.conversation("acct-a", "conv-2")), "conversationId", AttributeValue.fromS("conv-1"))));
  }
}
