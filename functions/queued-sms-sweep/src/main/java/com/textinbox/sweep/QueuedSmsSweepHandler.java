package com.textinbox.sweep;

import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.messaging.QueuedSms;
import com.textinbox.shared.messaging.SendSmsCommand;
import com.textinbox.shared.messaging.SendSmsQueue;
import com.textinbox.shared.schedule.ScheduledHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.sqs.SqsClient;

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

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final SendSmsQueue sendSms;

  public QueuedSmsSweepHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC(),
        SendSmsQueue.sqs(AwsClients.build(SqsClient.builder(), "SQS"), Env.require("SEND_SMS_QUEUE_URL")));
  }

  public QueuedSmsSweepHandler(DynamoDbClient dynamoDb, String table, Clock clock, SendSmsQueue sendSms) {
    super(clock);
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.sendSms = sendSms;
  }

  /** What one run did: messages read from the due list, re-enqueued, given up, and left (handled meanwhile). */
  public record Summary(int due, int requeued, int expired, int skipped) {}

  @Override
  public Summary run(Instant now) {
    int due = 0;
    int requeued = 0;
    int expired = 0;
    QueryRequest query = QueryRequest.builder()
        .tableName(table)
        .indexName(Table.GSI4)
        .keyConditionExpression("GSI4PK = :list AND GSI4SK <= :now")
        .expressionAttributeValues(Map.of(":list", s(Keys.QUEUED_SMS), ":now", s(Keys.time(now))))
        .build();
    for (Map<String, AttributeValue> message : dynamoDb.queryPaginator(query).items()) {
      due++;
      if (QueuedSms.expired(str(message, "createdAt"), now)) {
        expired += giveUp(message, now) ? 1 : 0;
      } else {
        requeued += requeue(message, now) ? 1 : 0;
      }
    }
    Summary summary = new Summary(due, requeued, expired, due - requeued - expired);
    LOG.info("queued SMS sweep at {}: {}", now, summary);
    return summary;
  }

  private boolean giveUp(Map<String, AttributeValue> message, Instant now) {
    try {
      QueuedSms.write(dynamoDb, QueuedSms.failure(table, message, QueuedSms.EXPIRED, QueuedSms.EXPIRED_DESCRIPTION,
          Keys.time(now), Keys.time(now)));
      LOG.warn("message {} was still QUEUED a day after it was stored: given up, never texted", str(message, "messageId"));
      return true;
    } catch (ConditionalCheckFailedException | TransactionCanceledException handled) {
      return false; // sent, failed or being texted meanwhile
    }
  }

  private boolean requeue(Map<String, AttributeValue> message, Instant now) {
    String messageId = str(message, "messageId");
    try {
      dynamoDb.updateItem(b -> b.tableName(table)
          .key(Map.of(Table.PK, message.get(Table.PK), Table.SK, message.get(Table.SK)))
          .updateExpression("SET " + Table.GSI4SK + " = :next, requeuedAt = :now,"
              + " requeueCount = if_not_exists(requeueCount, :zero) + :one")
          .conditionExpression("#status = :queued AND " + Table.GSI4SK + " = :seen"
              + " AND (attribute_not_exists(sendLeaseUntil) OR sendLeaseUntil < :now)")
          .expressionAttributeNames(Map.of("#status", "status"))
          .expressionAttributeValues(Map.of(":queued", s("QUEUED"), ":seen", message.get(Table.GSI4SK),
              ":next", s(Keys.queuedSmsDue(Keys.time(now.plus(QueuedSms.RETRY_EVERY)), messageId)),
              ":now", s(Keys.time(now)), ":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1"))));
    } catch (ConditionalCheckFailedException handled) {
      return false; // sent, failed, being texted, or re-enqueued by another run meanwhile
    }
    sendSms.send(new SendSmsCommand(accountOf(message), str(message, "conversationId"), message.get(Table.SK).s(), messageId));
    LOG.info("message {} was still QUEUED after {}: its command sent again", messageId, QueuedSms.GRACE);
    return true;
  }

  /** The account of a timeline item, from its key {@code A#<accountId>#CONV#<conversationId>} (the global list holds every account's). */
  static String accountOf(Map<String, AttributeValue> message) {
    String pk = message.get(Table.PK).s();
    String suffix = Keys.conversation("", str(message, "conversationId")).substring(Keys.account("").length());
    if (!pk.startsWith(Keys.account("")) || !pk.endsWith(suffix)) {
      throw new IllegalStateException("a QUEUED message whose key is not its conversation's: " + pk);
    }
    return pk.substring(Keys.account("").length(), pk.length() - suffix.length());
  }
}
