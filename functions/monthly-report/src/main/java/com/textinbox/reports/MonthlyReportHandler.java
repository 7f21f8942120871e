package com.textinbox.reports;

import com.textinbox.shared.auth.Role;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.notifications.Category;
import com.textinbox.shared.notifications.Channel;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.notifications.Notification;
import com.textinbox.shared.notifications.NotificationEmails;
import com.textinbox.shared.notifications.NotificationIds;
import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.notifications.NotificationSettingsItem;
import com.textinbox.shared.notifications.store.NotificationSettingsStore;
import com.textinbox.shared.notifications.store.NotificationStore;
import com.textinbox.shared.reports.MonthInZone;
import com.textinbox.shared.reports.MonthlyReport;
import com.textinbox.shared.reports.MonthlyReportEmail;
import com.textinbox.shared.reports.ReportSchedule;
import com.textinbox.shared.reports.store.CounterStore;
import com.textinbox.shared.reports.store.ReportMarkerStore;
import com.textinbox.shared.schedule.ScheduledHandler;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.AccountStore;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly report (N4, seed 000; docs/decisions.md 52), run every hour: once a month has begun
 * in a company's time zone, the report of the month before goes to each of its users who has the
 * {@code monthlyReport} category on: by email (SES, in the company's language) and in the
 * notification center. The figures are the monthly counters kept as things happened, so a run
 * costs requests per company and per user, never per message.
 *
 * <p>What is due: each month's counters item is on the sparse list GSI4 {@code DUE#MONTHLY_REPORT}
 * from its first count until every report of the month is sent; a run reads the months before the
 * one that has begun in the eastmost zone, and leaves a company whose month has not begun yet in its
 * own zone for a later run. Per company: its account (zone, name, language), the two months'
 * counters (one BatchGetItem), its users and their settings (two Queries); per recipient: the
 * center item (a conditional put of an id derived from the company, month and user: once), then the
 * email claimed, sent, marked ({@link ReportMarkerStore}: exactly once but for a stop between SES
 * and the mark). A failed email keeps the month on the list, so the next run tries it again.
 * Wiring: template.yaml, function MonthlyReport.
 */
public final class MonthlyReportHandler extends ScheduledHandler {
  private static final Logger LOG = LoggerFactory.getLogger(MonthlyReportHandler.class);
  static final String EVENT_TYPE = "report.monthly";

  private final AccountStore accounts;
  private final CounterStore counters;
  private final ReportMarkerStore markers;
  private final UserStore users;
  private final NotificationSettingsStore settings;
  private final NotificationStore center;
  private final EmailSender email;
  private final String webAppBaseUrl;

  public MonthlyReportHandler() {
    this(DynamoTable.fromEnvironment(), EmailSender.fromEnvironment(), Env.require("WEB_APP_BASE_URL"), Clock.systemUTC());
  }

  public MonthlyReportHandler(DynamoTable table, EmailSender email, String webAppBaseUrl, Clock clock) {
    super(clock);
    this.accounts = new AccountStore(table);
    this.counters = new CounterStore(table);
    this.markers = new ReportMarkerStore(table);
    this.users = new UserStore(table);
    this.settings = new NotificationSettingsStore(table);
    this.center = new NotificationStore(table);
    this.email = email;
    this.webAppBaseUrl = webAppBaseUrl;
  }

  /**
   * What a run did: company-months reported, left for later (not begun in their zone, or an email
   * failed), center items written, emails sent, emails found sent already, emails that failed.
   */
  public record Summary(int reported, int later, int centerItems, int emailsSent, int alreadySent, int failed) {}

  /** Counts of one run. */
  private static final class Counts {
    int reported, later, centerItems, emailsSent, alreadySent, failed;

    Summary summary() {
      return new Summary(reported, later, centerItems, emailsSent, alreadySent, failed);
    }
  }

  @Override
  public Summary run(Instant now) {
    Counts counts = new Counts();
    for (CounterStore.Due due : counters.reportsToSend(ReportSchedule.firstMonthNotDue(now))) {
      Account account = accounts.get(due.accountId());
      if (account == null) {
        LOG.warn("monthly report {} of {}: no such company; off the list", due.month(), due.accountId());
        counters.reportsSent(due.accountId(), due.month());
        continue;
      }
      if (!ReportSchedule.due(due.month(), account.zone(), now)) {
        counts.later++;
        continue;
      }
      if (report(account, due.month(), now, counts)) {
        counters.reportsSent(account.accountId(), due.month());
        counts.reported++;
      } else {
        counts.later++;
      }
    }
    Summary summary = counts.summary();
    LOG.info("monthly report at {}: {}", now, summary);
    return summary;
  }

  /** The company's report to each of its users who wants it; false when an email is left to send. */
  private boolean report(Account account, YearMonth month, Instant now, Counts counts) {
    String accountId = account.accountId();
    CounterStore.MonthAndBefore figures = counters.readWithPrevious(accountId, month);
    MonthlyReport report = new MonthlyReport(account.name(), account.zone().getId(), month, figures.month(), figures.before(), true);
    Map<String, NotificationSettingsItem> saved = settings.ofAccount(accountId);
    // the center item's time: when the report became due (the same on every rerun: one item)
    Instant dueAt = MonthInZone.start(month.plusMonths(1), account.zone());
    boolean done = true;
    for (User user : users.ofAccount(accountId)) {
      NotificationSettingsItem item = saved.get(user.userId());
      NotificationSettings chosen = (item == null ? NotificationSettings.defaults() : item.settings())
          .forRole(user.role() == Role.ADMIN);
      boolean byEmail = chosen.enabled(Category.MONTHLY_REPORT, Channel.EMAIL) && user.email() != null;
      if (!byEmail && !chosen.enabled(Category.MONTHLY_REPORT, Channel.BROWSER)) {
        continue;
      }
      if (center.create(accountId, user.userId(), centerItem(report, account, user, dueAt), now)) {
        counts.centerItems++;
      }
      if (byEmail && !emailOnce(report, account, user, now, counts)) {
        done = false;
      }
    }
    return done;
  }

  private static Notification centerItem(MonthlyReport report, Account account, User user, Instant dueAt) {
    String eventId = "report-" + account.accountId() + "-" + report.month();
    return new Notification(NotificationIds.of(eventId, user.userId(), dueAt), eventId, EVENT_TYPE, Category.MONTHLY_REPORT,
        dueAt, new NotificationEmails.Content(MonthlyReportEmail.subject(report, account.language()),
            MonthlyReportEmail.summary(report, account.language()), MonthlyReportEmail.linkPath(report.month()),
            MonthlyReportEmail.viewLabel(account.language())), null, null);
  }

  /** The user's email of the month, once; false when it is left to send (failed, or another run is on it). */
  private boolean emailOnce(MonthlyReport report, Account account, User user, Instant now, Counts counts) {
    String accountId = account.accountId();
    switch (markers.claim(accountId, report.month(), user.userId(), now)) {
      case SENT -> {
        counts.alreadySent++;
        return true;
      }
      case BUSY -> {
        return false;
      }
      case CLAIMED -> {
        // claimed: ours to send
      }
    }
    String messageId;
    try {
      messageId = email.send(MonthlyReportEmail.email(user.email(), report, account.language(), webAppBaseUrl));
    } catch (RuntimeException e) {
      LOG.warn("monthly report {} to user {} of {} failed, left for the next run: {}", report.month(), user.userId(), accountId,
          e.toString());
      markers.release(accountId, report.month(), user.userId(), now);
      counts.failed++;
      return false;
    }
    markers.sent(accountId, report.month(), user.userId(), messageId, now);
    counts.emailsSent++;
    return true;
  }
}
