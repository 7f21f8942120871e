package com.textinbox.sender;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.json.Json;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Texts each queued outbound message once (SendSmsQueue; command {@code {accountId,
 * conversationId, timelineSk, messageId}} from MessagesApi):
 *
 * <ol>
 *   <li>GetItem the message (consistent): anything but QUEUED was handled already: nothing to do;
 *   <li>GetItem the profile: still subscribed? A STOP may have arrived since the message was
 *       queued: then the message becomes FAILED ({@code unsubscribed}) and is never texted (legal
 *       duty). No mobile any more: FAILED ({@code no_mobile});
 *   <li>GetItem the account: its {@code number} is the origination number;
 *   <li>Publish (SNS, to the phone number, Transactional, from the company's number);
 *   <li>one transaction: the message SENT with {@code sentAt} and {@code carrierMessageId}, on
 *       condition it is still QUEUED, and {@code CARRIERMSG#<carrierMessageId>} for the receipts.
 * </ol>
 *
 * <p>Once step 5 is done a redelivered command does nothing (step 1). The remaining window: a
 * crash or timeout after the Publish and before step 5 leaves the message QUEUED, and the
 * command's redelivery texts the customer a second time (at-least-once). Closing it would need a
 * SENDING state written before the Publish, trading a possible double text for a possible lost one
 * (a message stuck in SENDING): not done; the window is one Lambda's crash between two calls.
 */
public final class SmsSenderHandler extends SqsBatchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SmsSenderHandler.class);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final SmsGateway gateway;

  public SmsSenderHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(),
        SmsGateway.sns(AwsClients.build(SnsClient.builder(), "SNS")));
    // Only names the resource of the function's SNSPublishMessagePolicy, which does not cover a
    // Publish to a phone number on AWS: docs/least-privilege.md, "Outbound SMS: known gap".
    LOG.info("SNS publish policy on {}", Env.optional("SMS_PUBLISH_POLICY_TOPIC_ARN", "(none)"));
  }

  public SmsSenderHandler(DynamoDbClient dynamoDb, String table, Clock clock, SmsGateway gateway) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
    this.gateway = gateway;
  }

  @Override
  protected void process(SqsMessage sqsMessage) {
    JsonNode command = Json.read(sqsMessage.payload());
    String accountId = required(command, "accountId");
    String conversationId = required(command, "conversationId");
    String timelineSk = required(command, "timelineSk");
    String messageId = required(command, "messageId");
    Map<String, AttributeValue> messageKey = key(Keys.conversation(accountId, conversationId), timelineSk);

    Map<String, AttributeValue> message = get(messageKey);
    if (message == null || !messageId.equals(str(message, "messageId"))) {
      throw new IllegalStateException("message " + messageId + " is not in conversation " + conversationId);
    }
    String status = str(message, "status");
    if (!"QUEUED".equals(status)) {
      LOG.info("message {} is {} already: nothing to send", messageId, status);
      return;
    }
    Map<String, AttributeValue> profile = get(key(Keys.customer(accountId, str(message, "customerId")), Keys.PROFILE_SK));
    if (profile == null) {
      fail(messageKey, messageId, "customer_deleted", "The customer no longer exists.");
      return;
    }
    AttributeValue subscribed = profile.get("subscribed");
    if (subscribed != null && subscribed.bool() != null && !subscribed.bool()) {
      fail(messageKey, messageId, "unsubscribed", "The customer unsubscribed (texted STOP) before it was sent; it was not texted.");
      return;
    }
    String mobile = str(profile, "mobile");
    if (mobile == null) {
      fail(messageKey, messageId, "no_mobile", "The customer has no mobile number any more; it was not texted.");
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
    lookUp.put("conversationId", s(conversationId));
    lookUp.put("timelineSk", s(timelineSk));
    lookUp.put("messageId", s(messageId));
    try {
      dynamoDb.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().update(Update.builder().tableName(table).key(messageKey)
              .updateExpression("SET #status = :sent, sentAt = :at, carrierMessageId = :carrier, #from = :from, #to = :to")
              .conditionExpression("#status = :queued")
              .expressionAttributeNames(Map.of("#status", "status", "#from", "from", "#to", "to"))
              .expressionAttributeValues(Map.of(":sent", s("SENT"), ":queued", s("QUEUED"), ":at", s(sentAt),
                  ":carrier", s(carrierMessageId), ":from", s(number), ":to", s(mobile)))
              .build()).build(),
          TransactWriteItem.builder().put(Put.builder().tableName(table).item(lookUp).build()).build()));
    } catch (TransactionCanceledException raced) {
      // another delivery of the command sent it meanwhile (the window in the class comment)
      LOG.warn("message {} was texted ({}) but another delivery had marked it already", messageId, carrierMessageId);
      return;
    }
    LOG.info("message {} texted to {} as carrier message {}", messageId, masked(mobile), carrierMessageId);
  }

  /** Never texted: FAILED with the reason, unless it moved on meanwhile. */
  private void fail(Map<String, AttributeValue> messageKey, String messageId, String reason, String description) {
    try {
      dynamoDb.updateItem(b -> b.tableName(table).key(messageKey)
          .updateExpression("SET #status = :failed, failureReason = :reason, failureDescription = :description, failedAt = :at")
          .conditionExpression("#status = :queued")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":failed", s("FAILED"), ":queued", s("QUEUED"), ":reason", s(reason),
              ":description", s(description), ":at", s(Keys.time(clock.instant())))));
      LOG.info("message {} not texted: {}", messageId, reason);
    } catch (ConditionalCheckFailedException moved) {
      LOG.info("message {} was handled meanwhile", messageId);
    }
  }

  /** The last 4 digits only, for logs. */
  static String masked(String e164) {
    return e164 == null || e164.length() < 4 ? "***" : "***" + e164.substring(e164.length() - 4);
  }

  private static String required(JsonNode command, String field) {
    String value = Json.text(command, field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("send command without " + field);
    }
    return value;
  }

  private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }
}
