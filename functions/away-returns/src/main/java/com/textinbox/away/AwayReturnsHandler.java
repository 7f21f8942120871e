package com.textinbox.away;

import com.textinbox.shared.schedule.ScheduledHandler;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.users.User;
import com.textinbox.shared.users.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Turns away mode off for every user whose return date has come (A3). Users away with a return
 * date sit in the sparse list {@code DUE#AWAY_RETURNS} of GSI4, sorted by return time, so a run
 * reads only the users due, never the whole user base (principle 7): {@link UserStore#awayReturnsDue},
 * then {@link UserStore#endAway} for each. Wiring: template.yaml, function AwayReturns.
 */
public final class AwayReturnsHandler extends ScheduledHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AwayReturnsHandler.class);

  private final UserStore users;

  public AwayReturnsHandler() {
    this(new UserStore(DynamoTable.fromEnvironment()), Clock.systemUTC());
  }

  public AwayReturnsHandler(DynamoDbClient dynamoDb, String table, Clock clock) {
    this(new UserStore(new DynamoTable(dynamoDb, table)), clock);
  }

  private AwayReturnsHandler(UserStore users, Clock clock) {
    super(clock);
    this.users = users;
  }

  /** What one run did: users read from the due list, and users whose away mode it turned off. */
  public record Summary(int due, int returned) {}

  @Override
  public Summary run(Instant now) {
    int due = 0;
    int returned = 0;
    for (User user : users.awayReturnsDue(now)) {
      due++;
      // false when the user changed their away state since the list was read: their new state stands
      if (users.endAway(user)) {
        returned++;
      }
    }
    LOG.info("away returns at {}: {} due, {} turned off", now, due, returned);
    return new Summary(due, returned);
  }
}
