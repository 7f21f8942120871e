package com.textinbox.shared.users.store;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.users.Account;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The account item ({@code A#<acct>} / {@code ACCOUNT}): the one place its attribute names are spelled. */
public final class AccountMapper {
  static final String TYPE = "Account";
  static final String NAME = "name";
  /** The company's phone number: its texts leave from it (SmsSender). */
  static final String NUMBER = "number";
  static final String LANGUAGE = "language";
  static final String HELP_TEXT = "helpText";
  static final String UNANSWERED_AFTER_HOURS = "unansweredAfterHours";
  // C4: USER or TEAM, its id, and when an admin last changed it
  static final String DEFAULT_ASSIGNEE_KIND = "defaultAssigneeKind", DEFAULT_ASSIGNEE_ID = "defaultAssigneeId",
      DEFAULT_ASSIGNEE_CHANGED_AT = "defaultAssigneeChangedAt";
  static final String TIME_ZONE = "timeZone";

  private AccountMapper() {}

  public static Map<String, AttributeValue> key(String accountId) {
    return DynamoTable.key(Keys.account(accountId), Keys.ACCOUNT_SK);
  }

  public static Map<String, AttributeValue> toItem(Account account) {
    Assignee assignee = account.defaultAssignee();
    return ItemBuilder.item(Keys.account(account.accountId()), Keys.ACCOUNT_SK, TYPE)
        .str(NAME, account.name())
        .str(NUMBER, account.number())
        .str(LANGUAGE, account.language())
        .str(HELP_TEXT, account.helpText())
        .num(UNANSWERED_AFTER_HOURS, account.unansweredAfterHours())
        .str(DEFAULT_ASSIGNEE_KIND, assignee == null ? null : assignee.kind())
        .str(DEFAULT_ASSIGNEE_ID, assignee == null ? null : assignee.id())
        .time(DEFAULT_ASSIGNEE_CHANGED_AT, account.defaultAssigneeChangedAt())
        .str(TIME_ZONE, account.timeZone())
        .build();
  }

  /** The account of an item, or null for no item. */
  public static Account fromItem(Map<String, AttributeValue> item) {
    return item == null ? null : read(ItemReader.of(item));
  }

  private static Account read(ItemReader r) {
    String kind = r.str(DEFAULT_ASSIGNEE_KIND);
    String id = r.str(DEFAULT_ASSIGNEE_ID);
    Long hours = r.num(UNANSWERED_AFTER_HOURS);
    return new Account(AccountPartition.accountIdOf(r), r.str(NAME), r.str(NUMBER), r.str(LANGUAGE),
        r.str(HELP_TEXT), hours == null ? null : hours.intValue(),
        kind == null || id == null || Assignee.kindOf(kind) == null ? null : new Assignee(Assignee.kindOf(kind), id, null),
        r.time(DEFAULT_ASSIGNEE_CHANGED_AT), r.str(TIME_ZONE));
  }

  /** Whether an item read from the account partition is the account item. */
  public static boolean isAccount(Map<String, AttributeValue> item) {
    return AccountPartition.skStartsWith(item, Keys.ACCOUNT_SK);
  }
}
