package com.textinbox.shared.invoices.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.invoices.Invoice;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Invoice items ({@code A#<acct>#INVOICE#<number>} / {@code INVOICE}, AP3): their attribute names, spelled once. */
public final class InvoiceMapper {
  static final String TYPE_VALUE = "Invoice";
  static final String NUMBER = "number", CUSTOMER_REFERENCE = "customerReference", CUSTOMER_ID = "customerId";
  static final String RO_NUMBER = "roNumber", AMOUNT = "amount", CURRENCY = "currency", STATUS = "status";
  static final String PAID_AT = "paidAt", PAID_NOTIFIED_AT = "paidNotifiedAt", CREATED_AT = "createdAt";
  static final String UPDATED_AT = "updatedAt";

  private InvoiceMapper() {}

  public static Map<String, AttributeValue> toItem(String accountId, Invoice i) {
    ItemBuilder item = ItemBuilder.item(Keys.invoice(accountId, i.number()), Keys.INVOICE_SK, TYPE_VALUE)
        .str(NUMBER, i.number()).str(CUSTOMER_REFERENCE, i.customerReference()).str(CUSTOMER_ID, i.customerId())
        .str(RO_NUMBER, i.roNumber()).str(AMOUNT, i.amount()).str(CURRENCY, i.currency()).str(STATUS, i.status().key())
        .str(PAID_AT, i.paidAt()).str(PAID_NOTIFIED_AT, i.paidNotifiedAt()).str(CREATED_AT, i.createdAt())
        .str(UPDATED_AT, i.updatedAt());
    if (i.customerId() != null) {
      item.index(Table.GSI2PK, Keys.invoicesOfCustomer(accountId, i.customerId()), Table.GSI2SK,
          Keys.activitySk(i.createdAt(), i.number()));
    }
    return item.build();
  }

  public static Invoice fromItem(Map<String, AttributeValue> item) {
    ItemReader r = ItemReader.of(item);
    return new Invoice(r.str(NUMBER), r.str(CUSTOMER_REFERENCE), r.str(CUSTOMER_ID), r.str(RO_NUMBER), r.str(AMOUNT),
        r.str(CURRENCY), Invoice.Status.of(r.str(STATUS)).orElse(Invoice.Status.OPEN), r.str(PAID_AT),
        r.str(PAID_NOTIFIED_AT), r.str(CREATED_AT), r.str(UPDATED_AT));
  }

  static boolean isInvoice(Map<String, AttributeValue> item) {
    return item != null && !item.isEmpty() && TYPE_VALUE.equals(ItemReader.of(item).type());
  }
}
