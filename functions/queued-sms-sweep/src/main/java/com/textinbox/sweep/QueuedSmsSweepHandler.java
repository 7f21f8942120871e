package com.textinbox.sweep;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.conversations.store.MessageStore;
import com.textinbox.shared.conversations.store.MessageStore.Due;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.messaging.SendSmsCommand;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.schedule.ScheduledHandler;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Outbound messages left QUEUED: MessagesApi (or InboundSms) stored the message, then sending its
 * command to SendSmsQueue failed, or the command ended in the DLQ. Every QUEUED message sits on the
 * sparse GSI4 list {@code DUE#QUEUED_SMS}, sorted by when it is due for a look
 * ({@link QueuedSms#GRACE} after it was stored), and leaves it when it leaves QUEUED; a run reads
 * only the messages due (principle 7). For each one:
 *
 * <ul>
 *   <li>older than {@link QueuedSms#MAX_AGE}: FAILED {@code expired} (the customer is never texted
 *       a day late; a keyword reply's compliance entry says FAILED too);
 *   <li>else: due again {@link QueuedSms#RETRY_EVERY} later (a conditional update on the due time
 *       read, so two runs at once re-enqueue it once), then a new command to SendSmsQueue. The
 *       sender texts a message only while it is QUEUED and not held by another delivery of a
 *       command, so a command that was only late, not lost, texts nothing twice.
 * </ul>
 *
 * A message being texted at that moment (its lease, {@code sendLeaseUntil}, still running) is left
 * alone. Wiring: template.yaml, function QueuedSmsSweep.
 */
public final class QueuedSmsSweepHandler extends ScheduledHandler {
  private static final Logger LOG = LoggerFactory.getLogger(QueuedSmsSweepHandler.class);

  private final MessageStore messages;
  private final SendSmsQueue sendSms;

  public QueuedSmsSweepHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(), SendSmsQueue.fromEnvironment());
  }

  public QueuedSmsSweepHandler(DynamoDbClient dynamoDb, String table, Clock clock, SendSmsQueue sendSms) {
    super(clock);
    this.messages = new MessageStore(new DynamoTable(dynamoDb, table));
    this.sendSms = sendSms;
  }

  /** What one run did: messages read from the due list, re-enqueued, given up, and left (handled meanwhile). */
  public record Summary(int due, int requeued, int expired, int skipped) {}

  @Override
  public Summary run(Instant now) {
    List<Due> due = messages.queuedDue(Keys.time(now));
    int requeued = 0;
    int expired = 0;
    for (Due message : due) {
      if (QueuedSms.expired(message.message().createdAt(), now)) {
        expired += giveUp(message, now) ? 1 : 0;
      } else {
        requeued += requeue(message, now) ? 1 : 0;
      }
    }
    Summary summary = new Summary(due.size(), requeued, expired, due.size() - requeued - expired);
    LOG.info("queued SMS sweep at {}: {}", now, summary);
    return summary;
  }

  private boolean giveUp(Due due, Instant now) {
    // conditional on no running lease: a message being texted right now is left to its delivery
    if (!messages.apply(messages.failureWrites(due.accountId(), due.message(), QueuedSms.EXPIRED, QueuedSms.EXPIRED_DESCRIPTION,
        Keys.time(now), Keys.time(now)))) {
      return false; // sent, failed or being texted meanwhile
    }
    LOG.warn("message {} was still QUEUED a day after it was stored: given up, never texted", due.message().id());
    return true;
  }

  private boolean requeue(Due due, Instant now) {
    String messageId = due.message().id();
    if (!messages.requeue(due.accountId(), due.message(), Keys.time(now), QueuedSms.nextDue(now, messageId))) {
      return false; // sent, failed, being texted, or re-enqueued by another run meanwhile
    }
    sendSms.send(new SendSmsCommand(due.accountId(), due.message().conversationId(), due.message().sk(), messageId));
    LOG.info("message {} was still QUEUED after {}: its command sent again", messageId, QueuedSms.GRACE);
    return true;
  }
}
