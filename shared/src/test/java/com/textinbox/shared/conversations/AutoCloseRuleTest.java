package com.textinbox.shared.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.data.Keys;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which conversations auto-close closes (C6), with no DynamoDB. */
class AutoCloseRuleTest {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  private static final AutoCloseSetting THREE_DAYS = new AutoCloseSetting(true, 3, false, null, null);

  private static Conversation idle(Duration idle, boolean unanswered, String status) {
    String at = Keys.time(NOW.minus(idle));
    return new Conversation("conv-1", "cust-1", status, at, null, null, at, null, null, null, null, null, 1,
        unanswered ? at : null, null, null, null, null, null, null, null, null, null, null, null, 0);
  }

  @Test
  void closesWhatIsIdleLongerThanTheDays() {
    assertTrue(AutoCloseRule.closes(idle(Duration.ofDays(4), false, Conversation.OPEN), THREE_DAYS, NOW));
    assertFalse(AutoCloseRule.closes(idle(Duration.ofDays(2), false, Conversation.OPEN), THREE_DAYS, NOW));
    assertFalse(AutoCloseRule.closes(idle(Duration.ofDays(3), false, Conversation.OPEN), THREE_DAYS, NOW), "exactly 3 days: not yet");
    assertTrue(AutoCloseRule.closes(idle(Duration.ofDays(3).plusMillis(1), false, Conversation.OPEN), THREE_DAYS, NOW));
    assertFalse(AutoCloseRule.closes(idle(Duration.ofDays(30), false, Conversation.CLOSED), THREE_DAYS, NOW));
    assertFalse(AutoCloseRule.closes(idle(Duration.ofDays(30), false, Conversation.OPEN),
        new AutoCloseSetting(false, 3, false, null, null), NOW), "off");
  }

  @Test
  void anUnansweredConversationStaysOpenUnlessTheCompanyChoseOtherwise() {
    Conversation waiting = idle(Duration.ofDays(10), true, Conversation.OPEN);
    assertFalse(AutoCloseRule.closes(waiting, THREE_DAYS, NOW));
    assertTrue(AutoCloseRule.closes(waiting, new AutoCloseSetting(true, 3, true, null, null), NOW));
    assertEquals(AutoCloseRule.INACTIVE_UNANSWERED, AutoCloseRule.reason(waiting));
    assertEquals(AutoCloseRule.INACTIVE, AutoCloseRule.reason(idle(Duration.ofDays(10), false, Conversation.OPEN)));
  }

  @Test
  void theCutoffKeyBoundsTheOpenListsSortKeys() {
    String cutoff = AutoCloseRule.cutoffKey(NOW, 3);
    assertEquals("2026-12-02T12:00:00.000Z", cutoff);
    assertTrue(Keys.activitySk("2026-12-02T11:59:59.999Z", "conv-z").compareTo(cutoff) < 0);
    assertTrue(Keys.activitySk("2026-12-02T12:00:00.000Z", "conv-a").compareTo(cutoff) > 0, "idle exactly the days: not due");
  }

  @Test
  void theEventCarriesTheSettingAndOneIdPerActivity() {
    Conversation c = idle(Duration.ofDays(4), false, Conversation.OPEN);
    ConversationEvent event = AutoCloseRule.closedEvent(c, THREE_DAYS, Keys.time(NOW));
    assertEquals(3, event.autoCloseDays());
    assertEquals("auto-close", event.by());
    assertEquals(event.id(), AutoCloseRule.closedEvent(c, THREE_DAYS, Keys.time(NOW.plusSeconds(60))).id());
  }
}
