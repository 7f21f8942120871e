package com.textinbox.inbound;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.messaging.InboundSms;
import com.textinbox.shared.messaging.PhoneNumbers;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Inbound SMS, from the carrier's SNS topic through the InboundSms queue. Stores each message once,
 * keyed by the carrier's message id, under the company that owns the destination number.
 * Wiring: template.yaml, function InboundSms.
 */
public final class InboundSmsHandler extends SqsBatchHandler {
  private static final Logger LOG = LoggerFactory.getLogger(InboundSmsHandler.class);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final String defaultRegion;
  private final Clock clock;

  public InboundSmsHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Env.optional("DEFAULT_PHONE_REGION", "US"), Clock.systemUTC());
  }

  public InboundSmsHandler(DynamoDbClient dynamoDb, String table, String defaultRegion, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.defaultRegion = defaultRegion;
    this.clock = clock;
  }

  @Override
  protected void process(SqsMessage message) {
    InboundSms sms = InboundSms.parse(message.payload(), defaultRegion);
    String accountId = accountOwning(sms.to());
    try {
      dynamoDb.putItem(b -> b.tableName(table)
          .item(Map.of(
              Table.PK, s(Keys.inboundCarrierMessage(accountId, sms.carrierMessageId())),
              Table.SK, s("INBOUND"),
              Table.TYPE, s("InboundSms"),
              "from", s(sms.from()),
              "to", s(sms.to()),
              "body", s(sms.body()),
              "receivedAt", s(clock.instant().toString())))
          .conditionExpression("attribute_not_exists(PK)"));
      LOG.info("inbound SMS {} stored from {}", sms.carrierMessageId(), PhoneNumbers.masked(sms.from()));
    } catch (ConditionalCheckFailedException duplicate) {
      LOG.info("inbound SMS {} was delivered again; already stored", sms.carrierMessageId());
    }
  }

  private String accountOwning(String companyNumber) {
    Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
        .key(Map.of(Table.PK, s(Keys.companyNumber(companyNumber)), Table.SK, s(Keys.COMPANY_NUMBER_SK)))).item();
    if (item == null || item.isEmpty()) {
      throw new InboundSms.RejectedPayload("no company owns the number " + PhoneNumbers.masked(companyNumber));
    }
    return item.get("accountId").s();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
