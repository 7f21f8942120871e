package com.textinbox.shared.users;

import com.textinbox.shared.assignment.Assignee;
import java.time.Instant;

/**
 * A company (docs/data-model.md, "Items": {@code A#<acct>} / {@code ACCOUNT}).
 *
 * @param number the company's phone number, the one its texts leave from
 * @param language the company's language ({@code en}, {@code fr}), may be null
 * @param helpText the company's answer to HELP, null for the default
 * @param unansweredAfterHours after how many hours a customer message counts as unanswered, null for the default
 * @param defaultAssignee who gets a new conversation with no previous assignee (C4), without a name; null for nobody
 * @param defaultAssigneeChangedAt when the default assignee was last set or cleared
 */
public record Account(String accountId, String name, String number, String language, String helpText,
    Integer unansweredAfterHours, Assignee defaultAssignee, Instant defaultAssigneeChangedAt) {

  public static Account named(String accountId, String name) {
    return new Account(accountId, name, null, null, null, null, null, null);
  }
}
