package com.textinbox.shared.store;

import java.util.List;

/**
 * A transaction DynamoDB cancelled, with the reason of each of its items in order ("None" for the
 * items that were fine, "ConditionalCheckFailed", "TransactionConflict"...). Stores turn it into
 * what it means for their aggregate; it carries no SDK type so rules and handlers may catch it.
 */
public final class TransactionCancelled extends RuntimeException {
  public static final String CONDITION_FAILED = "ConditionalCheckFailed";
  public static final String CONFLICT = "TransactionConflict";

  private final List<String> reasons;

  public TransactionCancelled(List<String> reasons, Throwable cause) {
    super("transaction cancelled: " + reasons, cause);
    this.reasons = List.copyOf(reasons);
  }

  /** The reason code of each item, in the order the items were written. */
  public List<String> reasons() {
    return reasons;
  }

  /** Whether the condition of the item at {@code index} failed. */
  public boolean conditionFailedAt(int index) {
    return index < reasons.size() && CONDITION_FAILED.equals(reasons.get(index));
  }

  /** Some condition failed, or another transaction touched an item at the same time: worth re-reading and trying again. */
  public boolean retryable() {
    return reasons.stream().anyMatch(r -> CONDITION_FAILED.equals(r) || CONFLICT.equals(r));
  }
}
