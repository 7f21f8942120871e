package com.textinbox.inbound;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.messaging.ComplianceKeyword;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.messaging.OutgoingSms;
import com.textinbox.shared.messaging.SmsSegments;
import com.textinbox.shared.messaging.SubscriptionRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
record KeywordReply(ComplianceKeyword keyword, String text, String notSentReason) {

  static KeywordReply decide(ComplianceKeyword keyword, boolean subscribed, String subscriptionChangedAt, String at,
      String companyName, String helpText) {
    return SubscriptionRule.noReplyReason(keyword.type(), subscribed, subscriptionChangedAt, at)
        .map(reason -> new KeywordReply(keyword, null, reason))
        .orElseGet(() -> new KeywordReply(keyword, OutgoingSms.keywordReply(keyword, companyName, helpText).text(), null));
  }

  boolean sent() {
    return text != null;
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
  Map<String, AttributeValue> message(String conversationPk, String timelineSk, String replyId,
      String conversationId, String customerId, String inReplyTo, String complianceEventSk, Instant now) {
    SmsSegments segments = SmsSegments.of(text);
    Map<String, AttributeValue> item = new HashMap<>(key(conversationPk, timelineSk));
    item.put(Table.TYPE, s("Message"));
    item.put("messageId", s(replyId));
    item.put("conversationId", s(conversationId));
    item.put("customerId", s(customerId));
    item.put("direction", s("OUTBOUND"));
    item.put("status", s("QUEUED"));
    item.put("body", s(text));
    item.put("smsText", s(text));
    item.put("segments", AttributeValue.fromN(Integer.toString(segments.segments())));
    item.put("encoding", s(segments.encoding().name()));
    item.put("sourceType", s("automation"));
    item.put("sourceId", s(sourceId()));
    item.put("complianceReply", s(keyword.type().name()));
    item.put("complianceEventSk", s(complianceEventSk));
    item.put("inReplyTo", s(inReplyTo));
    item.put("createdAt", s(Keys.time(now)));
    QueuedSms.list(item, now, replyId);
    return item;
  }
}
