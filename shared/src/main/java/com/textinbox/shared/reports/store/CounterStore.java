package com.textinbox.shared.reports.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.reports.MonthInZone;
import com.textinbox.shared.reports.MonthlyCounter;
import com.textinbox.shared.reports.MonthlyCounts;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.Query;
import com.textinbox.shared.store.Write;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The monthly counters of a company (N4; docs/data-model.md, "Monthly counters"): one item
 * {@code A#<acct>} / {@code STATS#<yyyy-mm>}, the month in the company's time zone.
 *
 * <p>A count is a {@link Write} (an {@code ADD}) for the caller to put in the SAME transaction as
 * the change it counts: the transaction that stores an inbound message once (its dedupe marker
 * is in it) counts it once, whatever the redeliveries (decision 52). One transaction may hold only
 * one write of an item, so count several things of one month with {@link #add(String, YearMonth, Map)}.
 */
public record CounterStore(DynamoTable table) {
  static final String TYPE_VALUE = "MonthlyCounters";
  static final String MONTH = "month";

  /** Adds one to a counter of the month {@code at} falls in, in the company's zone. */
  public Write add(String accountId, ZoneId zone, Instant at, MonthlyCounter counter) {
    return add(accountId, MonthInZone.of(at, zone), Map.of(counter, 1L));
  }

  /** Adds these amounts to counters of one month (one item write). */
  public Write add(String accountId, YearMonth month, Map<MonthlyCounter, Long> amounts) {
    if (amounts.isEmpty()) {
      throw new IllegalArgumentException("nothing to count");
    }
    // the month's item is on the list of reports to send (N4) from its first count (the index keys
    // rewritten as they are: the item's write is one write whatever)
    ItemUpdate update = ItemUpdate.of().set(Table.TYPE, TYPE_VALUE).set(MONTH, month.toString())
        .set(Table.GSI4PK, Keys.MONTHLY_REPORTS).set(Table.GSI4SK, Keys.monthlyReportDue(month.toString(), accountId));
    amounts.forEach((counter, amount) -> update.add(counter.attribute(), amount));
    return update.write(table, Keys.account(accountId), Keys.statsSk(month.toString()));
  }

  /** The counters of one month (zeros when nothing was counted). */
  public MonthlyCounts read(String accountId, YearMonth month) {
    return fromItem(month, table.get(Keys.account(accountId), Keys.statsSk(month.toString())));
  }

  /** A month and the month before it, for a trend (one BatchGetItem). */
  public MonthAndBefore readWithPrevious(String accountId, YearMonth month) {
    YearMonth before = month.minusMonths(1);
    String pk = Keys.account(accountId);
    List<Map<String, AttributeValue>> items = table.batchGet(List.of(
        DynamoTable.key(pk, Keys.statsSk(month.toString())), DynamoTable.key(pk, Keys.statsSk(before.toString()))));
    Map<String, AttributeValue> current = null;
    Map<String, AttributeValue> previous = null;
    for (Map<String, AttributeValue> item : items) {
      if (Keys.statsSk(month.toString()).equals(ItemReader.of(item).sk())) {
        current = item;
      } else {
        previous = item;
      }
    }
    return new MonthAndBefore(fromItem(month, current), fromItem(before, previous));
  }

  /** A company-month whose reports are still to send. */
  public record Due(String accountId, YearMonth month) {}

  /**
   * The company-months on the list of reports to send, of months before {@code firstMonthNotDue}
   * (GSI4 {@code DUE#MONTHLY_REPORT}, all pages): a run reads only companies with reports to send.
   */
  public List<Due> reportsToSend(YearMonth firstMonthNotDue) {
    List<Due> due = new ArrayList<>();
    for (Map<String, AttributeValue> item : table.queryAll(Query.gsi(4, Keys.MONTHLY_REPORTS).lessThan(firstMonthNotDue.toString()))) {
      String sk = ItemReader.of(item).str(Table.GSI4SK);
      int hash = sk.indexOf('#');
      due.add(new Due(sk.substring(hash + 1), YearMonth.parse(sk.substring(0, hash))));
    }
    return due;
  }

  /** Every report of the month is sent: off the list (a later count of that month puts it back; the markers keep it sent once). */
  public void reportsSent(String accountId, YearMonth month) {
    ItemUpdate.of().remove(Table.GSI4PK, Table.GSI4SK).condition("attribute_exists(PK)")
        .apply(table, Keys.account(accountId), Keys.statsSk(month.toString()));
  }

  /** A month's counters beside the month before's. */
  public record MonthAndBefore(MonthlyCounts month, MonthlyCounts before) {}

  static MonthlyCounts fromItem(YearMonth month, Map<String, AttributeValue> item) {
    if (item == null) {
      return MonthlyCounts.empty(month);
    }
    ItemReader reader = ItemReader.of(item);
    Map<MonthlyCounter, Long> counts = new EnumMap<>(MonthlyCounter.class);
    for (MonthlyCounter counter : MonthlyCounter.values()) {
      counts.put(counter, reader.num(counter.attribute(), 0));
    }
    return new MonthlyCounts(month, counts);
  }
}
