package com.textinbox.away;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
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

/**
 * Turns away mode off for every user whose return date has come (A3). Users away with a return
 * date sit in the sparse list {@code DUE#AWAY_RETURNS} of GSI4, sorted by return time, so a run
 * reads only the users due, never the whole user base (principle 7). Wiring: template.yaml,
 * function AwayReturns.
 */
public final class AwayReturnsHandler extends ScheduledHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AwayReturnsHandler.class);

  private final DynamoDbClient dynamoDb;
  private final String table;

  public AwayReturnsHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC());
  }

  public AwayReturnsHandler(DynamoDbClient dynamoDb, String table, Clock clock) {
    super(clock);
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  /** What one run did: users read from the due list, and users whose away mode it turned off. */
  public record Summary(int due, int returned) {}

  @Override
  public Summary run(Instant now) {
    int due = 0;
    int returned = 0;
    QueryRequest query = QueryRequest.builder()
        .tableName(table)
        .indexName(Table.GSI4)
        .keyConditionExpression("GSI4PK = :due AND GSI4SK <= :now")
        .expressionAttributeValues(Map.of(
            ":due", AttributeValue.fromS(Keys.AWAY_RETURNS),
            ":now", AttributeValue.fromS(now.toString())))
        .build();
    for (Map<String, AttributeValue> user : dynamoDb.queryPaginator(query).items()) {
      due++;
      if (turnAwayOff(user)) {
        returned++;
      }
    }
    LOG.info("away returns at {}: {} due, {} turned off", now, due, returned);
    return new Summary(due, returned);
  }

  /** False when the user changed their away state since the list was read: their new state stands. */
  private boolean turnAwayOff(Map<String, AttributeValue> user) {
    try {
      dynamoDb.updateItem(b -> b.tableName(table)
          .key(Map.of(Table.PK, user.get(Table.PK), Table.SK, user.get(Table.SK)))
          .updateExpression("SET away = :off REMOVE awayDelegateId, awayReturnAt, awaySince, GSI4PK, GSI4SK")
          .conditionExpression("awayReturnAt = :seen")
          .expressionAttributeValues(Map.of(":off", AttributeValue.fromBool(false), ":seen", user.get("awayReturnAt"))));
      return true;
    } catch (ConditionalCheckFailedException changedMeanwhile) {
      return false;
    }
  }
}
