package com.textinbox.shared.assignment.store;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.assignment.AssignmentSettings;
import com.textinbox.shared.assignment.DirectoryEntry;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.BatchRead;
import com.textinbox.shared.store.ConditionFailed;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Query;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What assignment reads of the account partition (docs/data-model.md, "Assignment"): the users and
 * teams that may take conversations, a team's members, and the company's default assignee and
 * unanswered limit on the account item. The items themselves belong to the users and teams
 * aggregate; the attribute names read here are those of {@link DirectoryMapper}.
 */
public final class DirectoryStore {
  private final DynamoTable table;

  public DirectoryStore(DynamoTable table) {
    this.table = table;
  }

  /** A user or team, read in a batch with other items (null when the company has no such one). */
  public BatchRead.Slot<DirectoryEntry> entry(BatchRead batch, String accountId, String kind, String id) {
    return batch.add(Keys.account(accountId), sk(kind, id), item -> DirectoryMapper.entry(kind, id, item));
  }

  /** A user or team as last written; empty when the company has no such one. */
  public Optional<DirectoryEntry> find(String accountId, String kind, String id) {
    Map<String, AttributeValue> item = table.getConsistent(Keys.account(accountId), sk(kind, id));
    return item == null ? Optional.empty() : Optional.of(DirectoryMapper.entry(kind, id, item));
  }

  /** Every user of the company (one Query of the account partition, all pages). */
  public List<DirectoryEntry> users(String accountId) {
    return table.queryAll(Query.table(Keys.account(accountId)).beginsWith(Keys.USER_PREFIX)).stream()
        .map(item -> DirectoryMapper.entry(Assignee.USER, ItemReader.of(item).skAfter(Keys.USER_PREFIX), item)).toList();
  }

  /** The user ids of a team's members (one Query, all pages). */
  public List<String> teamMembers(String accountId, String teamId) {
    return table.queryAll(Query.table(Keys.account(accountId)).beginsWith(Keys.membersOf(teamId))).stream()
        .map(DirectoryMapper::memberUserId).toList();
  }

  /** The company's assignment settings (eventually consistent); the defaults when it has none. */
  public AssignmentSettings settings(String accountId) {
    return DirectoryMapper.settings(table.get(Keys.account(accountId), Keys.ACCOUNT_SK));
  }

  /** The company's assignment settings as last written. */
  public AssignmentSettings settingsConsistent(String accountId) {
    return DirectoryMapper.settings(table.getConsistent(Keys.account(accountId), Keys.ACCOUNT_SK));
  }

  /** Sets (or, null, clears) the default assignee; false when there is no such company. */
  public boolean setDefaultAssignee(String accountId, Assignee assignee, String now) {
    ItemUpdate update = ItemUpdate.of().set(DirectoryMapper.DEFAULT_ASSIGNEE_CHANGED_AT, now).condition("attribute_exists(PK)");
    if (assignee == null) {
      update.remove(DirectoryMapper.DEFAULT_ASSIGNEE_KIND, DirectoryMapper.DEFAULT_ASSIGNEE_ID);
    } else {
      update.set(DirectoryMapper.DEFAULT_ASSIGNEE_KIND, assignee.kind()).set(DirectoryMapper.DEFAULT_ASSIGNEE_ID, assignee.id());
    }
    try {
      update.apply(table, Keys.account(accountId), Keys.ACCOUNT_SK);
      return true;
    } catch (ConditionFailed noAccount) {
      return false;
    }
  }

  private static String sk(String kind, String id) {
    return Assignee.TEAM.equals(kind) ? Keys.teamSk(id) : Keys.userSk(id);
  }
}
