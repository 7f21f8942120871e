package com.textinbox.inbound;

import com.textinbox.shared.appointments.store.AppointmentStore;
import com.textinbox.shared.cache.ContainerCache;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.messaging.store.InboundSmsStore;
import com.textinbox.shared.reports.store.CounterStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.AccountCache;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The stores an inbound SMS is filed with, all on the one table (whose transactions combine their
 * writes), and what a warm container keeps of the rarely changing items (docs/decisions.md 63):
 * the company owning each number, and the accounts (name, help text, zone).
 */
record InboundStores(DynamoTable table, InboundSmsStore inbound, CustomerStore customers, ConversationStore conversations,
    AccountCache accounts, CounterStore counters, AppointmentStore appointments, ContainerCache<String, String> numberOwners) {

  static InboundStores on(DynamoTable table, Clock clock) {
    return new InboundStores(table, new InboundSmsStore(table), new CustomerStore(table), new ConversationStore(table),
        new AccountCache(new AccountStore(table), clock), new CounterStore(table), new AppointmentStore(table),
        ContainerCache.of(clock));
  }

  /**
   * The account owning a company number: read once a minute per number by a warm container. A
   * number moved to another company reaches it within the minute; an unknown number is read
   * every time (never kept), so a number registered a moment ago takes texts at once.
   */
  Optional<String> accountOwning(String companyNumber) {
    return Optional.ofNullable(numberOwners.get(companyNumber, number -> inbound.accountOwning(number).orElse(null)));
  }
}
