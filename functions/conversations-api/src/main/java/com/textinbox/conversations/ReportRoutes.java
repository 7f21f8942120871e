package com.textinbox.conversations;

import com.textinbox.shared.api.ApiError;
import com.textinbox.shared.api.ApiRequest;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.auth.Caller;
import com.textinbox.shared.reports.MonthInZone;
import com.textinbox.shared.reports.MonthlyReport;
import com.textinbox.shared.reports.ReportSchedule;
import com.textinbox.shared.reports.store.CounterStore;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;

/**
 * {@code GET /reports/monthly?month=2026-11} (N4, admins): the monthly report's figures as JSON, the
 * month beside the month before, in the company's zone; the current month is partial
 * ({@code complete: false}). Two reads: the account (zone, name) and the two months' counters.
 */
record ReportRoutes(AccountStore accounts, CounterStore counters, Clock clock) {
  ApiResponse monthly(ApiRequest request) {
    Caller caller = request.caller();
    caller.requireAdmin();
    String asked = request.query("month");
    if (asked == null || asked.isBlank()) {
      throw ApiError.invalid("month", "'month' is required, as year and month: ?month=2026-11.");
    }
    YearMonth month = ReportSchedule.parse(asked).orElseThrow(() ->
        ApiError.invalid("month", "'month' must be a year and month such as 2026-11, not '" + shorten(asked) + "'."));
    Account account = accounts.get(caller.accountId());
    if (account == null) {
      throw ApiError.notFound("Your company");
    }
    Instant now = clock.instant();
    YearMonth current = MonthInZone.of(now, account.zone());
    if (month.isAfter(current)) {
      throw ApiError.invalid("month", "'month' is in the future: the latest report is " + current + " (in progress).");
    }
    CounterStore.MonthAndBefore figures = counters.readWithPrevious(caller.accountId(), month);
    return ApiResponse.ok(new MonthlyReport(account.name(), account.zone().getId(), month, figures.month(), figures.before(),
        ReportSchedule.due(month, account.zone(), now)).view());
  }

  private static String shorten(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "..." : text;
  }
}
