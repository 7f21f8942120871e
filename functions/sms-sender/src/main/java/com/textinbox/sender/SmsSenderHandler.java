package com.textinbox.sender;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.conversations.Message;
import com.textinbox.shared.conversations.store.MessageStore;
import com.textinbox.shared.customers.CustomerProfile;
import com.textinbox.shared.customers.store.CustomerStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.messaging.SendRate;
import com.textinbox.shared.messaging.SendSmsCommand;
import com.textinbox.shared.messaging.store.SendRateStore;
import com.textinbox.shared.messaging.SubscriptionRule;
import com.textinbox.shared.observability.Observability;
import com.textinbox.shared.observability.Priming;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import com.textinbox.shared.reports.MonthlyCounter;
import com.textinbox.shared.reports.store.CounterStore;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Write;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountCache;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Texts each queued outbound message once (SendSmsQueue; {@link SendSmsCommand} from MessagesApi,
 * from InboundSms for a keyword's automatic reply, or from QueuedSmsSweep):
 *
 * <ol>
 *   <li>a first command (no place yet): GetItem the account (its {@code number} is the origination
 *       number) and take the text's place in the number's send line ({@link SendRateStore}, one
 *       UpdateItem; decision 61). A place within {@link SendRate#MAX_WAIT}: wait for it and go on
 *       (at most {@link SendRate#BATCH_WAIT_BUDGET} of waiting per invocation).
 *       Further: the message's look by the sweep moved after it (one UpdateItem, conditional on
 *       QUEUED) and the command put back on SendSmsQueue with the place and a DelaySeconds that
 *       brings it back then, as a new SQS message (its receives start again), and this one done.
 *       A command coming back with its place uses it (if not later than {@link SendRate#LATE}, else it
 *       takes a new one);
 *   <li>claims the message: one conditional UpdateItem that succeeds only while it is QUEUED and
 *       no other delivery of a command holds it ({@code sendLeaseUntil}, {@link QueuedSms#LEASE}),
 *       and returns it. Anything but QUEUED was handled already: nothing to do; held by another
 *       delivery: that one texts it (so two copies of a command, e.g. one from the sweep, never
 *       text it twice at the same time);
 *   <li>older than {@link QueuedSms#MAX_AGE}: FAILED {@code expired}, never texted a day late;
 *   <li>GetItem the profile: still subscribed? A STOP may have arrived since the message was
 *       queued: then the message becomes FAILED ({@code unsubscribed}) and is never texted (legal
 *       duty). The one exception is the confirmation of the customer's own STOP
 *       ({@code complianceReply = STOP}, written only by InboundSms). No mobile any more: FAILED
 *       ({@code no_mobile});
 *   <li>GetItem the account, when not read in step 1: its {@code number} is the origination number
 *       (kept by a warm container for a minute, docs/decisions.md 63: a new number is texted from
 *       within the minute; the profile above is never kept, a STOP applies at once; step 1 reads it
 *       through the same cache);
 *   <li>Publish (SNS, to the phone number, Transactional, from the company's number). Throttled
 *       (nothing sent, after the SDK's own retries): the lease given back and the sweep's look
 *       moved (one UpdateItem), the command put back with a growing delay (1, 2, 4... 60 s), this
 *       one done: throttling never burns a receive;
 *   <li>one transaction: the message SENT with {@code sentAt} and {@code carrierMessageId} (and off
 *       the sweep's list), on condition it is still QUEUED; {@code CARRIERMSG#<carrierMessageId>}
 *       for the receipts; for a keyword reply, its compliance entry's {@code reply = SENT}; the
 *       month's {@code messagesSent} counter (N4, decision 52: a text counts as sent once the
 *       carrier took it, so a message never texted, unsubscribed or expired, is not counted).
 * </ol>
 *
 * <p>Once step 7 is done a redelivered command does nothing (step 2). The remaining window: a
 * crash or timeout after the Publish and before step 7 leaves the message QUEUED; once the lease
 * has expired, the command's redelivery texts the customer a second time (at-least-once). Closing
 * it would mean giving up a message whose lease expired (a possible lost text instead of a
 * possible double one): not done; the window is one Lambda's crash between two calls.
 */
public final class SmsSenderHandler extends SqsBatchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SmsSenderHandler.class);

  private final DynamoTable table;
  private final MessageStore messages;
  private final CustomerStore customers;
  private final AccountCache accounts;
  private final CounterStore counters;
  private final SendRateStore sendLines;
  private final Clock clock;
  private final SmsGateway gateway;
  private final SendRate rate;
  private final DeferredCommands later;
  private final Pause pause;

  /** Waiting for a place in the send line (a test replaces the sleep). */
  @FunctionalInterface
  public interface Pause {
    void sleep(long millis) throws InterruptedException;
  }

  public SmsSenderHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(),
        SmsGateway.sns(AwsClients.lazy(SnsClient::builder, "SNS")),
        SendRate.of(Env.require("SMS_SEND_RATE_PER_SECOND")), DeferredCommands.fromEnvironment(), Thread::sleep);
  }

  public SmsSenderHandler(DynamoDbClient dynamoDb, String tableName, Clock clock, SmsGateway gateway, SendRate rate,
      DeferredCommands later, Pause pause) {
    DynamoTable table = new DynamoTable(dynamoDb, tableName);
    this.table = table;
    this.messages = new MessageStore(table);
    this.customers = new CustomerStore(table);
    this.accounts = new AccountCache(new AccountStore(table), clock);
    this.counters = new CounterStore(table);
    this.sendLines = new SendRateStore(table);
    this.clock = clock;
    this.gateway = gateway;
    this.rate = rate;
    this.later = later;
    this.pause = pause;
  }

  /**
   * Slept for places in this invocation (at most {@link SendRate#BATCH_WAIT_BUDGET}, within the 20 s
   * timeout). A field, since it spans the batch's {@link #process} calls: the instance is kept across
   * invocations, but Lambda (and the local cloud) runs one invocation at a time in it, and
   * {@link #beforeBatch} gives each the whole budget again (SmsSenderHandlerTest
   * anInvocationWaitsAtMostItsBudgetAndTheNextInvocationOfTheSameHandlerHasItAgain).
   */
  private long waitedInBatch;

  /**
   * SnapStart priming (decision 46): beyond the SQS event and the table's reads and stopped writes,
   * what a text goes through, with nothing written or sent: the profile's read (of a customer that
   * does not exist), a queued message and a profile read back as the stores read them, the text
   * published and stopped before it leaves ({@link SmsGateway#prime}: SNS's models and the XML
   * reader), and the transaction that marks it SENT, stopped the same way.
   */
  @Override
  protected void prime() {
    super.prime();
    String nobody = Priming.KEY;
    CustomerProfile profile = new CustomerProfile("priming-none", "Priming", null, null, "+15145550199", "en", null,
        true, null, null, null, null, null, null, null);
    customers.find(nobody, profile.customerId());
    customers.primeRead(nobody, profile);
    Message queued = Message.queued("priming", "2026-01-01T00:00:00.000Z", "priming-none", profile.customerId(),
        "priming", "priming", 1, "GSM", new Message.Source(Message.Source.USER, "priming-none"), "priming-none",
        "priming", false, null, null, null, null);
    messages.primeRead(nobody, queued);
    gateway.prime();
    Instant now = clock.instant();
    List<Write> sent = new ArrayList<>(messages.sentWrites(nobody, queued, Keys.time(now), "priming", "+15145550100",
        "+15145550199"));
    sent.add(counters.add(nobody, ZoneId.of(Account.DEFAULT_TIME_ZONE), now, MonthlyCounter.MESSAGES_SENT));
    table.primeTransact(sent);
  }

  @Override
  protected void beforeBatch() {
    waitedInBatch = 0;
  }

  @Override
  protected void process(SqsMessage sqsMessage) throws InterruptedException {
    SendSmsCommand command = SendSmsCommand.parse(sqsMessage.payload());
    String accountId = command.accountId();
    Account account = null;
    long placeAt;
    if (command.placeAt() != null && SendRate.stillHeld(command.placeAt(), clock.millis())) {
      placeAt = command.placeAt();
    } else {
      account = accountWithNumber(accountId);
      placeAt = sendLines.reserve(account.number(), rate, clock.millis());
    }
    if (!waitForPlace(command, placeAt)) {
      return;
    }
    Instant now = clock.instant();

    Message message = claim(command, now);
    if (message == null) {
      return;
    }
    if (QueuedSms.expired(message.createdAt(), now)) {
      fail(accountId, message, QueuedSms.EXPIRED, QueuedSms.EXPIRED_DESCRIPTION);
      return;
    }
    CustomerProfile customer = customers.find(accountId, message.customerId()).orElse(null);
    if (customer == null) {
      fail(accountId, message, "customer_deleted", "The customer no longer exists.");
      return;
    }
    // the confirmation of the customer's own STOP is the one message an unsubscribed customer gets
    if (!SubscriptionRule.mayText(customer.subscribed(), message.complianceReply())) {
      fail(accountId, message, SubscriptionRule.UNSUBSCRIBED,
          "The customer unsubscribed (texted STOP) before it was sent; it was not texted.");
      return;
    }
    if (customer.mobile() == null) {
      fail(accountId, message, "no_mobile", "The customer has no mobile number any more; it was not texted.");
      return;
    }
    if (account == null) {
      account = accountWithNumber(accountId);
    }
    String number = account.number();

    String carrierMessageId;
    try {
      carrierMessageId = gateway.send(number, customer.mobile(), message.smsText());
    } catch (SmsGateway.Throttled throttled) {
      backOff(command, message, throttled);
      return;
    }
    Instant textedAt = clock.instant();
    List<Write> sent = new ArrayList<>(messages.sentWrites(accountId, message, Keys.time(textedAt), carrierMessageId, number,
        customer.mobile()));
    // N4: counted in the transaction that marks it SENT (conditional on QUEUED): once, whatever the deliveries
    sent.add(counters.add(accountId, account.zone(), textedAt, MonthlyCounter.MESSAGES_SENT));
    if (!messages.applyThroughConflicts(sent)) {
      // another delivery of the command sent it meanwhile (the window in the class comment)
      LOG.warn("message {} was texted ({}) but another delivery had marked it already", message.id(), carrierMessageId);
      return;
    }
    Observability.count("SmsSent");
    LOG.info("message {} texted to {} as carrier message {}", message.id(), masked(customer.mobile()), carrierMessageId);
  }

  private Account accountWithNumber(String accountId) {
    Account account = accounts.get(accountId);
    if (account == null || account.number() == null) {
      throw new IllegalStateException("account " + accountId + " has no number to text from");
    }
    return account;
  }

  /**
   * Waits for the text's place when it is near (true: go on); when it is further, puts the command
   * back to come back then (false: this delivery is done). Nothing is put back for a message that
   * is not QUEUED any more.
   */
  private boolean waitForPlace(SendSmsCommand command, long placeAt) throws InterruptedException {
    SendRate.Turn turn = SendRate.turn(placeAt, clock.millis(), waitedInBatch);
    if (turn instanceof SendRate.Turn.Now now) {
      if (now.waitMillis() > 0) {
        waitedInBatch += now.waitMillis();
        pause.sleep(now.waitMillis());
      }
      return true;
    }
    int delaySeconds = ((SendRate.Turn.Later) turn).delaySeconds();
    Instant placeTime = Instant.ofEpochMilli(placeAt);
    if (!messages.postpone(command.accountId(), command.conversationId(), command.timelineSk(), command.messageId(),
        QueuedSms.dueAfter(placeTime, command.messageId()))) {
      LOG.info("message {} is not QUEUED any more: nothing to send", command.messageId());
      return false;
    }
    later.sendLater(command.deferred(placeAt), delaySeconds);
    LOG.info("message {} waits for its place in the send line at {}: back on the queue for {} s",
        command.messageId(), placeTime, delaySeconds);
    return false;
  }

  /**
   * The carrier said "throttled" (nothing sent): the lease given back, the command put back with a
   * growing delay as a new SQS message, so that no receive is burnt; if the lease is not this
   * delivery's any more, another delivery has the message and nothing is put back.
   */
  private void backOff(SendSmsCommand command, Message message, SmsGateway.Throttled throttled) {
    int delaySeconds = SendRate.throttledDelaySeconds(command.deferrals(), ThreadLocalRandom.current().nextInt(2));
    Instant retryAt = clock.instant().plusSeconds(delaySeconds);
    if (!messages.release(command.accountId(), message, message.sendLeaseUntil(), QueuedSms.dueAfter(retryAt, message.id()))) {
      LOG.warn("message {} was throttled and its lease is not this delivery's any more: left to the other", message.id());
      return;
    }
    later.sendLater(command.deferred(null), delaySeconds);
    LOG.warn("message {} not texted, the carrier throttled it ({}): back on the queue for {} s",
        message.id(), throttled.getMessage(), delaySeconds);
  }

  /**
   * The message, if this delivery may text it: QUEUED and not held by another delivery (it then
   * holds it for {@link QueuedSms#LEASE}). Null when there is nothing to do.
   */
  private Message claim(SendSmsCommand command, Instant now) {
    MessageStore.Claim claim = messages.claim(command.accountId(), command.conversationId(), command.timelineSk(),
        command.messageId(), Keys.time(now), Keys.time(now.plus(QueuedSms.LEASE)));
    if (claim.leased() != null) {
      return claim.leased();
    }
    Message current = claim.current();
    if (current == null || !command.messageId().equals(current.id())) {
      throw new IllegalStateException("message " + command.messageId() + " is not in conversation " + command.conversationId());
    }
    if (current.queued()) {
      LOG.info("message {} is being texted by another delivery of its command (until {}): left to it",
          command.messageId(), current.sendLeaseUntil());
    } else {
      LOG.info("message {} is {} already: nothing to send", command.messageId(), current.status());
    }
    return null;
  }

  /** Never texted: FAILED with the reason (and off the sweep's list), unless it moved on meanwhile. */
  private void fail(String accountId, Message message, String reason, String description) {
    if (messages.apply(messages.failureWrites(accountId, message, reason, description, Keys.time(clock.instant()), null))) {
      Observability.count("SmsNotSent");
      LOG.info("message {} not texted: {}", message.id(), reason);
    } else {
      LOG.info("message {} was handled meanwhile", message.id());
    }
  }

  /** The last 4 digits only, for logs. */
  static String masked(String e164) {
    return e164 == null || e164.length() < 4 ? "***" : "***" + e164.substring(e164.length() - 4);
  }
}
