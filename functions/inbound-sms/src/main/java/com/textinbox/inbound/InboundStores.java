package com.textinbox.inbound;

import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.messaging.store.InboundSmsStore;
import com.textinbox.shared.reports.store.CounterStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.AccountStore;

/** The stores an inbound SMS is filed with, all on the one table (whose transactions combine their writes). */
record InboundStores(DynamoTable table, InboundSmsStore inbound, CustomerStore customers, ConversationStore conversations,
    AccountStore accounts, CounterStore counters) {

  static InboundStores on(DynamoTable table) {
    return new InboundStores(table, new InboundSmsStore(table), new CustomerStore(table), new ConversationStore(table),
        new AccountStore(table), new CounterStore(table));
  }
}
