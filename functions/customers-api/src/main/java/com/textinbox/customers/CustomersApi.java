package com.textinbox.customers;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.Cursors;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.store.AttributeDefinitionStore;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.jobs.store.CustomerDeletionJobStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.store.AccountCache;
import com.textinbox.shared.users.store.AccountStore;
import com.textinbox.shared.users.store.TeamStore;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * API of the company's customers: profiles and their numbers (P1, P2), custom attributes (P3: the
 * company's definitions, a customer's values; {@link CustomerAttributeRoutes}), the lists (all, without a
 * mobile, unsubscribed; a name prefix), a customer's conversations, and staff unsubscribe (P6:
 * only the customer resubscribes, by texting START), and deleting a customer (P5: {@link DeleteRoutes}).
 * Admins and users; free users get 403.
 * Wiring: template.yaml, function CustomersApi.
 */
public final class CustomersApi extends ApiHandler {
  public CustomersApi() {
    this(DynamoTable.fromEnvironment(), Clock.systemUTC(), Env.optional("DEFAULT_PHONE_REGION", "US"),
        // sent before the deletion's transaction (DeleteRoutes): a few seconds' delay keeps it behind the commit
        EventQueue.sqs(AwsClients.lazy(SqsClient::builder, "SQS"), Env.require("CUSTOMER_DELETION_QUEUE_URL"),
            DeleteRoutes.MESSAGE_DELAY_SECONDS),
        Cursors.fromEnvironment());
  }

  /**
   * @param fallbackRegion where numbers without a country code are read when the company has no number
   * @param deletions the CustomerDeletionQueue (the work of customer deletion jobs, P5)
   * @param cursors the list's cursor codec (the stage's key)
   */
  public CustomersApi(DynamoTable table, Clock clock, String fallbackRegion, EventQueue deletions, Cursors cursors) {
    CustomerStore customers = new CustomerStore(table);
    ConversationStore conversations = new ConversationStore(table);
    AttributeDefinitionStore definitions = new AttributeDefinitionStore(table);
    ProfileRoutes profiles = new ProfileRoutes(customers, new AccountCache(new AccountStore(table), clock), definitions, clock, fallbackRegion);
    CustomerAttributeRoutes attributes = new CustomerAttributeRoutes(definitions, customers, clock);
    UserStore users = new UserStore(table);
    ListRoutes lists = new ListRoutes(table, customers, conversations, users, new TeamStore(table), cursors);
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
    DeleteRoutes deletes = new DeleteRoutes(table, customers, conversations, new CustomerDeletionJobStore(table), deletions, clock);
    route("DELETE", "/customers/{customerId}", deletes::delete);
    route("GET", "/customer-deletions/{jobId}", deletes::get);
    route("GET", "/settings/customer-attributes", attributes::getDefinitions);
    route("PUT", "/settings/customer-attributes", attributes::putDefinitions);
    route("PATCH", "/customers/{customerId}/attributes", attributes::patchValues);
  }
}
