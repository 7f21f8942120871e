package com.textinbox.inbound;

import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.messaging.ComplianceKeyword;
import com.textinbox.shared.messaging.OutgoingSms;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.messaging.SubscriptionRule;
import java.time.Instant;
import java.util.Locale;

/**
 * The automatic answer to a compliance keyword (P6), in the keyword's language: STOP family -> the
 * unsubscribe confirmation, START family -> the resubscribe confirmation, HELP family -> the
 * company's help text ({@code helpText} of the account item; unset: a default naming the company).
 *
 * <p>When none is sent ({@link #notSentReason}): a STOP or START older than the profile's last
 * subscription change ({@code superseded}: a later keyword already won, its own reply stands), and
 * HELP from an unsubscribed customer ({@code unsubscribed}: only the confirmation of a STOP goes
 * to an unsubscribed customer). A STOP from a customer already unsubscribed is confirmed again:
 * carriers expect every STOP to be answered, and each keyword message is answered once at most
 * (its reply's id derives from the carrier's message id).
 */
record KeywordReply(ComplianceKeyword keyword, OutgoingSms sms, String notSentReason) {

  static KeywordReply decide(ComplianceKeyword keyword, boolean subscribed, String subscriptionChangedAt, String at,
      String companyName, String helpText) {
    return SubscriptionRule.noReplyReason(keyword.type(), subscribed, subscriptionChangedAt, at)
        .map(reason -> new KeywordReply(keyword, null, reason))
        .orElseGet(() -> new KeywordReply(keyword, OutgoingSms.keywordReply(keyword, companyName, helpText), null));
  }

  boolean sent() {
    return sms != null;
  }

  /** {@code keyword-reply:stop}, {@code :start} or {@code :help}: the message's C7 source id. */
  String sourceId() {
    return "keyword-reply:" + keyword.type().name().toLowerCase(Locale.ROOT);
  }

  /**
   * The reply as an outbound timeline message, QUEUED like a staff reply (and on the sweep's list),
   * but from an {@code automation} source: no sender's name, no first-message notice.
   * {@code complianceReply} (the keyword family) is what lets SmsSender text a STOP's confirmation
   * to an unsubscribed customer; {@code complianceEventSk} the entry it marks SENT or FAILED.
   */
  Message message(String replyId, String timelineAt, String conversationId, String customerId, String inReplyTo,
      String complianceEventSk, Instant now) {
    return Message.queued(replyId, Keys.time(now), conversationId, customerId, sms.text(), sms.text(),
        sms.segments().segments(), sms.segments().encoding().name(), new Message.Source(Message.Source.AUTOMATION, sourceId()),
        null, null, false, keyword.type().name(), complianceEventSk, inReplyTo, QueuedSms.firstDue(now, replyId))
        .placedAt(timelineAt);
  }
}
