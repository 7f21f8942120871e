package com.textinbox.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.messaging.ComplianceKeyword.Type;
import com.textinbox.shared.messaging.SubscriptionRule.Change;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionRuleTest {
  private static final String EARLIER = "2026-11-21T14:00:00.000Z";
  private static final String AT = "2026-11-21T14:03:00.000Z";
  private static final String LATER = "2026-11-21T14:05:00.000Z";

  @Test
  void aProfileWithoutTheFlagCountsAsSubscribed() {
    assertTrue(SubscriptionRule.subscribed(null), "demo data and imports carry no flag");
    assertTrue(SubscriptionRule.subscribed(true));
    assertFalse(SubscriptionRule.subscribed(false));
  }

  @Test
  void stopUnsubscribesAndStartResubscribesOnlyWhenTheStateChanges() {
    assertEquals(Optional.of(Change.UNSUBSCRIBE), SubscriptionRule.change(Type.STOP, true, null, AT));
    assertEquals(Optional.empty(), SubscriptionRule.change(Type.STOP, false, EARLIER, AT), "already unsubscribed");
    assertEquals(Optional.of(Change.RESUBSCRIBE), SubscriptionRule.change(Type.START, false, EARLIER, AT));
    assertEquals(Optional.empty(), SubscriptionRule.change(Type.START, true, null, AT), "already subscribed");
    assertEquals(Optional.empty(), SubscriptionRule.change(Type.HELP, true, null, AT));
  }

  @Test
  void aKeywordOlderThanTheLastChangeIsSupersededChangesNothingAndGetsNoReply() {
    assertTrue(SubscriptionRule.superseded(LATER, AT));
    assertFalse(SubscriptionRule.superseded(AT, AT), "the same instant is not later");
    assertFalse(SubscriptionRule.superseded(null, AT));
    assertEquals(Optional.empty(), SubscriptionRule.change(Type.START, false, LATER, AT));
    assertEquals(Optional.of(SubscriptionRule.SUPERSEDED), SubscriptionRule.noReplyReason(Type.STOP, true, LATER, AT));
    assertEquals(Optional.of(SubscriptionRule.SUPERSEDED), SubscriptionRule.noReplyReason(Type.START, false, LATER, AT));
  }

  @Test
  void everyStopIsConfirmedButHelpIsNotAnsweredToAnUnsubscribedCustomer() {
    assertEquals(Optional.empty(), SubscriptionRule.noReplyReason(Type.STOP, false, EARLIER, AT));
    assertEquals(Optional.empty(), SubscriptionRule.noReplyReason(Type.HELP, true, null, AT));
    assertEquals(Optional.of(SubscriptionRule.UNSUBSCRIBED), SubscriptionRule.noReplyReason(Type.HELP, false, EARLIER, AT));
  }

  @Test
  void anUnsubscribedCustomerIsTextedOnlyTheConfirmationOfTheirStop() {
    assertTrue(SubscriptionRule.mayText(true, null));
    assertFalse(SubscriptionRule.mayText(false, null));
    assertFalse(SubscriptionRule.mayText(false, "HELP"));
    assertTrue(SubscriptionRule.mayText(false, "STOP"));
  }

  @Test
  void theComplianceEntryNamesWhatHappened() {
    assertEquals("unsubscribed", SubscriptionRule.complianceEvent(Type.STOP));
    assertEquals("resubscribed", SubscriptionRule.complianceEvent(Type.START));
    assertEquals("help-requested", SubscriptionRule.complianceEvent(Type.HELP));
  }

  @Test
  void aKeywordGivesItsWordsLanguageToAProfileWithoutOne() {
    assertEquals(java.util.Optional.of("fr"), SubscriptionRule.languageFor(ComplianceKeyword.detect("ARRÊT").orElseThrow(), null));
    assertEquals(java.util.Optional.of("fr"), SubscriptionRule.languageFor(ComplianceKeyword.detect("aide").orElseThrow(), " "));
    assertEquals(java.util.Optional.of("en"), SubscriptionRule.languageFor(ComplianceKeyword.detect("STOP").orElseThrow(), null));
    assertEquals(java.util.Optional.empty(), SubscriptionRule.languageFor(ComplianceKeyword.detect("ARRET").orElseThrow(), "en"),
        "a profile's language stays");
    assertEquals(java.util.Optional.empty(), SubscriptionRule.languageFor(
        ComplianceKeyword.detect("START", ComplianceKeyword.Language.FR).orElseThrow(), null), "START is of both languages");
    assertEquals(java.util.Optional.empty(), SubscriptionRule.languageFor(ComplianceKeyword.detect("info").orElseThrow(), null));
  }
}
