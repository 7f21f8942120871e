package com.textinbox.shared.users.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import com.textinbox.shared.users.Membership;
import com.textinbox.shared.users.Team;
import com.textinbox.shared.users.TeamNameGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every DynamoDB request about teams (C12), their name guards and their memberships. A team and its
 * name guard are always written in one transaction, so two teams of a company never share a name.
 */
public final class TeamStore {
  /** DynamoDB's limit of items in one transaction. */
  private static final int MAX_TRANSACTION_ITEMS = 100;

  /** What a rename did. */
  public enum Rename { RENAMED, NAME_TAKEN, GONE, CHANGED_MEANWHILE }

  /** What adding a member did. */
  public enum AddMember { ADDED, NO_TEAM, NO_USER }

  private final DynamoTable table;

  public TeamStore(DynamoTable table) {
    this.table = table;
  }

  /** The team, or null (one eventually consistent GetItem). */
  public Team get(String accountId, String teamId) {
    return TeamMapper.fromItem(table.get(Keys.account(accountId), Keys.teamSk(teamId)));
  }

  /** Every team of the account, in id order (one Query, all pages). */
  public List<Team> ofAccount(String accountId) {
    return table.queryAll(Query.table(Keys.account(accountId)).beginsWith(Keys.TEAM_PREFIX)).stream()
        .map(TeamMapper::fromItem).toList();
  }

  /** Every membership of every team of the account, by team then user id (one Query, all pages). */
  public List<Membership> membershipsOf(String accountId) {
    return memberships(Query.table(Keys.account(accountId)).beginsWith(Keys.MEMBER_PREFIX));
  }

  /** The memberships of one team, by user id (one Query, all pages). */
  public List<Membership> membersOf(String accountId, String teamId) {
    return memberships(Query.table(Keys.account(accountId)).beginsWith(Keys.membersOf(teamId)));
  }

  /** The ids of the teams the user is a member of, in id order (one Query of GSI1, all pages). */
  public List<String> teamIdsOf(String accountId, String userId) {
    return table.queryAll(Query.gsi(1, Keys.teamsOfUser(accountId, userId))).stream()
        .map(item -> MembershipMapper.fromItem(item).teamId()).toList();
  }

  /** A new team with its name guard (one transaction); false when the company has a team of that name. */
  public boolean create(Team team) {
    try {
      table.transact(table.putIfAbsentWrite(TeamMapper.toItem(team)),
          table.putIfAbsentWrite(TeamMapper.toItem(TeamNameGuard.of(team))));
      return true;
    } catch (TransactionCancelled e) {
      if (e.conditionFailedAt(1)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Renames a team as read (one transaction: the name, conditional on the name read, and the guard
   * moved when the name changes other than by case). A failed condition on the team reads it again
   * to tell a deleted team from one renamed meanwhile.
   */
  public Rename rename(Team seen, String newName) {
    String accountId = seen.accountId();
    List<Write> writes = new ArrayList<>();
    writes.add(table.updateWrite(u -> u.key(TeamMapper.key(accountId, seen.teamId()))
        .updateExpression("SET #name = :name")
        .conditionExpression("#name = :old")
        .expressionAttributeNames(Map.of("#name", TeamMapper.NAME))
        .expressionAttributeValues(DynamoTable.values(":name", newName, ":old", seen.name()))));
    boolean newGuard = !TeamNameGuard.sameName(newName, seen.name());
    if (newGuard) {
      writes.add(table.deleteWrite(Keys.account(accountId), Keys.teamNameSk(TeamNameGuard.normalized(seen.name()))));
      writes.add(table.putIfAbsentWrite(TeamMapper.toItem(TeamNameGuard.of(seen.withName(newName)))));
    }
    try {
      table.transact(writes);
      return Rename.RENAMED;
    } catch (TransactionCancelled e) {
      if (newGuard && e.conditionFailedAt(2)) {
        return Rename.NAME_TAKEN;
      }
      if (e.conditionFailedAt(0)) {
        return get(accountId, seen.teamId()) == null ? Rename.GONE : Rename.CHANGED_MEANWHILE;
      }
      throw e;
    }
  }

  /**
   * Deletes a team as read, its name guard and its memberships: one transaction up to 98 members
   * (those beyond are batch-deleted first). Conversations assigned to the team are not touched.
   * False when the team was gone already.
   */
  public boolean delete(Team team) {
    String accountId = team.accountId();
    List<Map<String, AttributeValue>> memberships = table.queryAll(
        Query.table(Keys.account(accountId)).beginsWith(Keys.membersOf(team.teamId())));
    int inTransaction = MAX_TRANSACTION_ITEMS - 2;
    if (memberships.size() > inTransaction) {
      table.deleteAll(memberships.subList(inTransaction, memberships.size()));
      memberships = memberships.subList(0, inTransaction);
    }
    List<Write> writes = new ArrayList<>();
    writes.add(table.deleteWrite(d -> d.key(TeamMapper.key(accountId, team.teamId())).conditionExpression("attribute_exists(PK)")));
    writes.add(table.deleteWrite(Keys.account(accountId), Keys.teamNameSk(TeamNameGuard.normalized(team.name()))));
    for (Map<String, AttributeValue> membership : memberships) {
      ItemReader r = ItemReader.of(membership);
      writes.add(table.deleteWrite(r.pk(), r.sk()));
    }
    try {
      table.transact(writes);
      return true;
    } catch (TransactionCancelled e) {
      if (e.conditionFailedAt(0)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Makes the user a member of the team (idempotent): one transaction checking that both still
   * exist. Whether the user may be a member is the caller's rule.
   */
  public AddMember addMember(Membership membership) {
    String accountId = membership.accountId();
    try {
      table.transact(
          table.conditionCheckWrite(c -> c.key(TeamMapper.key(accountId, membership.teamId())).conditionExpression("attribute_exists(PK)")),
          table.conditionCheckWrite(c -> c.key(UserMapper.key(accountId, membership.userId())).conditionExpression("attribute_exists(PK)")),
          table.putWrite(MembershipMapper.toItem(membership)));
      return AddMember.ADDED;
    } catch (TransactionCancelled e) {
      if (e.conditionFailedAt(0)) {
        return AddMember.NO_TEAM;
      }
      if (e.conditionFailedAt(1)) {
        return AddMember.NO_USER;
      }
      throw e;
    }
  }

  /** Removes the membership (one conditional DeleteItem); false when there was none. */
  public boolean removeMember(String accountId, String teamId, String userId) {
    return table.deleteIfExists(Keys.account(accountId), Keys.memberSk(teamId, userId));
  }

  private List<Membership> memberships(Query query) {
    return table.queryAll(query).stream().map(MembershipMapper::fromItem).toList();
  }
}
