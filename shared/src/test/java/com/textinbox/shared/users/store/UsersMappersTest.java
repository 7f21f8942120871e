package com.textinbox.shared.users.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.Away;
import com.textinbox.shared.users.Membership;
import com.textinbox.shared.users.Team;
import com.textinbox.shared.users.TeamNameGuard;
import com.textinbox.shared.users.TelegramChat;
import com.textinbox.shared.users.User;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The mappers of the account partition: what is written reads back the same, with the keys of docs/data-model.md. */
class UsersMappersTest {
  @Test
  void anAccountRoundTrips() {
    Account account = new Account("acct-maple", "Maple Motors", "+15145550100", "fr", "Call us", 4,
        Assignee.team("team-service", null), Instant.parse("2026-11-21T14:03:00.120Z"), "America/Montreal");
    Map<String, AttributeValue> item = AccountMapper.toItem(account);
    assertEquals("A#acct-maple", item.get("PK").s());
    assertEquals("ACCOUNT", item.get("SK").s());
    assertEquals("TEAM", item.get("defaultAssigneeKind").s());
    assertEquals("4", item.get("unansweredAfterHours").n());
    assertEquals(account, AccountMapper.fromItem(item));
    assertEquals(Account.named("acct-x", "X"), AccountMapper.fromItem(AccountMapper.toItem(Account.named("acct-x", "X"))));
    assertNull(AccountMapper.fromItem(null));
  }

  @Test
  void aUserAwayWithAReturnDateIsInTheDueList() {
    User user = new User("acct-maple", "user-chloe", "Chloé Roy", "chloe@example.com", Role.ADMIN,
        Away.on("user-bruno", Instant.parse("2026-12-01T13:00:00Z"), Instant.parse("2026-11-21T15:00:00Z")),
        new TelegramChat(42L, "chloe", Instant.parse("2026-11-21T14:03:00.120Z")));
    Map<String, AttributeValue> item = UserMapper.toItem(user);
    assertEquals("USER#user-chloe", item.get("SK").s());
    assertEquals("admin", item.get("role").s());
    assertEquals("2026-12-01T13:00:00Z", item.get("awayReturnAt").s());
    assertEquals("2026-11-21T15:00:00.000Z", item.get("awaySince").s());
    assertEquals("DUE#AWAY_RETURNS", item.get("GSI4PK").s());
    assertEquals("2026-12-01T13:00:00Z#acct-maple#user-chloe", item.get("GSI4SK").s());
    assertEquals("42", item.get("telegram").m().get("chatId").n());
    assertEquals(user, UserMapper.fromItem(item));
    assertTrue(UserMapper.isUser(item) && !AccountMapper.isAccount(item));
    assertEquals("2026-11-21T15:00:00.000Z", user.awayState().awaySince());
  }

  @Test
  void aPresentUserHasNoAwayAttributes() {
    User user = User.of("acct-maple", "user-bruno", "Bruno", null, Role.USER);
    Map<String, AttributeValue> item = UserMapper.toItem(user);
    for (String absent : new String[] {"away", "awayDelegateId", "awayReturnAt", "awaySince", "GSI4PK", "telegram", "email"}) {
      assertFalse(item.containsKey(absent), absent);
    }
    assertEquals(user, UserMapper.fromItem(item));
    assertTrue(UserMapper.isUser(item) && !AccountMapper.isAccount(item));
  }

  @Test
  void aUserWithoutARoleIsFree() {
    Map<String, AttributeValue> item = UserMapper.toItem(User.of("a", "u", "U", null, Role.USER));
    item.remove("role");
    assertEquals(Role.FREE, UserMapper.fromItem(item).role());
  }

  @Test
  void aTeamItsGuardAndAMembershipRoundTrip() {
    Team team = new Team("acct-maple", "team-service", "Service Après-Vente");
    Map<String, AttributeValue> item = TeamMapper.toItem(team);
    assertEquals("TEAM#team-service", item.get("SK").s());
    assertEquals(team, TeamMapper.fromItem(item));

    TeamNameGuard guard = TeamNameGuard.of(team);
    Map<String, AttributeValue> guardItem = TeamMapper.toItem(guard);
    assertEquals("TEAMNAME#service après-vente", guardItem.get("SK").s());
    assertEquals("team-service", guardItem.get("teamId").s());
    assertEquals(guard, TeamMapper.guardFromItem(guardItem));
    assertEquals(TeamMapper.guardKey("acct-maple", "service après-vente").get("SK"), guardItem.get("SK"));
    assertTrue(TeamMapper.isTeam(item));
    assertFalse(TeamMapper.isTeam(guardItem), "a name guard is no team");

    Membership membership = new Membership("acct-maple", "team-service", "user-bruno");
    Map<String, AttributeValue> m = MembershipMapper.toItem(membership);
    assertEquals("MEMBER#team-service#user-bruno", m.get("SK").s());
    assertEquals("A#acct-maple#USERTEAMS#user-bruno", m.get("GSI1PK").s());
    assertEquals("team-service", m.get("GSI1SK").s());
    assertEquals(membership, MembershipMapper.fromItem(m));
  }
}
