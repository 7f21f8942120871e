package com.textinbox.shared.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.conversations.Conversation;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The automatic assignee choice, without DynamoDB. */
class AssigneeChoiceTest {
  private static final String T = "2026-11-21T14:00:00.000Z";
  private static final Supplier<List<Conversation>> NOT_READ = () -> {
    throw new AssertionError("the earlier conversations are not needed");
  };
  private static final Supplier<Assignee> NO_DEFAULT_READ = () -> {
    throw new AssertionError("the default is not needed");
  };

  private static Conversation conversation(String id, String customerId, Assignee assignee, String awayReplyUserId) {
    return new Conversation(id, customerId, "OPEN", T, null, null, T, null, null, null, null, null, 0, null, assignee, null,
        null, null, null, awayReplyUserId, awayReplyUserId == null ? null : T, null, null, null, null, 0);
  }

  @Test
  void aReopenedConversationKeepsItsAssigneeWithoutReadingMore() {
    Optional<AssigneeChoice.Candidate> candidate = AssigneeChoice.candidate(
        conversation("c1", "cust", Assignee.user("bruno", null), null), false, NOT_READ, NO_DEFAULT_READ);
    assertEquals(Assignee.user("bruno", null), candidate.orElseThrow().assignee());
    assertEquals(AssigneeChoice.PREVIOUS_ASSIGNEE, candidate.orElseThrow().reason());
  }

  @Test
  void aNewConversationGoesToTheAssigneeOfTheCustomersPreviousOne() {
    Conversation current = conversation("c2", "cust", null, null);
    List<Conversation> earlier = List.of(current, conversation("c0", "cust", null, null),
        conversation("c1", "cust", Assignee.team("service", null), "chloe"));
    AssigneeChoice.Candidate candidate = AssigneeChoice.candidate(current, true, () -> earlier, NO_DEFAULT_READ).orElseThrow();
    assertEquals(Assignee.team("service", null), candidate.assignee());
    assertEquals("chloe", candidate.awayReplyUserId(), "the A5 record comes from the conversation the candidate comes from");
  }

  @Test
  void elseTheCompanyDefaultElseNobody() {
    Conversation current = conversation("c2", "cust", null, null);
    AssigneeChoice.Candidate candidate = AssigneeChoice.candidate(current, true, List::of, () -> Assignee.user("alice", null))
        .orElseThrow();
    assertEquals(AssigneeChoice.DEFAULT_ASSIGNEE, candidate.reason());
    assertTrue(AssigneeChoice.candidate(current, true, List::of, () -> null).isEmpty());
    assertTrue(AssigneeChoice.candidate(current, false, NOT_READ, () -> null).isEmpty(),
        "a reopened conversation does not look at earlier ones");
  }

  @Test
  void anAwayUsersConversationGoesToTheDelegate() {
    AssigneeChoice.Candidate candidate = new AssigneeChoice.Candidate(Assignee.user("bruno", null),
        AssigneeChoice.PREVIOUS_ASSIGNEE, null, null);
    AssigneeChoice.Choice choice = AssigneeChoice.choose(candidate, "Bruno",
        new AwayRules.UserAway("bruno", "Bruno", true, "chloe", T), AwayRules.UserAway.present("chloe", "Chloé"));
    assertEquals(Assignee.user("chloe", "Chloé"), choice.assignee());
    assertEquals(AssigneeChoice.AWAY_DELEGATE, choice.reason());
    assertEquals("away-delegate", choice.awayRule());
  }

  @Test
  void aDelegateAwayTooOrAReplyWhileAwayKeepsTheCandidate() {
    AssigneeChoice.Candidate candidate = new AssigneeChoice.Candidate(Assignee.user("bruno", null),
        AssigneeChoice.DEFAULT_ASSIGNEE, null, null);
    AwayRules.UserAway bruno = new AwayRules.UserAway("bruno", "Bruno", true, "chloe", T);
    AssigneeChoice.Choice a4 = AssigneeChoice.choose(candidate, "Bruno", bruno,
        new AwayRules.UserAway("chloe", "Chloé", true, null, T));
    assertEquals(Assignee.user("bruno", "Bruno"), a4.assignee());
    assertEquals(AssigneeChoice.DEFAULT_ASSIGNEE, a4.reason());
    assertEquals("delegate-away", a4.awayRule());
    AssigneeChoice.Choice a5 = AssigneeChoice.choose(new AssigneeChoice.Candidate(Assignee.user("bruno", null),
        AssigneeChoice.PREVIOUS_ASSIGNEE, "bruno", "2026-11-21T15:00:00.000Z"), "Bruno", bruno, null);
    assertEquals("replied-while-away", a5.awayRule());
    AssigneeChoice.Choice team = AssigneeChoice.choose(new AssigneeChoice.Candidate(Assignee.team("service", null),
        AssigneeChoice.PREVIOUS_ASSIGNEE, null, null), "Service", null, null);
    assertNull(team.awayRule(), "a team is never away");
  }
}
