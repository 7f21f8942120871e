package com.textinbox.shared.invoices.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.invoices.Invoice;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Query;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Invoices (AP3). A push replaces the invoice's fields but never its {@code paidNotifiedAt}, which
 * only {@link #markPaidNotified} sets (conditionally: the first caller wins), so a paid invoice is
 * announced once, whatever the number of pushes that say it is paid.
 */
public record InvoiceStore(DynamoTable table) {

  public Optional<Invoice> find(String accountId, String number) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.invoice(accountId, number), Keys.INVOICE_SK);
    return InvoiceMapper.isInvoice(item) ? Optional.of(InvoiceMapper.fromItem(item)) : Optional.empty();
  }

  /** Writes the invoice as pushed (one UpdateItem of its fields): {@code paidNotifiedAt} is never touched here. */
  public void put(String accountId, Invoice invoice) {
    Map<String, AttributeValue> item = InvoiceMapper.toItem(accountId, invoice);
    ItemUpdate update = ItemUpdate.of();
    item.forEach((name, value) -> {
      if (!name.equals(Table.PK) && !name.equals(Table.SK) && !name.equals(InvoiceMapper.PAID_NOTIFIED_AT)) {
        update.set(name, value);
      }
    });
    update.apply(table, Keys.invoice(accountId, invoice.number()), Keys.INVOICE_SK);
  }

  /** True for the one caller that marks it announced (the one that then sends {@code invoice.paid}). */
  public boolean markPaidNotified(String accountId, String number, String at) {
    return table.updateIf(b -> ItemUpdate.of().set(InvoiceMapper.PAID_NOTIFIED_AT, at)
        .condition("attribute_not_exists(" + InvoiceMapper.PAID_NOTIFIED_AT + ")")
        .applyTo(b, Keys.invoice(accountId, number), Keys.INVOICE_SK));
  }

  /** A customer's invoices, newest first (GSI2), up to {@code limit}. */
  public List<Invoice> ofCustomer(String accountId, String customerId, int limit) {
    return table.query(Query.gsi(2, Keys.invoicesOfCustomer(accountId, customerId)).newestFirst().limit(limit)).items()
        .stream().map(InvoiceMapper::fromItem).toList();
  }
}
