package com.textinbox.digest;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.notifications.DigestClock;
import com.textinbox.shared.notifications.DigestItem;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.notifications.NotificationEmails;
import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.notifications.NotificationSettings.EmailMode;
import com.textinbox.shared.notifications.NotificationSettingsItem;
import com.textinbox.shared.notifications.store.DigestStore;
import com.textinbox.shared.notifications.store.NotificationSettingsStore;
import com.textinbox.shared.schedule.ScheduledHandler;
import com.textinbox.shared.store.DynamoTable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ses.SesClient;

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
  private final DynamoTable table;
  private final EmailSender email;
  private final String webAppBaseUrl;

  public DailyDigestHandler() {
    this(DynamoTable.fromEnvironment(),
        EmailSender.ses(AwsClients.build(SesClient.builder(), "SES"), Env.require("EMAIL_FROM"), Env.require("EMAIL_REPLY_TO")),
        Env.require("WEB_APP_BASE_URL"), Clock.systemUTC());
  }

  public DailyDigestHandler(DynamoDbClient dynamoDb, String table, EmailSender email, String webAppBaseUrl, Clock clock) {
    this(new DynamoTable(dynamoDb, table), email, webAppBaseUrl, clock);
  }

  public DailyDigestHandler(DynamoTable table, EmailSender email, String webAppBaseUrl, Clock clock) {
    super(clock);
    this.settings = new NotificationSettingsStore(table);
    this.digests = new DigestStore(table);
    this.table = table;
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
      String address = emailOf(user.accountId(), user.userId());
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

  // TODO(issue 9): the user's email through the users store once it is in main
  private String emailOf(String accountId, String userId) {
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> user =
        table.get(Keys.account(accountId), Keys.userSk(userId));
    return user == null || user.get("email") == null ? null : user.get("email").s();
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
