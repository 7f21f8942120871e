package com.textinbox.customers;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.Cursors;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ReadState;
import com.textinbox.shared.conversations.ConversationView;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.customers.CustomerView;
import com.textinbox.shared.customers.NameKey;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.customers.store.CustomerStore.ListFilter;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Page;
import com.textinbox.shared.users.Team;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.TeamStore;
import com.textinbox.shared.users.store.UserStore;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** GET /customers (the lists) and GET /customers/{customerId}/conversations. */
record ListRoutes(DynamoTable table, CustomerStore customers, ConversationStore conversations, UserStore users,
    TeamStore teams, Cursors cursors) {
  static final int DEFAULT_LIMIT = 25;   // at most 100: the route's schema (docs/openapi.yaml)
  /** At most this many conversations of one customer are listed (one query). */
  static final int MAX_CONVERSATIONS = 100;

  /** One page of the company's customers by name: {@code filter}, {@code q}, {@code from}/{@code to}, {@code limit}, {@code cursor}. */
  ApiResponse list(ApiRequest request) {
    ListFilter filter = filter(request.query("filter"));
    String q = request.query("q");
    if (q != null && q.length() > CustomerRules.MAX_NAME) {
      throw ApiError.invalid("q", "'q' is at most " + CustomerRules.MAX_NAME + " characters.");
    }
    String from = date(request, "from", filter);
    String to = date(request, "to", filter);
    if (from != null && to != null && from.compareTo(to) > 0) {
      throw ApiError.invalid("from", "'from' is on or before 'to'.");
    }
    Page<CustomerProfile> page;
    try {
      page = customers.list(request.caller().accountId(), filter, q == null ? null : NameKey.prefix(q), from, to,
          cursors.decode(request), request.intQuery("limit", DEFAULT_LIMIT));
    } catch (IllegalArgumentException notThisList) {
      throw ApiError.invalid("cursor", "The cursor is not one this list gave.");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customers", page.items().stream().map(CustomerView::of).toList());
    body.put("nextCursor", cursors.encode(request, page.nextCursor()));
    return ApiResponse.ok(body);
  }

  /**
   * The customer's active conversation and the archived ones (newest first), each readable through
   * GET /conversations/{id}; with the caller's unread flag and the assignee's name (one BatchGetItem).
   */
  ApiResponse conversations(ApiRequest request) {
    CustomerProfile profile = Ids.customer(customers, request);
    String accountId = request.caller().accountId();
    List<Conversation> all = conversations.ofCustomer(accountId, profile.customerId(), MAX_CONVERSATIONS);
    BatchRead batch = BatchRead.of(table);
    Map<String, BatchRead.Slot<ReadState>> readStates = new HashMap<>();
    Map<String, Supplier<String>> assigneeNames = new HashMap<>();
    for (Conversation c : all) {
      readStates.put(c.conversationId(), conversations.readState(batch, accountId, c.conversationId(), request.caller().userId()));
      if (c.assigned()) {
        assigneeNames.computeIfAbsent(c.assignee().kind() + c.assignee().id(), key -> assigneeName(batch, accountId, c.assignee()));
      }
    }
    batch.run();
    Map<String, Object> active = null;
    List<Map<String, Object>> archived = new ArrayList<>();
    for (Conversation c : all) {
      ReadState read = readStates.get(c.conversationId()).get();
      ConversationView.Context context = new ConversationView.Context(profile,
          c.assigned() ? assigneeNames.get(c.assignee().kind() + c.assignee().id()).get() : null,
          ReadState.unread(c.lastInboundAt(), read == null ? null : read.readAt()), false, false, null);
      if (c.conversationId().equals(profile.activeConversationId())) {
        active = ConversationView.detail(c, context);
      } else {
        archived.add(ConversationView.detail(c, context));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("active", active);
    body.put("archived", archived);
    return ApiResponse.ok(body);
  }

  /** The assignee's name once the batch has run (null when they are gone). */
  private Supplier<String> assigneeName(BatchRead batch, String accountId, Assignee assignee) {
    if (assignee.isUser()) {
      BatchRead.Slot<User> user = users.find(batch, accountId, assignee.id());
      return () -> user.get() == null ? null : user.get().name();
    }
    BatchRead.Slot<Team> team = teams.find(batch, accountId, assignee.id());
    return () -> team.get() == null ? null : team.get().name();
  }

  static ListFilter filter(String value) {
    if (value == null || value.equals("all")) {
      return ListFilter.ALL;
    }
    return switch (value) {
      case "no-mobile" -> ListFilter.NO_MOBILE;
      case "unsubscribed" -> ListFilter.UNSUBSCRIBED;
      default -> throw ApiError.invalid("filter", "'filter' is all, no-mobile or unsubscribed.");
    };
  }

  private static String date(ApiRequest request, String name, ListFilter filter) {
    String value = request.query(name);
    if (value == null) {
      return null;
    }
    if (filter != ListFilter.UNSUBSCRIBED) {
      throw ApiError.invalid(name, "'" + name + "' goes with filter=unsubscribed (when they unsubscribed).");
    }
    try {
      return LocalDate.parse(value).toString();
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(name, "'" + name + "' is a date such as 2026-11-01.");
    }
  }

}
