package com.textinbox.shared.assignment.store;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.DirectoryEntry;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountMapper;
import com.textinbox.shared.users.store.TeamMapper;
import com.textinbox.shared.users.store.UserMapper;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The users and teams assignment reads, in a batch with a page's other items or alone and strongly
 * consistent (an automatic assignment reads the away state as last written), and the account's
 * settings likewise. The items are the users and teams aggregate's, read through its mappers.
 */
public record AssigneeStore(DynamoTable table) {
  /** A user or team, read in a batch with other items (null when the company has no such one). */
  public BatchRead.Slot<DirectoryEntry> entry(BatchRead batch, String accountId, String kind, String id) {
    return batch.add(Keys.account(accountId), sk(kind, id), item -> entryOf(kind, item));
  }

  /** A user or team as last written (one consistent GetItem); null when the company has no such one. */
  public DirectoryEntry find(String accountId, String kind, String id) {
    return entryOf(kind, table.getConsistent(Keys.account(accountId), sk(kind, id)));
  }

  /** The account as last written (one consistent GetItem); null when there is none. */
  public Account accountConsistent(String accountId) {
    return AccountMapper.fromItem(table.getConsistent(Keys.account(accountId), Keys.ACCOUNT_SK));
  }

  private static DirectoryEntry entryOf(String kind, Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    if (Assignee.TEAM.equals(kind)) {
      return TeamMapper.isTeam(item) ? DirectoryEntry.of(TeamMapper.fromItem(item)) : null;
    }
    return UserMapper.isUser(item) ? DirectoryEntry.of(UserMapper.fromItem(item)) : null;
  }

  private static String sk(String kind, String id) {
    return Assignee.TEAM.equals(kind) ? Keys.teamSk(id) : Keys.userSk(id);
  }
}
