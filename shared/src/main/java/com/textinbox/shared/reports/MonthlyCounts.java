package com.textinbox.shared.reports;

import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

/** The counters of one company for one month (zero for what nothing counted). */
public record MonthlyCounts(YearMonth month, Map<MonthlyCounter, Long> counts) {
  public MonthlyCounts {
    EnumMap<MonthlyCounter, Long> all = new EnumMap<>(MonthlyCounter.class);
    for (MonthlyCounter counter : MonthlyCounter.values()) {
      all.put(counter, counts.getOrDefault(counter, 0L));
    }
    counts = Map.copyOf(all);
  }

  public static MonthlyCounts empty(YearMonth month) {
    return new MonthlyCounts(month, Map.of());
  }

  public long get(MonthlyCounter counter) {
    return counts.get(counter);
  }
}
