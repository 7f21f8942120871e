package com.textinbox.shared.reports.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.reports.MonthlyCounter;
import com.textinbox.shared.reports.MonthlyCounts;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Monthly counters (N4) against DynamoDB Local: added in a transaction, read with the month before. */
class CounterStoreTest {
  private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
  private static final DynamoDbLocalServer LOCAL = DynamoDbLocalServer.start();
  private static DynamoTable table;
  private static CounterStore counters;

  @BeforeAll
  static void tableAndStore() {
    LOCAL.createInboxTable("inbox");
    table = new DynamoTable(LOCAL.client(), "inbox");
    counters = new CounterStore(table);
  }

  @AfterAll
  static void stop() throws Exception {
    LOCAL.close();
  }

  @Test
  void aCountGoesToTheMonthOfTheCompanysZone() {
    // 03:30 UTC on December 1st is still November 30th in Toronto
    Instant lateNovember = Instant.parse("2026-12-01T03:30:00Z");
    table.write(java.util.List.of(counters.add("acct-z", TORONTO, lateNovember, MonthlyCounter.MESSAGES_RECEIVED)));
    table.write(java.util.List.of(counters.add("acct-z", ZoneId.of("UTC"), lateNovember, MonthlyCounter.MESSAGES_RECEIVED)));
    assertEquals(1, counters.read("acct-z", YearMonth.of(2026, 11)).get(MonthlyCounter.MESSAGES_RECEIVED));
    assertEquals(1, counters.read("acct-z", YearMonth.of(2026, 12)).get(MonthlyCounter.MESSAGES_RECEIVED));
  }

  @Test
  void aCountInATransactionThatFailsIsNotCounted() {
    String acct = "acct-t";
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> marker =
        Map.of("PK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(Keys.account(acct) + "#INBOUND#c1"),
            "SK", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("INBOUND"));
    Instant at = Instant.parse("2026-11-10T15:00:00Z");
    table.transact(table.putIfAbsentWrite(marker), counters.add(acct, TORONTO, at, MonthlyCounter.MESSAGES_SENT));
    // the redelivery: the marker is there, the transaction is cancelled, the counter stays
    assertThrows(TransactionCancelled.class,
        () -> table.transact(table.putIfAbsentWrite(marker), counters.add(acct, TORONTO, at, MonthlyCounter.MESSAGES_SENT)));
    assertEquals(1, counters.read(acct, YearMonth.of(2026, 11)).get(MonthlyCounter.MESSAGES_SENT));
  }

  @Test
  void aMonthIsReadWithTheMonthBefore() {
    String acct = "acct-r";
    table.write(java.util.List.of(counters.add(acct, YearMonth.of(2026, 10), Map.of(MonthlyCounter.APPOINTMENTS_CONFIRMED, 4L))));
    table.write(java.util.List.of(counters.add(acct, YearMonth.of(2026, 11),
        Map.of(MonthlyCounter.APPOINTMENTS_CONFIRMED, 7L, MonthlyCounter.APPOINTMENTS_CANCELLED, 2L))));
    CounterStore.MonthAndBefore both = counters.readWithPrevious(acct, YearMonth.of(2026, 11));
    assertEquals(7, both.month().get(MonthlyCounter.APPOINTMENTS_CONFIRMED));
    assertEquals(2, both.month().get(MonthlyCounter.APPOINTMENTS_CANCELLED));
    assertEquals(0, both.month().get(MonthlyCounter.APPOINTMENTS_NOT_CONFIRMED));
    assertEquals(4, both.before().get(MonthlyCounter.APPOINTMENTS_CONFIRMED));
    assertEquals(YearMonth.of(2026, 10), both.before().month());
    assertEquals(MonthlyCounts.empty(YearMonth.of(2026, 9)), counters.read(acct, YearMonth.of(2026, 9)));
  }
}
