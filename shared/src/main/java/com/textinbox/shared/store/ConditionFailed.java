package com.textinbox.shared.store;

/** A single conditional write found the item not as expected; nothing was changed. */
public final class ConditionFailed extends RuntimeException {
  public ConditionFailed(Throwable cause) {
    super("condition failed", cause);
  }
}
