package com.textinbox.shared.idempotency.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Runs a piece of work once per key, whatever the redeliveries (principle 5). A conditional put
 * claims the key as IN_PROGRESS for a while; success marks it COMPLETED until the record expires
 * (DynamoDB TTL); failure deletes the claim so a retry can run it again. A claim older than its
 * timeout (a crashed container) can be taken over.
 */
public final class IdempotencyStore {
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  public IdempotencyStore(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  /** Thrown when another container holds the claim: the message is retried later. */
  public static final class InProgressElsewhere extends RuntimeException {
    public InProgressElsewhere(String key) {
      super("work for " + key + " is in progress elsewhere");
    }
  }

  /**
   * Runs {@code work} unless it already completed for this key.
   *
   * @return true when it ran now, false when it had completed before
   */
  public boolean once(String scope, String key, Duration keepFor, Duration timeout, Runnable work) {
    long now = clock.instant().getEpochSecond();
    Map<String, AttributeValue> id = Map.of(
        Table.PK, s(Keys.idempotency(scope, key)),
        Table.SK, s("IDEMPOTENCY"));
    try {
      dynamoDb.putItem(PutItemRequest.builder()
          .tableName(table)
          .item(Map.of(
              Table.PK, id.get(Table.PK),
              Table.SK, id.get(Table.SK),
              "status", s("IN_PROGRESS"),
              "claimExpiresAt", n(now + timeout.toSeconds()),
              Table.EXPIRES_AT, n(now + keepFor.toSeconds())))
          .conditionExpression("attribute_not_exists(PK) OR (#s = :progress AND claimExpiresAt < :now)")
          .expressionAttributeNames(Map.of("#s", "status"))
          .expressionAttributeValues(Map.of(":progress", s("IN_PROGRESS"), ":now", n(now)))
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
          .build());
    } catch (ConditionalCheckFailedException e) {
      AttributeValue status = e.item() == null ? null : e.item().get("status");
      if (status != null && "COMPLETED".equals(status.s())) {
        return false;
      }
      throw new InProgressElsewhere(key);
    }
    try {
      work.run();
    } catch (RuntimeException e) {
      dynamoDb.deleteItem(b -> b.tableName(table).key(id));
      throw e;
    }
    dynamoDb.updateItem(b -> b.tableName(table).key(id)
        .updateExpression("SET #s = :done REMOVE claimExpiresAt")
        .expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":done", s("COMPLETED"))));
    return true;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
