package com.textinbox.shared.users.store;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import java.time.Instant;

/** Every DynamoDB request about account items. */
public final class AccountStore {
  private final DynamoTable table;

  public AccountStore(DynamoTable table) {
    this.table = table;
  }

  /** The account, or null (one eventually consistent GetItem). */
  public Account get(String accountId) {
    return AccountMapper.fromItem(table.get(Keys.account(accountId), Keys.ACCOUNT_SK));
  }

  /** Writes the whole account item (seeding, tests). */
  public void put(Account account) {
    table.put(AccountMapper.toItem(account));
  }

  /**
   * Sets (or with null, clears) the company's default assignee (C4), noting when (one UpdateItem).
   * False when there is no such account.
   */
  public boolean setDefaultAssignee(String accountId, Assignee assignee, Instant at) {
    String update = assignee == null
        ? "SET " + AccountMapper.DEFAULT_ASSIGNEE_CHANGED_AT + " = :now REMOVE "
            + AccountMapper.DEFAULT_ASSIGNEE_KIND + ", " + AccountMapper.DEFAULT_ASSIGNEE_ID
        : "SET " + AccountMapper.DEFAULT_ASSIGNEE_KIND + " = :kind, " + AccountMapper.DEFAULT_ASSIGNEE_ID + " = :id, "
            + AccountMapper.DEFAULT_ASSIGNEE_CHANGED_AT + " = :now";
    Object[] values = assignee == null
        ? new Object[] {":now", Keys.time(at)}
        : new Object[] {":kind", assignee.kind(), ":id", assignee.id(), ":now", Keys.time(at)};
    return table.updateIf(b -> b.key(AccountMapper.key(accountId)).conditionExpression("attribute_exists(PK)")
        .updateExpression(update).expressionAttributeValues(DynamoTable.values(values)));
  }
}
