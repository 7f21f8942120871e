package com.textinbox.shared.conversations;

/**
 * A company's automatic closing of inactive conversations (C6; seed 001: off by default, 1 to 15
 * days). Kept on the account item; while {@code enabled}, the item is in the sparse list
 * {@code DUE#AUTO_CLOSE} that the AutoClose function reads.
 *
 * @param days after how many days (24-hour periods) without a message a conversation closes
 * @param closeUnanswered close a conversation whose last message is the customer's, unanswered
 *     (default false: closing it would hide a customer who is waiting)
 * @param updatedAt when an admin last saved it; {@code updatedBy} who (null: never saved)
 */
public record AutoCloseSetting(boolean enabled, int days, boolean closeUnanswered, String updatedAt, String updatedBy) {
  public static final int MIN_DAYS = 1, MAX_DAYS = 15;
  /** What a company that never chose shows (off). */
  public static final int DEFAULT_DAYS = 7;

  public static AutoCloseSetting off() {
    return new AutoCloseSetting(false, DEFAULT_DAYS, false, null, null);
  }

  public static boolean validDays(int days) {
    return days >= MIN_DAYS && days <= MAX_DAYS;
  }
}
