package com.textinbox.shared.idempotency.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemBuilder;
import com.textinbox.shared.store.ItemReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs a piece of work once per key, whatever the redeliveries (principle 5). A conditional put
 * claims the key as IN_PROGRESS for a while; success marks it COMPLETED until the record expires
 * (DynamoDB TTL); failure deletes the claim so a retry can run it again. A claim older than its
 * timeout (a crashed container) can be taken over.
 */
public record IdempotencyStore(DynamoTable table, Clock clock) {
  private static final String SK = "IDEMPOTENCY";
  private static final String CLAIM_EXPIRES_AT = "claimExpiresAt";
  /** IN_PROGRESS while claimed, then COMPLETED. */
  private static final String STATUS = "status", IN_PROGRESS = "IN_PROGRESS", COMPLETED = "COMPLETED";

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
    String pk = Keys.idempotency(scope, key);
    Map<String, AttributeValue> claim = ItemBuilder.item(pk, SK, null)
        .str(STATUS, IN_PROGRESS)
        .num(CLAIM_EXPIRES_AT, now + timeout.toSeconds())
        .num(Table.EXPIRES_AT, now + keepFor.toSeconds())
        .build();
    Map<String, AttributeValue> existing = table.putOrExisting(claim,
        "attribute_not_exists(PK) OR (#s = :progress AND " + CLAIM_EXPIRES_AT + " < :now)",
        Map.of("#s", STATUS), DynamoTable.values(":progress", IN_PROGRESS, ":now", now));
    if (existing != null) {
      if (COMPLETED.equals(ItemReader.of(existing).str(STATUS))) {
        return false;
      }
      throw new InProgressElsewhere(key);
    }
    try {
      work.run();
    } catch (RuntimeException e) {
      table.delete(pk, SK);
      throw e;
    }
    table.update(b -> b.key(DynamoTable.key(pk, SK))
        .updateExpression("SET #s = :done REMOVE " + CLAIM_EXPIRES_AT)
        .expressionAttributeNames(Map.of("#s", STATUS))
        .expressionAttributeValues(DynamoTable.values(":done", COMPLETED)));
    return true;
  }
}
