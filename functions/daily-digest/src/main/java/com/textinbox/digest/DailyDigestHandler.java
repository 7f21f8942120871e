package com.textinbox.digest;

import com.textinbox.shared.config.Env;
import com.textinbox.shared.notifications.DigestClock;
import com.textinbox.shared.notifications.DigestItem;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.notifications.NotificationEmails;
import com.textinbox.shared.notifications.NotificationSettings.EmailMode;
import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.notifications.NotificationSettingsItem;
import com.textinbox.shared.notifications.store.DigestStore;
import com.textinbox.shared.notifications.store.NotificationSettingsStore;
import com.textinbox.shared.schedule.ScheduledHandler;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily digest (N5), run every hour: the users whose digest is due sit in the sparse GSI4 list
 * {@code DUE#DIGEST} sorted by their next digest time, so a run reads only them (principle 7). For
 * each: their pending digest items, one email listing them, then the items deleted and the next
 * digest time set (their hour, tomorrow, in their zone). A run that finds nothing due sends
 * nothing, so running it twice sends nothing twice. A failed email leaves the user due and the
 * items in place: the next run (an hour later, or Lambda's retry) sends them. Wiring: template.yaml,
 * function DailyDigest.
 */
public final class DailyDigestHandler extends ScheduledHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DailyDigestHandler.class);
  /** Items listed in one email; more stay for the next digest (and the center has them all). */
  static final int MAX_ITEMS = 100;

  private final NotificationSettingsStore settings;
  private final DigestStore digests;
  private final UserStore users;
  private final EmailSender email;
  private final String webAppBaseUrl;

  public DailyDigestHandler() {
    this(DynamoTable.fromEnvironment(), EmailSender.fromEnvironment(), Env.require("WEB_APP_BASE_URL"), Clock.systemUTC());
  }

  public DailyDigestHandler(DynamoTable table, EmailSender email, String webAppBaseUrl, Clock clock) {
    super(clock);
    this.settings = new NotificationSettingsStore(table);
    this.digests = new DigestStore(table);
    this.users = new UserStore(table);
    this.email = email;
    this.webAppBaseUrl = webAppBaseUrl;
  }

  /** Users due, emails sent, digest items sent, emails that failed (those users stay due). */
  public record Summary(int due, int sent, int items, int failed) {}

  @Override
  public Summary run(Instant now) {
    int due = 0;
    int sent = 0;
    int items = 0;
    int failed = 0;
    for (NotificationSettingsItem user : settings.digestsDue(now)) {
      due++;
      try {
        int listed = digest(user, now);
        if (listed > 0) {
          sent++;
          items += listed;
        }
      } catch (RuntimeException e) {
        failed++;
        LOG.warn("digest of user {} failed, stays due for the next run: {}", user.userId(), e.toString());
      }
    }
    LOG.info("daily digest at {}: {} due, {} sent ({} items), {} failed", now, due, sent, items, failed);
    return new Summary(due, sent, items, failed);
  }

  /** One user's digest; the number of items it listed (0: nothing was pending, no email). */
  private int digest(NotificationSettingsItem user, Instant now) {
    List<DigestItem> pending = digests.pending(user.accountId(), user.userId(), now, MAX_ITEMS);
    if (!pending.isEmpty()) {
      User recipient = users.get(user.accountId(), user.userId());
      String address = recipient == null ? null : recipient.email();
      if (address != null) {
        email.send(NotificationEmails.digest(address, pending.stream().map(DigestItem::content).toList(), webAppBaseUrl));
      }
      digests.delete(user.accountId(), user.userId(), pending);
    }
    if (pending.size() < MAX_ITEMS) {
      reschedule(user, now);
    } // else more are pending: the user stays due and the next run sends the rest
    return pending.size();
  }

  /**
   * The next digest time, from the settings as they are now; a user back on immediate email leaves
   * the list. Conditional on the time read: a user who changed their settings meanwhile keeps theirs.
   */
  private void reschedule(NotificationSettingsItem user, Instant now) {
    NotificationSettings chosen = user.settings();
    Instant next = chosen.emailMode() == EmailMode.DIGEST ? DigestClock.nextAfter(now, chosen.digestHour(), chosen.zone()) : null;
    settings.digestSent(user, next, now); // false: the user saved new settings during the run, theirs stand
  }
}
