package com.textinbox.shared.users.store;

import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.Directory;
import com.textinbox.shared.users.Team;
import com.textinbox.shared.users.User;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads an account and some of its users and teams in one BatchGetItem (the caller and their
 * company, a team and a user, the assignees named on a page of conversations).
 */
public final class DirectoryStore {
  private final DynamoTable table;

  public DirectoryStore(DynamoTable table) {
    this.table = table;
  }

  /**
   * The account (if {@code withAccount}) and the users and teams of these ids that exist: one
   * BatchGetItem by 100 keys, nothing read when nothing is asked.
   */
  public Directory read(String accountId, boolean withAccount, Collection<String> userIds, Collection<String> teamIds) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    if (withAccount) {
      keys.add(AccountMapper.key(accountId));
    }
    userIds.forEach(id -> keys.add(UserMapper.key(accountId, id)));
    teamIds.forEach(id -> keys.add(TeamMapper.key(accountId, id)));
    Account account = null;
    Map<String, User> users = new HashMap<>();
    Map<String, Team> teams = new HashMap<>();
    for (Map<String, AttributeValue> item : keys.isEmpty() ? List.<Map<String, AttributeValue>>of() : table.batchGet(keys)) {
      if (AccountMapper.isAccount(item)) {
        account = AccountMapper.fromItem(item);
      } else if (UserMapper.isUser(item)) {
        User user = UserMapper.fromItem(item);
        users.put(user.userId(), user);
      } else if (TeamMapper.isTeam(item)) {
        Team team = TeamMapper.fromItem(item);
        teams.put(team.teamId(), team);
      }
    }
    return new Directory(account, users, teams);
  }
}
