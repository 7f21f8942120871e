package com.textinbox.sender;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.messaging.SubscriptionRule;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.messaging.SendSmsCommand;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Texts each queued outbound message once (SendSmsQueue; {@link SendSmsCommand} from MessagesApi,
 * from InboundSms for a keyword's automatic reply, or from QueuedSmsSweep):
 *
 * <ol>
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
 *   <li>GetItem the account: its {@code number} is the origination number;
 *   <li>Publish (SNS, to the phone number, Transactional, from the company's number);
 *   <li>one transaction: the message SENT with {@code sentAt} and {@code carrierMessageId} (and off
 *       the sweep's list), on condition it is still QUEUED; {@code CARRIERMSG#<carrierMessageId>}
 *       for the receipts; for a keyword reply, its compliance entry's {@code reply = SENT}.
 * </ol>
 *
 * <p>Once step 6 is done a redelivered command does nothing (step 1). The remaining window: a
 * crash or timeout after the Publish and before step 6 leaves the message QUEUED; once the lease
 * has expired, the command's redelivery texts the customer a second time (at-least-once). Closing
 * it would mean giving up a message whose lease expired (a possible lost text instead of a
 * possible double one): not done; the window is one Lambda's crash between two calls.
 */
public final class SmsSenderHandler extends SqsBatchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SmsSenderHandler.class);
  private static final String QUEUED = "QUEUED";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final SmsGateway gateway;

  public SmsSenderHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(),
        SmsGateway.sns(AwsClients.build(SnsClient.builder(), "SNS")));
  }

  public SmsSenderHandler(DynamoDbClient dynamoDb, String table, Clock clock, SmsGateway gateway) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.gateway = gateway;
  }

  @Override
  protected void process(SqsMessage sqsMessage) {
    SendSmsCommand command = SendSmsCommand.parse(sqsMessage.payload());
    String accountId = command.accountId();
    String messageId = command.messageId();
    Map<String, AttributeValue> messageKey = key(Keys.conversation(accountId, command.conversationId()), command.timelineSk());
    Instant now = clock.instant();

    Map<String, AttributeValue> message = claim(messageKey, command, now);
    if (message == null) {
      return;
    }
    if (QueuedSms.expired(str(message, "createdAt"), now)) {
      fail(message, QueuedSms.EXPIRED, QueuedSms.EXPIRED_DESCRIPTION);
      return;
    }
    Map<String, AttributeValue> profile = get(key(Keys.customer(accountId, str(message, "customerId")), Keys.PROFILE_SK));
    if (profile == null) {
      fail(message, "customer_deleted", "The customer no longer exists.");
      return;
    }
    boolean subscribed = SubscriptionRule.subscribed(profile.containsKey("subscribed") ? profile.get("subscribed").bool() : null);
    if (!SubscriptionRule.mayText(subscribed, str(message, "complianceReply"))) {
      fail(message, SubscriptionRule.UNSUBSCRIBED,
          "The customer unsubscribed (texted STOP) before it was sent; it was not texted.");
      return;
    }
    String mobile = str(profile, "mobile");
    if (mobile == null) {
      fail(message, "no_mobile", "The customer has no mobile number any more; it was not texted.");
      return;
    }
    Map<String, AttributeValue> account = get(key(Keys.account(accountId), Keys.ACCOUNT_SK));
    String number = account == null ? null : str(account, "number");
    if (number == null) {
      throw new IllegalStateException("account " + accountId + " has no number to text from");
    }

    String carrierMessageId = gateway.send(number, mobile, str(message, "smsText"));
    String sentAt = Keys.time(clock.instant());

    Map<String, AttributeValue> lookUp = new HashMap<>(key(Keys.outboundCarrierMessage(carrierMessageId), Keys.OUTBOUND_CARRIER_SK));
    lookUp.put(Table.TYPE, s("CarrierMessage"));
    lookUp.put("accountId", s(accountId));
    lookUp.put("conversationId", s(command.conversationId()));
    lookUp.put("timelineSk", s(command.timelineSk()));
    lookUp.put("messageId", s(messageId));
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(messageKey)
        .updateExpression("SET #status = :sent, sentAt = :at, carrierMessageId = :carrier, #from = :from, #to = :to"
            + " REMOVE sendLeaseUntil, " + Table.GSI4PK + ", " + Table.GSI4SK)
        .conditionExpression("#status = :queued")
        .expressionAttributeNames(Map.of("#status", "status", "#from", "from", "#to", "to"))
        .expressionAttributeValues(Map.of(":sent", s("SENT"), ":queued", s(QUEUED), ":at", s(sentAt),
            ":carrier", s(carrierMessageId), ":from", s(number), ":to", s(mobile)))
        .build()).build());
    items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(lookUp).build()).build());
    QueuedSms.complianceReply(table, message, "SENT", null, sentAt).ifPresent(items::add);
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(items));
    } catch (TransactionCanceledException raced) {
      // another delivery of the command sent it meanwhile (the window in the class comment)
      LOG.warn("message {} was texted ({}) but another delivery had marked it already", messageId, carrierMessageId);
      return;
    }
    LOG.info("message {} texted to {} as carrier message {}", messageId, masked(mobile), carrierMessageId);
  }

  /**
   * The message, if this delivery may text it: QUEUED and not held by another delivery (it then
   * holds it for {@link QueuedSms#LEASE}). Null when there is nothing to do.
   */
  private Map<String, AttributeValue> claim(Map<String, AttributeValue> messageKey, SendSmsCommand command, Instant now) {
    try {
      return dynamoDb.updateItem(b -> b.tableName(table).key(messageKey)
          .updateExpression("SET sendLeaseUntil = :until, sendAttempts = if_not_exists(sendAttempts, :zero) + :one")
          .conditionExpression("messageId = :id AND #status = :queued"
              + " AND (attribute_not_exists(sendLeaseUntil) OR sendLeaseUntil < :now)")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":id", s(command.messageId()), ":queued", s(QUEUED),
              ":now", s(Keys.time(now)), ":until", s(Keys.time(now.plus(QueuedSms.LEASE))),
              ":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1")))
          .returnValues(ReturnValue.ALL_NEW)
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
    } catch (ConditionalCheckFailedException notClaimed) {
      Map<String, AttributeValue> current = notClaimed.item();
      if (current == null || current.isEmpty() || !command.messageId().equals(str(current, "messageId"))) {
        throw new IllegalStateException("message " + command.messageId() + " is not in conversation " + command.conversationId());
      }
      String status = str(current, "status");
      if (QUEUED.equals(status)) {
        LOG.info("message {} is being texted by another delivery of its command (until {}): left to it",
            command.messageId(), str(current, "sendLeaseUntil"));
      } else {
        LOG.info("message {} is {} already: nothing to send", command.messageId(), status);
      }
      return null;
    }
  }

  /** Never texted: FAILED with the reason (and off the sweep's list), unless it moved on meanwhile. */
  private void fail(Map<String, AttributeValue> message, String reason, String description) {
    try {
      QueuedSms.write(dynamoDb, QueuedSms.failure(table, message, reason, description, Keys.time(clock.instant()), null));
      LOG.info("message {} not texted: {}", str(message, "messageId"), reason);
    } catch (ConditionalCheckFailedException | TransactionCanceledException moved) {
      LOG.info("message {} was handled meanwhile", str(message, "messageId"));
    }
  }

  /** The last 4 digits only, for logs. */
  static String masked(String e164) {
    return e164 == null || e164.length() < 4 ? "***" : "***" + e164.substring(e164.length() - 4);
  }

  private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }
}
