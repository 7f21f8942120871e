package com.textinbox.shared.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.textinbox.shared.assignment.AwayRules.Rule;
import com.textinbox.shared.assignment.AwayRules.UserAway;
import org.junit.jupiter.api.Test;

class AwayRulesTest {
  private static final Assignee BRUNO = Assignee.user("user-bruno", "Bruno");
  private static final UserAway PRESENT = UserAway.present("user-bruno", "Bruno");
  private static final UserAway AWAY_TO_CHLOE = new UserAway("user-bruno", "Bruno", true, "user-chloe", "2026-11-20T08:00:00.000Z");
  private static final UserAway CHLOE = UserAway.present("user-chloe", "Chloé");
  private static final UserAway CHLOE_AWAY = new UserAway("user-chloe", "Chloé", true, "user-alice", "2026-11-19T08:00:00.000Z");

  @Test
  void presentUsersAndTeamsKeepIt() {
    assertEquals(new AwayRules.Decision(BRUNO, Rule.NONE), AwayRules.decide(BRUNO, PRESENT, null, null, null));
    Assignee team = Assignee.team("team-service", "Service");
    assertEquals(Rule.NONE, AwayRules.decide(team, null, null, null, null).rule());
  }

  @Test
  void a2AwayGoesToTheDelegateOrStaysWithoutOne() {
    AwayRules.Decision delegated = AwayRules.decide(BRUNO, AWAY_TO_CHLOE, CHLOE, null, null);
    assertEquals(Rule.DELEGATED, delegated.rule());
    assertEquals("user-chloe", delegated.assignee().id());
    UserAway noDelegate = new UserAway("user-bruno", "Bruno", true, null, null);
    assertEquals(new AwayRules.Decision(BRUNO, Rule.AWAY_NO_DELEGATE), AwayRules.decide(BRUNO, noDelegate, null, null, null));
    assertEquals(Rule.DELEGATE_UNKNOWN, AwayRules.decide(BRUNO, AWAY_TO_CHLOE, null, null, null).rule());
  }

  @Test
  void a4ADelegateAwayTooKeepsItWithTheUserNoChains() {
    assertEquals(new AwayRules.Decision(BRUNO, Rule.DELEGATE_AWAY), AwayRules.decide(BRUNO, AWAY_TO_CHLOE, CHLOE_AWAY, null, null));
  }

  @Test
  void a5AReplyDuringThisAwayPeriodKeepsTheCustomer() {
    assertEquals(Rule.REPLIED_WHILE_AWAY, AwayRules.decide(BRUNO, AWAY_TO_CHLOE, CHLOE, "user-bruno", "2026-11-21T09:00:00.000Z").rule());
    // before this away period, or by someone else: the delegate gets it
    assertEquals(Rule.DELEGATED, AwayRules.decide(BRUNO, AWAY_TO_CHLOE, CHLOE, "user-bruno", "2026-11-19T09:00:00.000Z").rule());
    assertEquals(Rule.DELEGATED, AwayRules.decide(BRUNO, AWAY_TO_CHLOE, CHLOE, "user-alice", "2026-11-21T09:00:00.000Z").rule());
    // an away period recorded before awaySince existed: any reply while away counts
    UserAway noSince = new UserAway("user-bruno", "Bruno", true, "user-chloe", null);
    assertEquals(Rule.REPLIED_WHILE_AWAY, AwayRules.decide(BRUNO, noSince, CHLOE, "user-bruno", "2026-01-01T00:00:00.000Z").rule());
  }
}
