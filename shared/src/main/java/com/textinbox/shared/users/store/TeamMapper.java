package com.textinbox.shared.users.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.users.Team;
import com.textinbox.shared.users.TeamNameGuard;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The team item ({@code TEAM#<teamId>}) and its name guard ({@code TEAMNAME#<normalized name>},
 * holding the team's id): the one place their attribute names are spelled.
 */
public final class TeamMapper {
  static final String TYPE = "Team";
  static final String GUARD_TYPE = "TeamName";
  static final String NAME = "name";
  static final String TEAM_ID = "teamId";

  private TeamMapper() {}

  public static Map<String, AttributeValue> key(String accountId, String teamId) {
    return DynamoTable.key(Keys.account(accountId), Keys.teamSk(teamId));
  }

  /** Whether an item read from the account partition is a team. */
  public static boolean isTeam(Map<String, AttributeValue> item) {
    String sk = ItemReader.of(item).sk();
    return sk != null && sk.startsWith(Keys.TEAM_PREFIX);
  }

  public static Map<String, AttributeValue> toItem(Team team) {
    return ItemBuilder.item(Keys.account(team.accountId()), Keys.teamSk(team.teamId()), TYPE)
        .str(NAME, team.name())
        .build();
  }

  /** The team of an item, or null for no item. */
  public static Team fromItem(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    ItemReader r = ItemReader.of(item);
    return new Team(AccountPartition.accountIdOf(r), r.skAfter(Keys.TEAM_PREFIX), r.str(NAME));
  }

  public static Map<String, AttributeValue> guardKey(String accountId, String normalizedName) {
    return DynamoTable.key(Keys.account(accountId), Keys.teamNameSk(normalizedName));
  }

  public static Map<String, AttributeValue> toItem(TeamNameGuard guard) {
    return ItemBuilder.item(Keys.account(guard.accountId()), Keys.teamNameSk(guard.normalizedName()), GUARD_TYPE)
        .str(TEAM_ID, guard.teamId())
        .build();
  }

  public static TeamNameGuard guardFromItem(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    ItemReader r = ItemReader.of(item);
    return new TeamNameGuard(AccountPartition.accountIdOf(r), r.skAfter(Keys.teamNameSk("")), r.str(TEAM_ID));
  }
}
