package com.textinbox.shared.messaging;

import com.textinbox.shared.conversations.ArchivedConversations;
import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.ConversationEvent;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.MessageActivity;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.data.Keys;





import com.textinbox.shared.store.TransactionCancelled;
import com.textinbox.shared.store.Write;
import com.textinbox.shared.users.User;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores an outbound message QUEUED and asks SmsSender to text it (docs/data-model.md, "Outbound
 * SMS"): one transaction puts the message (on the sweep's list), moves the conversation's activity
 * forward (no longer unanswered; the assignee untouched, C2; A5's away reply noted; a closed
 * conversation reopened, with a {@code reopened} event by the sender) and, on the
 * first message ever, sets the profile's {@code stopNoticeSentAt}; then the command goes to
 * SendSmsQueue. A conversation or profile changed meanwhile: read again, up to 3 tries.
 */
public record OutboundMessages(OutboundStores stores, Clock clock, SendSmsQueue commands) {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundMessages.class);
  private static final int ATTEMPTS = 3;

  /** What to send, as the request says it: the body and its source (C7). */
  public record Outgoing(String body, Message.Source source) {
    public boolean typedByUser() {
      return Message.Source.USER.equals(source.type());
    }
  }


  /** Who is texted, and in which conversation. */
  public record Recipient(Conversation conversation, CustomerProfile profile) {}

  /**
   * The customer's active conversation, opened for a customer who has none (imported, or created by
   * staff, and never texted): open and unassigned like one a customer's first text opens, put with
   * the profile's {@code activeConversationId} on condition it has none. A customer's text opening
   * one at the same moment wins: the profile is read again and its conversation used.
   */
  public Recipient activeConversation(Caller caller, CustomerProfile profile) {
    String accountId = caller.accountId();
    String customerId = profile.customerId();
    for (int attempt = 1; ; attempt++) {
      String conversationId = profile.activeConversationId();
      if (conversationId != null) {
        Conversation conversation = stores.conversations().find(accountId, conversationId).orElseThrow(() ->
            new IllegalStateException("customer " + customerId + ": active conversation " + conversationId + " is missing"));
        return new Recipient(conversation, profile);
      }
      String now = Keys.time(clock.instant());
      Conversation opened = Conversation.opened("conv-" + UUID.randomUUID(), customerId, now, now, caller.userId(), null);
      try {
        stores.table().transact(stores.conversations().createWrite(accountId, opened),
            stores.customers().activeConversationWrite(accountId, customerId, opened.conversationId()));
        LOG.info("conversation {} opened by {} for customer {}", opened.conversationId(), caller.userId(), customerId);
        return new Recipient(opened, profile.withActiveConversation(opened.conversationId()));
      } catch (TransactionCancelled raced) {
        profile = stores.customers().find(accountId, customerId).orElse(null);
        if (attempt == ATTEMPTS || profile == null) {
          throw raced;
        }
      }
    }
  }

  /** The message as stored, QUEUED, its command sent. */
  public Message queue(Caller caller, Outgoing outgoing, Conversation conversation, CustomerProfile profile) {
    return queue(caller, outgoing, conversation, profile, message -> List.of());
  }

  /**
   * Writes the message with more items in the same transaction ({@code alongside}, given the
   * message about to be stored): an automation's conditional marker (AP2), so that the message is
   * stored once whatever the reruns. A failed condition of those items is not retried: the
   * {@link TransactionCancelled} reaches the caller, whose marker says the work was done.
   */
  public Message queue(Caller caller, Outgoing outgoing, Conversation conversation, CustomerProfile profile,
      java.util.function.Function<Message, List<Write>> alongside) {
    String accountId = caller.accountId();
    String senderName = null;
    boolean senderAway = false;
    if (outgoing.typedByUser()) {
      User sender = stores.users().get(accountId, caller.userId());
      senderName = sender == null ? null : sender.name();
      // A5: a user who texts the customer while away keeps the customer (the assignment function reads it)
      senderAway = sender != null && sender.away().on();
    }
    for (int attempt = 1; ; attempt++) {
      ArchivedConversations.refuse(conversation, "send a message");
      boolean firstMessage = profile.stopNoticeSentAt() == null;
      OutgoingSms sms = OutgoingSms.compose(outgoing.body(), senderName, firstMessage, profile.language());
      if (!sms.fits()) {
        throw new ApiError(400, "too_long", sms.tooLongReason(), "body");
      }
      Instant now = clock.instant();
      String at = Keys.time(now);
      String messageId = "msg-" + UUID.randomUUID();
      // on the sweep's list until it leaves QUEUED: if the command below is lost, the sweep sends another
      Message message = Message.queued(messageId, at, conversation.conversationId(), profile.customerId(), outgoing.body(),
          sms.text(), sms.segments().segments(), sms.segments().encoding().name(), outgoing.source(), caller.userId(),
          senderName, sms.stopNotice(), null, null, null, QueuedSms.firstDue(now, messageId));
      List<Write> writes = new ArrayList<>();
      writes.add(stores.conversations().appendWrite(accountId, conversation.conversationId(), message));
      // texting a customer whose conversation is closed reopens it (as their text would), by the sender
      boolean reopen = conversation.closed();
      writes.add(stores.conversations().messageActivityWrite(accountId, conversation, MessageActivity.outbound(messageId, at,
          CustomerMessages.preview(outgoing.body()), senderAway ? caller.userId() : null, reopen ? at : null)));
      if (reopen) {
        // just before the message in the timeline
        writes.add(stores.conversations().appendWrite(accountId, conversation.conversationId(), new ConversationEvent(
            messageId + "-reopened", Keys.time(now.minusMillis(1)), ConversationEvent.REOPENED, null, caller.userId(),
            senderName, at, null, null, null, null, null, null, messageId)));
      }
      if (firstMessage) {
        writes.add(stores.customers().stopNoticeWrite(accountId, profile.customerId(), at));
      }
      int ownWrites = writes.size();
      writes.addAll(alongside.apply(message));
      try {
        stores.table().transact(writes);
      } catch (TransactionCancelled cancelled) {
        if (attempt == ATTEMPTS || !cancelled.retryable() || failedAlongside(cancelled, ownWrites)) {
          throw cancelled;
        }
        // the conversation moved on, or another first message set the notice: read both again
        conversation = stores.conversations().find(accountId, conversation.conversationId()).orElse(null);
        profile = stores.customers().find(accountId, profile.customerId()).orElse(null);
        if (conversation == null || profile == null) {
          throw ApiError.notFound("The conversation");
        }
        continue;
      }
      commands.send(new SendSmsCommand(accountId, conversation.conversationId(), message.sk(), messageId));
      LOG.info("message {} queued in conversation {} ({} source, {} part(s){})", messageId, conversation.conversationId(),
          outgoing.source().type(), sms.segments().segments(), firstMessage ? ", with the STOP notice" : "");
      return message;
    }
  }

  private static boolean failedAlongside(TransactionCancelled cancelled, int from) {
    for (int i = from; i < cancelled.reasons().size(); i++) {
      if (cancelled.conditionFailedAt(i)) {
        return true;
      }
    }
    return false;
  }
}
