package com.textinbox.shared.invoices;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.CustomerRules;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.events.EventQueue;
import com.textinbox.shared.invoices.store.InvoiceStore;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.notifications.NotificationEvent;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DMS's invoices (AP3): {@code PUT /integration/invoices/{number}} writes one ({@link InvoiceInput}: a
 * 400 or 404 naming the field), and an invoice that becomes paid sends exactly one
 * {@code invoice.paid} notification event (category invoice; its email has a "View invoice"
 * link) to the assignee of the customer's conversation and to the company's admins. Once: the
 * event's id is derived from the invoice ({@code invoice-paid:<number>}, the dispatcher dedupes on
 * it), it is sent while the invoice is not marked announced, then {@link InvoiceStore#markPaidNotified}
 * marks it; a crash between the two sends the same event again on the DMS's retry (deduped), and a
 * second "paid" push finds the mark and sends nothing. The same body pushed again writes nothing
 * (as the DMS's customer PUT: compared with what is stored, skipped when equal).
 */
public record InvoiceBook(InvoiceStore invoices, CustomerStore customers,
    ConversationStore conversations, UserStore users, EventQueue notifications, Clock clock) {

  public static InvoiceBook on(DynamoTable table, EventQueue notifications, Clock clock) {
    return new InvoiceBook(new InvoiceStore(table), new CustomerStore(table),
        new ConversationStore(table), new UserStore(table), notifications, clock);
  }

  /** What a push did: the invoice as stored, whether it was new, whether this push announced it paid. */
  public record Written(Invoice invoice, boolean created, boolean announcedPaid) {}

  /** Writes the invoice {@code input} names (its customer, by reference, must exist: 404 naming it). */
  public Written put(String accountId, InvoiceInput input) {
    String number = input.number();
    String reference = input.customerReference();
    String customerId = customers.customerIdByReference(accountId, reference)
        .orElseThrow(() -> CustomerRules.unknownReference(reference));

    String now = Keys.time(clock.instant());
    var existing = invoices.find(accountId, number);
    Invoice before = existing.orElse(null);
    String paidAt = input.status() != Invoice.Status.PAID ? null
        : before != null && before.paidAt() != null ? before.paidAt() : now;
    Invoice invoice = new Invoice(number, reference, customerId, input.roNumber(), input.amount(), input.currency(),
        input.status(), paidAt, before == null ? null : before.paidNotifiedAt(), before == null ? now : before.createdAt(), now);
    if (invoice.sameAs(before)) {
      invoice = before;   // the same push again: nothing to write (a paid one not yet announced still is, below)
    } else {
      invoices.put(accountId, invoice);
    }
    boolean announced = invoice.paidUnannounced();
    if (announced) {
      notifyPaid(accountId, invoice, now);
      invoices.markPaidNotified(accountId, number, now);
    }
    return new Written(invoice, before == null, announced);
  }

  private void notifyPaid(String accountId, Invoice invoice, String at) {
    Set<String> recipients = new LinkedHashSet<>();
    CustomerProfile profile = invoice.customerId() == null ? null : customers.find(accountId, invoice.customerId()).orElse(null);
    Conversation conversation = profile == null || profile.activeConversationId() == null ? null
        : conversations.find(accountId, profile.activeConversationId()).orElse(null);
    if (conversation != null && conversation.assignee() != null && Assignee.USER.equals(conversation.assignee().kind())) {
      recipients.add(conversation.assignee().id());
    }
    users.ofAccount(accountId).stream().filter(u -> u.role() == Role.ADMIN).map(User::userId).forEach(recipients::add);
    if (recipients.isEmpty()) {
      return;
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", "invoice-paid:" + invoice.number());
    event.put("type", NotificationEvent.INVOICE_PAID);
    event.put("accountId", accountId);
    event.put("at", at);
    event.put("invoiceId", invoice.number());
    event.put("customerId", invoice.customerId());
    event.put("amount", invoice.amountMinor());
    event.put("currency", invoice.currency());
    event.put("recipientUserIds", List.copyOf(recipients));
    notifications.send("invoice-paid:" + invoice.number(), NotificationEvent.INVOICE_PAID, Json.write(event));
  }
}
