package com.textinbox.shared.reports.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.store.ConditionFailed;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemReader;
import com.textinbox.shared.store.ItemUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;

/**
 * The sent-marker of each user's monthly report email (N4; decision 52): {@code A#<acct>} /
 * {@code REPORTSENT#<yyyy-mm>#<userId>}. The email is claimed before it is sent and marked SENT
 * after: a claim succeeds only when there is no marker, or a SENDING one whose lease has run out
 * (its run stopped, or SES refused). So copies of a run never send it twice at once, and a failed
 * or interrupted send is tried again by a later run (at least once); the one window of a second
 * email is a stop between SES accepting it and the SENT update.
 */
public record ReportMarkerStore(DynamoTable table) {
  static final String TYPE_VALUE = "MonthlyReportSent";
  static final String STATUS = "status", LEASE_UNTIL = "leaseUntil", ATTEMPTS = "attempts", SENT_AT = "sentAt",
      EMAIL_MESSAGE_ID = "emailMessageId";
  static final String SENDING = "SENDING", SENT = "SENT";
  /** How long a claim holds: an email is sent well within it. */
  public static final Duration LEASE = Duration.ofMinutes(5);
  /** Markers are kept this long (TTL), well past any rerun of their month. */
  static final Duration KEEP = Duration.ofDays(400);

  /** What a claim found: the email is this run's to send, sent already, or being sent by another run. */
  public enum Claim { CLAIMED, SENT, BUSY }

  /** Claims the email of this user and month at {@code now} (one UpdateItem; refused: a consistent GetItem says why). */
  public Claim claim(String accountId, YearMonth month, String userId, Instant now) {
    String sk = Keys.monthlyReportSentSk(month.toString(), userId);
    try {
      ItemUpdate.of().set(Table.TYPE, TYPE_VALUE).set(STATUS, SENDING).set(LEASE_UNTIL, Keys.time(now.plus(LEASE)))
          .setExpression("#" + ATTEMPTS + " = if_not_exists(#" + ATTEMPTS + ", :zero) + :one", ":zero", 0, ":one", 1)
          .set(Table.EXPIRES_AT, now.plus(KEEP).getEpochSecond())
          .condition("attribute_not_exists(PK) OR (#" + STATUS + " = :sending AND #" + LEASE_UNTIL + " <= :now)",
              ":sending", SENDING, ":now", Keys.time(now))
          .apply(table, Keys.account(accountId), sk);
      return Claim.CLAIMED;
    } catch (ConditionFailed taken) {
      java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> marker =
          table.getConsistent(Keys.account(accountId), sk);
      return marker != null && SENT.equals(ItemReader.of(marker).str(STATUS)) ? Claim.SENT : Claim.BUSY;
    }
  }

  /** SES accepted it: SENT for good. */
  public void sent(String accountId, YearMonth month, String userId, String emailMessageId, Instant at) {
    ItemUpdate.of().set(STATUS, SENT).set(SENT_AT, Keys.time(at)).set(EMAIL_MESSAGE_ID, emailMessageId).remove(LEASE_UNTIL)
        .apply(table, Keys.account(accountId), Keys.monthlyReportSentSk(month.toString(), userId));
  }

  /** SES refused it: the claim ends now, so the next run tries again. */
  public void release(String accountId, YearMonth month, String userId, Instant now) {
    ItemUpdate.of().set(LEASE_UNTIL, Keys.time(now)).condition("#" + STATUS + " = :sending", ":sending", SENDING)
        .apply(table, Keys.account(accountId), Keys.monthlyReportSentSk(month.toString(), userId));
  }
}
