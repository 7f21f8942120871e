package com.textinbox.digest;

import static com.textinbox.shared.data.Items.key;
import static com.textinbox.shared.data.Items.s;
import static com.textinbox.shared.data.Items.str;

import com.textinbox.shared.aws.AwsClients;
import com.textinbox.shared.config.Env;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.notifications.DigestClock;
import com.textinbox.shared.notifications.EmailSender;
import com.textinbox.shared.notifications.NotificationEmails;
import com.textinbox.shared.notifications.NotificationSettings;
import com.textinbox.shared.notifications.NotificationSettings.EmailMode;
import com.textinbox.shared.schedule.ScheduledHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
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

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final EmailSender email;
  private final String webAppBaseUrl;

  public DailyDigestHandler() {
    this(AwsClients.dynamoDb(), Env.require("TABLE_NAME"),
        EmailSender.ses(AwsClients.build(SesClient.builder(), "SES"), Env.require("EMAIL_FROM"), Env.require("EMAIL_REPLY_TO")),
        Env.require("WEB_APP_BASE_URL"), Clock.systemUTC());
  }

  public DailyDigestHandler(DynamoDbClient dynamoDb, String table, EmailSender email, String webAppBaseUrl, Clock clock) {
    super(clock);
    this.dynamoDb = dynamoDb;
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
    QueryRequest query = QueryRequest.builder().tableName(table).indexName(Table.GSI4)
        .keyConditionExpression("GSI4PK = :due AND GSI4SK <= :now")
        .expressionAttributeValues(Map.of(":due", s(Keys.DIGESTS_DUE), ":now", s(Keys.time(now) + "#~")))
        .build();
    for (Map<String, AttributeValue> settings : dynamoDb.queryPaginator(query).items()) {
      due++;
      try {
        int listed = digest(settings, now);
        if (listed > 0) {
          sent++;
          items += listed;
        }
      } catch (RuntimeException e) {
        failed++;
        LOG.warn("digest of user {} failed, stays due for the next run: {}", str(settings, "userId"), e.toString());
      }
    }
    LOG.info("daily digest at {}: {} due, {} sent ({} items), {} failed", now, due, sent, items, failed);
    return new Summary(due, sent, items, failed);
  }

  /** One user's digest; the number of items it listed (0: nothing was pending, no email). */
  private int digest(Map<String, AttributeValue> settingsItem, Instant now) {
    String account = str(settingsItem, "accountId");
    String userId = str(settingsItem, "userId");
    List<Map<String, AttributeValue>> pending = dynamoDb.query(b -> b.tableName(table)
        .keyConditionExpression("PK = :pk AND SK <= :now")
        .expressionAttributeValues(Map.of(":pk", s(Keys.digestOf(account, userId)), ":now", s(Keys.time(now) + "#~")))
        .limit(MAX_ITEMS)).items();
    if (!pending.isEmpty()) {
      Map<String, AttributeValue> user = dynamoDb.getItem(b -> b.tableName(table)
          .key(key(Keys.account(account), Keys.userSk(userId)))).item();
      String address = user == null ? null : str(user, "email");
      if (address != null) {
        List<NotificationEmails.Content> contents = new ArrayList<>();
        for (Map<String, AttributeValue> item : pending) {
          contents.add(new NotificationEmails.Content(str(item, "title"), str(item, "body"), str(item, "linkPath"), str(item, "linkLabel")));
        }
        email.send(NotificationEmails.digest(address, contents, webAppBaseUrl));
      }
      deleteItems(pending);
    }
    if (pending.size() < MAX_ITEMS) {
      reschedule(settingsItem, now);
    } // else more are pending: the user stays due and the next run sends the rest

    return pending.size();
  }

  private void deleteItems(List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> deletes = new ArrayList<>();
      for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + 25))) {
        deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key(str(item, Table.PK), str(item, Table.SK)))).build());
      }
      Map<String, List<WriteRequest>> request = Map.of(table, deletes);
      while (!request.isEmpty()) {
        Map<String, List<WriteRequest>> current = request;
        var response = dynamoDb.batchWriteItem(b -> b.requestItems(current));
        request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      }
    }
  }

  /**
   * The next digest time, from the settings as they are now; a user back on immediate email leaves
   * the list. Conditional on the time read: a user who changed their settings meanwhile keeps theirs.
   */
  private void reschedule(Map<String, AttributeValue> settingsItem, Instant now) {
    NotificationSettings settings = NotificationSettings.fromItem(settingsItem);
    AttributeValue seen = settingsItem.get("nextDigestAt");
    try {
      if (settings.emailMode() == EmailMode.DIGEST) {
        String next = Keys.time(DigestClock.nextAfter(now, settings.digestHour(), settings.zone()));
        dynamoDb.updateItem(b -> b.tableName(table).key(key(str(settingsItem, Table.PK), str(settingsItem, Table.SK)))
            .updateExpression("SET nextDigestAt = :next, GSI4SK = :sk, lastDigestAt = :now")
            .conditionExpression("nextDigestAt = :seen")
            .expressionAttributeValues(Map.of(":next", s(next), ":seen", seen, ":now", s(Keys.time(now)),
                ":sk", s(next + "#" + str(settingsItem, "accountId") + "#" + str(settingsItem, "userId")))));
      } else {
        dynamoDb.updateItem(b -> b.tableName(table).key(key(str(settingsItem, Table.PK), str(settingsItem, Table.SK)))
            .updateExpression("SET lastDigestAt = :now REMOVE nextDigestAt, GSI4PK, GSI4SK")
            .conditionExpression("nextDigestAt = :seen")
            .expressionAttributeValues(Map.of(":seen", seen, ":now", s(Keys.time(now)))));
      }
    } catch (ConditionalCheckFailedException changedMeanwhile) {
      // the user saved new settings during the run: theirs stand
    }
  }
}
