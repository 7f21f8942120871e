package com.textinbox.shared.messaging;

import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.UserStore;

/** The stores an outbound message is written with, all on the one table (whose transactions combine their writes). */
public record OutboundStores(DynamoTable table, ConversationStore conversations, CustomerStore customers, UserStore users) {

  public static OutboundStores on(DynamoTable table) {
    return new OutboundStores(table, new ConversationStore(table), new CustomerStore(table), new UserStore(table));
  }
}
