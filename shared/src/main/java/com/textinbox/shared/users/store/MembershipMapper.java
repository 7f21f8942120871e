package com.textinbox.shared.users.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.users.Membership;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A team membership ({@code MEMBER#<teamId>#<userId>}; GSI1 {@code A#<acct>#USERTEAMS#<userId>} /
 * {@code <teamId>}, the teams of one user): the one place its attribute names are spelled.
 */
public final class MembershipMapper {
  static final String TYPE = "TeamMember";
  static final String TEAM_ID = "teamId";
  static final String USER_ID = "userId";

  private MembershipMapper() {}

  public static Map<String, AttributeValue> key(String accountId, String teamId, String userId) {
    return DynamoTable.key(Keys.account(accountId), Keys.memberSk(teamId, userId));
  }

  public static Map<String, AttributeValue> toItem(Membership membership) {
    String accountId = membership.accountId();
    return ItemBuilder.item(Keys.account(accountId), Keys.memberSk(membership.teamId(), membership.userId()), TYPE)
        .str(TEAM_ID, membership.teamId())
        .str(USER_ID, membership.userId())
        .index(Table.GSI1PK, Keys.teamsOfUser(accountId, membership.userId()), Table.GSI1SK, membership.teamId())
        .build();
  }

  public static Membership fromItem(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    ItemReader r = ItemReader.of(item);
    return new Membership(AccountPartition.accountIdOf(r), r.str(TEAM_ID), r.str(USER_ID));
  }
}
