package com.textinbox.shared.reports;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A company's monthly report (N4, seed 000): the month's counters beside the month before's.
 *
 * @param complete whether the month is over in the company's zone (a report of the current month is partial)
 */
public record MonthlyReport(String companyName, String timeZone, YearMonth month, MonthlyCounts counts, MonthlyCounts previous,
    boolean complete) {

  public long value(MonthlyCounter counter) {
    return counts.get(counter);
  }

  public long previousValue(MonthlyCounter counter) {
    return previous.get(counter);
  }

  /** The largest figure of the two months (the bars' full width); at least 1. */
  public long largest() {
    long largest = 1;
    for (MonthlyCounter counter : MonthlyCounter.values()) {
      largest = Math.max(largest, Math.max(value(counter), previousValue(counter)));
    }
    return largest;
  }

  /**
   * The MonthlyReport schema of docs/openapi.yaml: {@code {month, previousMonth, timeZone, complete,
   * figures: {messagesSent: {value, previous}, ...}}}.
   */
  public Map<String, Object> view() {
    Map<String, Object> figures = new LinkedHashMap<>();
    for (MonthlyCounter counter : MonthlyCounter.values()) {
      Map<String, Object> figure = new LinkedHashMap<>();
      figure.put("value", value(counter));
      figure.put("previous", previousValue(counter));
      figures.put(counter.attribute(), figure);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("month", month.toString());
    view.put("previousMonth", previous.month().toString());
    view.put("timeZone", timeZone);
    view.put("complete", complete);
    view.put("figures", figures);
    return view;
  }
}
