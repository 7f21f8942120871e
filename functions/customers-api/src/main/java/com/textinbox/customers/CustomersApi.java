package com.textinbox.customers;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.AccountStore;
import com.textinbox.shared.users.store.TeamStore;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;

/**
 * API of the company's customers: profiles and their numbers (P1, P2), the lists (all, without a
 * mobile, unsubscribed; a name prefix), a customer's conversations, and staff unsubscribe (P6:
 * only the customer resubscribes, by texting START). Admins and users; free users get 403.
 * Wiring: template.yaml, function CustomersApi.
 */
public final class CustomersApi extends ApiHandler {
  public CustomersApi() {
    this(DynamoTable.fromEnvironment(), Clock.systemUTC(), Env.optional("DEFAULT_PHONE_REGION", "US"));
  }

  /** @param fallbackRegion where numbers without a country code are read when the company has no number */
  public CustomersApi(DynamoTable table, Clock clock, String fallbackRegion) {
    CustomerStore customers = new CustomerStore(table);
    ConversationStore conversations = new ConversationStore(table);
    ProfileRoutes profiles = new ProfileRoutes(customers, new AccountStore(table), clock, fallbackRegion);
    UserStore users = new UserStore(table);
    ListRoutes lists = new ListRoutes(table, customers, conversations, users, new TeamStore(table));
    SubscriptionRoutes subscriptions = new SubscriptionRoutes(table, customers, conversations, users, clock);
    route("GET", "/customers", lists::list);
    route("POST", "/customers", profiles::create);
    route("GET", "/customers/{customerId}", profiles::get);
    route("PATCH", "/customers/{customerId}", profiles::patch);
    route("GET", "/customers/{customerId}/conversations", lists::conversations);
    route("GET", "/customers/{customerId}/merges", profiles::merges);
    route("POST", "/customers/{customerId}/unsubscribe", subscriptions::unsubscribe);
    route("POST", "/customers/{customerId}/resubscribe", subscriptions::resubscribe);
    route("POST", "/conversations/{conversationId}/unsubscribe-customer", subscriptions::unsubscribeFromConversation);
    route("POST", "/customers/unsubscribe", subscriptions::unsubscribeMany);
  }
}
