package com.textinbox.shared.invoices;

import com.textinbox.shared.json.LowerCaseKeys;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/**
 * An invoice the company's DMS pushed (AP3), keyed by its number.
 *
 * @param amount a decimal as the DMS wrote it, normalized ({@code 149.90})
 * @param customerId the customer of {@code customerReference}, when the company has them
 * @param paidNotifiedAt when its {@code invoice.paid} notification event was sent (once: a second
 *     "paid" finds it set)
 */
public record Invoice(String number, String customerReference, String customerId, String roNumber, String amount,
    String currency, Status status, String paidAt, String paidNotifiedAt, String createdAt, String updatedAt) {

  public enum Status {
    OPEN, PAID, VOID;

    public String key() {
      return LowerCaseKeys.key(this);
    }

    public static Optional<Status> of(String key) {
      return LowerCaseKeys.byKey(values(), key);
    }
  }

  /** The amount in the currency's minor units (cents), as notification events carry it. */
  public long amountMinor() {
    int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    return new BigDecimal(amount).movePointRight(digits).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }

  /** Whether {@code before} already says all this one does (its {@code updatedAt} aside): a push that changes nothing. */
  public boolean sameAs(Invoice before) {
    return before != null && before.equals(new Invoice(number, customerReference, customerId, roNumber, amount, currency, status,
        paidAt, paidNotifiedAt, createdAt, before.updatedAt));
  }

  /** Paid now, and its notification not sent yet: the one moment {@code invoice.paid} goes out. */
  public boolean paidUnannounced() {
    return status == Status.PAID && paidNotifiedAt == null;
  }
}
