package com.textinbox.shared.users.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.assignment.Assignee;
import com.textinbox.shared.auth.Role;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.Away;
import com.textinbox.shared.users.Directory;
import com.textinbox.shared.users.Membership;
import com.textinbox.shared.users.Team;
import com.textinbox.shared.users.TelegramChat;
import com.textinbox.shared.users.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The account partition's stores against DynamoDB Local: conditions, transactions and index lists are the real ones. */
class UsersStoresTest {
  private static final String MAPLE = "acct-maple";
  private static DynamoDbLocalServer server;
  private static DynamoDbClient client;
  private static int tables;

  private DynamoTable table;
  private AccountStore accounts;
  private UserStore users;
  private TeamStore teams;
  private DirectoryStore directory;

  @BeforeAll
  static void start() {
    server = DynamoDbLocalServer.start();
    client = server.client();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void freshTable() {
    String name = "users-" + (++tables);
    server.createInboxTable(name);
    table = new DynamoTable(client, name);
    accounts = new AccountStore(table);
    users = new UserStore(table);
    teams = new TeamStore(table);
    directory = new DirectoryStore(table);
    accounts.put(Account.named(MAPLE, "Maple Motors"));
    users.put(User.of(MAPLE, "user-alice", "Alice", "alice@example.com", Role.ADMIN));
    users.put(User.of(MAPLE, "user-bruno", "Bruno", "bruno@example.com", Role.USER));
    users.put(User.of("acct-other", "user-olivia", "Olivia", null, Role.USER));
  }

  @Test
  void readsUsersOneBySeveralAndAll() {
    assertEquals("Alice", users.get(MAPLE, "user-alice").name());
    assertNull(users.get(MAPLE, "user-olivia"), "another account's user is not found");
    Map<String, User> some = users.getAll(MAPLE, List.of("user-alice", "user-bruno", "user-gone"));
    assertEquals(Set.of("user-alice", "user-bruno"), some.keySet());
    assertEquals(List.of("user-alice", "user-bruno"), users.ofAccount(MAPLE).stream().map(User::userId).toList());
    assertEquals(Map.of(), RequestCounter.during(() -> users.getAll(MAPLE, List.of())));
  }

  @Test
  void theDefaultAssigneeIsSetAndCleared() {
    Instant at = Instant.parse("2026-11-21T14:00:00Z");
    assertTrue(accounts.setDefaultAssignee(MAPLE, Assignee.user("user-bruno", "Bruno"), at));
    Account account = accounts.get(MAPLE);
    assertEquals(new Assignee("USER", "user-bruno", null), account.defaultAssignee());
    assertEquals(at, account.defaultAssigneeChangedAt());
    assertTrue(accounts.setDefaultAssignee(MAPLE, null, at));
    assertNull(accounts.get(MAPLE).defaultAssignee());
    assertFalse(accounts.setDefaultAssignee("acct-none", null, at));
  }

  @Test
  void awayModeGoesInAndOutOfTheDueList() {
    Instant returnAt = Instant.parse("2026-12-01T13:00:00Z");
    Instant since = Instant.parse("2026-11-21T15:00:00Z");
    assertTrue(users.setAway(MAPLE, "user-bruno", Away.on("user-alice", returnAt, since)));
    // a second "on" keeps the start of the away period
    assertTrue(users.setAway(MAPLE, "user-bruno", Away.on(null, returnAt, since.plusSeconds(60))));
    User bruno = users.get(MAPLE, "user-bruno");
    assertEquals(Away.on(null, returnAt, since), bruno.away());
    assertFalse(users.setAway(MAPLE, "user-gone", Away.OFF));

    assertEquals(List.of(), users.awayReturnsDue(returnAt.minusSeconds(1)));
    List<User> due = users.awayReturnsDue(returnAt.plusSeconds(1));
    assertEquals(List.of("user-bruno"), due.stream().map(User::userId).toList());
    assertTrue(users.endAway(due.get(0)));
    assertEquals(Away.OFF, users.get(MAPLE, "user-bruno").away());
    assertEquals(List.of(), users.awayReturnsDue(returnAt.plusSeconds(1)));
    assertFalse(users.endAway(due.get(0)), "changed since it was read");
  }

  @Test
  void theTelegramChatIsLinkedAndForgotten() {
    TelegramChat chat = new TelegramChat(42L, "bruno", Instant.parse("2026-11-21T14:03:00.120Z"));
    table.transact(users.linkTelegramWrite(MAPLE, "user-bruno", chat));
    assertEquals(chat, users.telegramOf(MAPLE, "user-bruno"));
    assertFalse(users.forgetTelegramChat(MAPLE, "user-bruno", 43L), "another chat");
    assertTrue(users.forgetTelegramChat(MAPLE, "user-bruno", 42L));
    assertNull(users.telegramOf(MAPLE, "user-bruno"));
    assertTrue(users.unlinkTelegram(MAPLE, "user-bruno"));
    assertFalse(users.unlinkTelegram(MAPLE, "user-gone"));
  }

  @Test
  void teamNamesAreUniqueWhateverTheCase() {
    Team service = new Team(MAPLE, "team-service", "Service");
    assertTrue(teams.create(service));
    assertFalse(teams.create(new Team(MAPLE, "team-other", "SERVICE")));
    assertTrue(teams.create(new Team(MAPLE, "team-sales", "Sales")));
    assertEquals(TeamStore.Rename.NAME_TAKEN, teams.rename(service, "sales"));
    assertEquals(TeamStore.Rename.RENAMED, teams.rename(service, "SERVICE"), "same name, another case");
    assertEquals(TeamStore.Rename.CHANGED_MEANWHILE, teams.rename(service, "After-sales"), "read before the rename");
    assertEquals(TeamStore.Rename.RENAMED, teams.rename(service.withName("SERVICE"), "After-sales"));
    assertTrue(teams.create(new Team(MAPLE, "team-new", "Service")), "the old name is free again");
    assertEquals(List.of("After-sales", "Sales", "Service"),
        teams.ofAccount(MAPLE).stream().map(Team::name).sorted().toList());
  }

  @Test
  void membersAreAddedListedAndDeletedWithTheirTeam() {
    Team service = new Team(MAPLE, "team-service", "Service");
    teams.create(service);
    teams.create(new Team(MAPLE, "team-sales", "Sales"));
    assertEquals(TeamStore.AddMember.ADDED, teams.addMember(new Membership(MAPLE, "team-service", "user-bruno")));
    assertEquals(TeamStore.AddMember.ADDED, teams.addMember(new Membership(MAPLE, "team-service", "user-alice")));
    assertEquals(TeamStore.AddMember.ADDED, teams.addMember(new Membership(MAPLE, "team-sales", "user-bruno")));
    assertEquals(TeamStore.AddMember.NO_TEAM, teams.addMember(new Membership(MAPLE, "team-gone", "user-bruno")));
    assertEquals(TeamStore.AddMember.NO_USER, teams.addMember(new Membership(MAPLE, "team-service", "user-gone")));

    assertEquals(List.of("user-alice", "user-bruno"),
        teams.membersOf(MAPLE, "team-service").stream().map(Membership::userId).toList());
    assertEquals(List.of("team-sales", "team-service"), teams.teamIdsOf(MAPLE, "user-bruno"));
    assertEquals(3, teams.membershipsOf(MAPLE).size());

    assertTrue(teams.removeMember(MAPLE, "team-sales", "user-bruno"));
    assertFalse(teams.removeMember(MAPLE, "team-sales", "user-bruno"));
    assertTrue(teams.delete(service));
    assertFalse(teams.delete(service));
    assertNull(teams.get(MAPLE, "team-service"));
    assertEquals(List.of(), teams.membershipsOf(MAPLE));
    assertTrue(teams.create(new Team(MAPLE, "team-again", "service")), "its name guard went with it");
  }

  @Test
  void theDirectoryReadsAccountUsersAndTeamsInOneRequest() {
    teams.create(new Team(MAPLE, "team-service", "Service"));
    Directory[] read = new Directory[1];
    Map<String, Integer> requests = RequestCounter.during(
        () -> read[0] = directory.read(MAPLE, true, List.of("user-alice", "user-gone"), List.of("team-service")));
    assertEquals(1, requests.get("DynamoDb.BatchGetItem"));
    assertEquals("Maple Motors", read[0].account().name());
    assertEquals("Alice", read[0].nameOf("USER", "user-alice"));
    assertEquals("Service", read[0].nameOf("TEAM", "team-service"));
    assertNull(read[0].user("user-gone"));
    assertFalse(read[0].has("USER", "user-gone"));
  }
}
