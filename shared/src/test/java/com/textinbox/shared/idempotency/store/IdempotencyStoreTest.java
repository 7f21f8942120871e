package com.textinbox.shared.idempotency.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Against DynamoDB Local (embedded): the conditional writes are the real ones. */
class IdempotencyStoreTest {
  private static AmazonDynamoDBLocal local;
  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void table() {
    local = DynamoDBEmbedded.create(true);
    dynamoDb = local.dynamoDbClient();
    dynamoDb.createTable(b -> b.tableName("items")
        .keySchema(k -> k.attributeName("PK").keyType(KeyType.HASH), k -> k.attributeName("SK").keyType(KeyType.RANGE))
        .attributeDefinitions(a -> a.attributeName("PK").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("SK").attributeType(ScalarAttributeType.S))
        .billingMode("PAY_PER_REQUEST"));
  }

  @AfterAll
  static void stop() {
    local.shutdownNow();
  }

  private static IdempotencyStore at(Instant now) {
    return new IdempotencyStore(new DynamoTable(dynamoDb, "items"), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void runsOncePerKeyWhateverTheRedeliveries() {
    AtomicInteger runs = new AtomicInteger();
    IdempotencyStore store = at(Instant.parse("2026-01-01T00:00:00Z"));
    assertTrue(store.once("inbound", "k1", Duration.ofDays(1), Duration.ofMinutes(1), runs::incrementAndGet));
    assertFalse(store.once("inbound", "k1", Duration.ofDays(1), Duration.ofMinutes(1), runs::incrementAndGet));
    assertFalse(store.once("inbound", "k1", Duration.ofDays(1), Duration.ofMinutes(1), runs::incrementAndGet));
    assertEquals(1, runs.get());
    assertTrue(store.once("other-scope", "k1", Duration.ofDays(1), Duration.ofMinutes(1), runs::incrementAndGet));
    assertEquals(2, runs.get());
  }

  @Test
  void aFailedRunCanBeRetried() {
    IdempotencyStore store = at(Instant.parse("2026-01-01T00:00:00Z"));
    assertThrows(IllegalStateException.class, () -> store.once("s", "k2", Duration.ofDays(1), Duration.ofMinutes(1), () -> {
      throw new IllegalStateException("boom");
    }));
    AtomicInteger runs = new AtomicInteger();
    assertTrue(store.once("s", "k2", Duration.ofDays(1), Duration.ofMinutes(1), runs::incrementAndGet));
    assertEquals(1, runs.get());
  }

  @Test
  void aClaimHeldElsewhereWaitsUntilItTimesOut() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    // a container that crashed mid-way leaves its claim: simulate by claiming inside a running claim
    IdempotencyStore first = at(start);
    first.once("s", "k3", Duration.ofDays(1), Duration.ofMinutes(1), () ->
        assertThrows(IdempotencyStore.InProgressElsewhere.class,
            () -> at(start.plusSeconds(30)).once("s", "k3", Duration.ofDays(1), Duration.ofMinutes(1), () -> { })));
    AtomicInteger runs = new AtomicInteger();
    assertFalse(at(start.plusSeconds(120)).once("s", "k3", Duration.ofDays(1), Duration.ofMinutes(1), runs::incrementAndGet),
        "completed work is not run again, even after the claim timeout");
    assertEquals(0, runs.get());
  }
}
