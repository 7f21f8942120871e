package com.textinbox.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.customers.CustomerView;
import com.textinbox.shared.customers.NameKey;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.customers.store.CustomerStore.ListFilter;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Page;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff unsubscribe (P6): from the profile, from a conversation, from the list. Immediate: one
 * transaction unsubscribes the profile (on the unsubscribed list, {@code unsubscribedBy} the user)
 * and puts an {@code unsubscribed} event, with who did it, in the customer's active conversation.
 * Sending to them is then refused (409) as after STOP. Only the customer resubscribes, by texting
 * START: a staff attempt is a 403 that says so.
 *
 * <p>From the list: by ids, or every customer of a filter, synchronously and bounded to
 * {@link #MAX_AT_ONCE} customers (a larger selection is a 400 asking to narrow it): staff
 * unsubscribe customers one by one or a handful at a time, and a bound keeps the call short.
 */
record SubscriptionRoutes(DynamoTable table, CustomerStore customers, ConversationStore conversations, UserStore users,
    Clock clock) {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRoutes.class);
  static final int MAX_AT_ONCE = 100;
  ApiResponse unsubscribe(ApiRequest request) {
    return answer(unsubscribe(request.caller(), Ids.customer(customers, request)));
  }

  ApiResponse unsubscribeFromConversation(ApiRequest request) {
    String accountId = request.caller().accountId();
    String conversationId = request.pathParameters().get("conversationId");
    Conversation conversation = Ids.plausible(conversationId) ? conversations.find(accountId, conversationId).orElse(null) : null;
    if (conversation == null || conversation.customerId() == null) {
      throw ApiError.notFound("The conversation");
    }
    return answer(unsubscribe(request.caller(), Ids.customer(customers, accountId, conversation.customerId())));
  }

  /** Always a 403 for a customer of the company (404 otherwise): P6. */
  ApiResponse resubscribe(ApiRequest request) {
    Ids.customer(customers, request);
    throw new ApiError(403, "only_the_customer_resubscribes", CustomerRules.ONLY_THE_CUSTOMER, null);
  }

  /** {@code {"customerIds": [...]}} or {@code {"filter": "all"|"no-mobile", "q": "..."}}, at most 100 customers. */
  ApiResponse unsubscribeMany(ApiRequest request) {
    JsonNode body = request.json();   // an object of the route's fields only: its schema was checked first (decision 55)
    String accountId = request.caller().accountId();
    List<CustomerProfile> selected = body.has("customerIds") ? byIds(accountId, body) : byFilter(accountId, body);
    int unsubscribed = 0;
    for (CustomerProfile profile : selected) {
      if (unsubscribe(request.caller(), profile).changed()) {
        unsubscribed++;
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("selected", selected.size());
    answer.put("unsubscribed", unsubscribed);
    answer.put("alreadyUnsubscribed", selected.size() - unsubscribed);
    return ApiResponse.ok(answer);
  }

  private List<CustomerProfile> byIds(String accountId, JsonNode body) {
    if (body.has("filter") || body.has("q")) {
      throw ApiError.invalid("customerIds", "Give customerIds, or filter and q, not both.");
    }
    JsonNode ids = body.get("customerIds");
    if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_AT_ONCE) {
      throw ApiError.invalid("customerIds", "'customerIds' is a list of 1 to " + MAX_AT_ONCE + " customer ids.");
    }
    Set<String> requested = new LinkedHashSet<>();
    for (JsonNode id : ids) {
      if (!id.isTextual()) {
        throw ApiError.invalid("customerIds", "'customerIds' holds customer ids (text).");
      }
      requested.add(id.asText());
    }
    List<String> wanted = requested.stream().filter(Ids::plausible).toList();
    List<CustomerProfile> found = wanted.isEmpty() ? List.of() : customers.findAll(accountId, wanted);
    if (found.size() < requested.size()) {
      // one list, one answer: unsubscribe none when some id is not a customer of the company
      throw ApiError.notFound("Some of these customers");
    }
    return found;
  }

  private List<CustomerProfile> byFilter(String accountId, JsonNode body) {
    JsonNode filterNode = body.get("filter");
    JsonNode qNode = body.get("q");
    if (filterNode == null || !filterNode.isTextual()) {
      throw ApiError.invalid("filter", "Give customerIds, or a filter (all, no-mobile) with an optional q.");
    }
    if (qNode != null && !qNode.isNull() && !qNode.isTextual()) {
      throw ApiError.invalid("q", "'q' must be text.");
    }
    ListFilter filter = ListRoutes.filter(filterNode.asText());
    if (filter == ListFilter.UNSUBSCRIBED) {
      throw ApiError.invalid("filter", "Those customers are unsubscribed already.");
    }
    String q = qNode == null || qNode.isNull() ? null : NameKey.prefix(qNode.asText());
    List<CustomerProfile> selected = new ArrayList<>();
    String cursor = null;
    do {
      Page<CustomerProfile> page = customers.list(accountId, filter, q, null, null, cursor, MAX_AT_ONCE + 1);
      selected.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null && selected.size() <= MAX_AT_ONCE);
    if (selected.size() > MAX_AT_ONCE) {
      throw new ApiError(400, "too_many", "This selection has more than " + MAX_AT_ONCE
          + " customers: narrow it (q) or unsubscribe by ids.", "filter");
    }
    return selected;
  }

  private record Outcome(boolean changed, CustomerProfile profile) {}

  /**
   * Unsubscribes now, with the timeline event in the active conversation, in one transaction;
   * a customer unsubscribed already is left as is ({@code changed: false}).
   */
  private Outcome unsubscribe(Caller caller, CustomerProfile profile) {
    if (!profile.subscribed()) {
      return new Outcome(false, profile);
    }
    String accountId = caller.accountId();
    String at = Keys.time(clock.instant());
    User user = users.get(accountId, caller.userId());
    List<Write> writes = new ArrayList<>();
    writes.add(customers.staffUnsubscribeWrite(accountId, profile.customerId(), at, caller.userId()));
    String conversationId = profile.activeConversationId();
    if (conversationId != null) {
      writes.add(conversations.appendWrite(accountId, conversationId, new ConversationEvent("evt-" + UUID.randomUUID(), at,
          ConversationEvent.UNSUBSCRIBED, conversationId, caller.userId(), user == null ? null : user.name(), at,
          null, null, null, null, null, null, null)));
    }
    try {
      table.transact(writes);
    } catch (TransactionCancelled alreadyOrGone) {
      // unsubscribed meanwhile (a STOP, another user): nothing to do; deleted meanwhile: 404
      CustomerProfile now = Ids.customer(customers, accountId, profile.customerId());
      return new Outcome(false, now);
    }
    LOG.info("customer {} unsubscribed by {}", profile.customerId(), caller.userId());
    return new Outcome(true, customers.find(accountId, profile.customerId()).orElse(profile));
  }

  private static ApiResponse answer(Outcome outcome) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("changed", outcome.changed());
    body.put("customer", CustomerView.of(outcome.profile()));
    return ApiResponse.ok(body);
  }
}
