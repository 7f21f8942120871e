package com.textinbox.shared.users;

import com.textinbox.shared.assignment.Assignee;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A company (docs/data-model.md, "Items": {@code A#<acct>} / {@code ACCOUNT}).
 *
 * @param number the company's phone number, the one its texts leave from
 * @param language the company's language ({@code en}, {@code fr}), may be null
 * @param helpText the company's answer to HELP, null for the default
 * @param unansweredAfterHours after how many hours a customer message counts as unanswered, null for the default
 * @param defaultAssignee who gets a new conversation with no previous assignee (C4), without a name; null for nobody
 * @param defaultAssigneeChangedAt when the default assignee was last set or cleared
 * @param timeZone the company's IANA time zone (appointment days, monthly counters and reports), null for
 *     {@link #DEFAULT_TIME_ZONE}
 */
public record Account(String accountId, String name, String number, String language, String helpText,
    Integer unansweredAfterHours, Assignee defaultAssignee, Instant defaultAssigneeChangedAt, String timeZone) {

  /** The zone of a company that never chose one: the product's first customers are in Eastern Canada. */
  public static final String DEFAULT_TIME_ZONE = "America/Toronto";

  public static Account named(String accountId, String name) {
    return new Account(accountId, name, null, null, null, null, null, null, null);
  }

  /** The company's time zone: where its days and months begin. */
  public ZoneId zone() {
    return ZoneId.of(timeZone == null ? DEFAULT_TIME_ZONE : timeZone);
  }

  /** The company's zone; the default one when the account is not there (read as null). */
  public static ZoneId zoneOf(Account account) {
    return account == null ? ZoneId.of(DEFAULT_TIME_ZONE) : account.zone();
  }
}
