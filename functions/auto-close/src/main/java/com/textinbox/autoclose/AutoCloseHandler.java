package com.textinbox.autoclose;

import com.textinbox.shared.conversations.AutoCloseRule;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.store.AutoCloseStore;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.schedule.ScheduledHandler;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.TransactionCancelled;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Closes the open conversations inactive for longer than their company chose (C6, seed 001;
 * docs/decisions.md 51). Reads only what is due: the companies with auto-close on (GSI4
 * {@code DUE#AUTO_CLOSE}, their setting included), then each one's open conversations whose last
 * activity is before the cutoff (GSI3, oldest first). Each close is one transaction: the
 * conversation CLOSED by {@code auto-close} on condition it is as read (open, no message since,
 * and answered unless the company chose {@code closeUnanswered}), and its {@code closed} event with
 * the setting. So runs are idempotent and may overlap (a close already made fails its condition
 * and is skipped), and a run stopped halfway leaves the rest on the list for the next one. The
 * next customer text reopens the conversation as always (InboundSms). Wiring: template.yaml,
 * function AutoClose.
 */
public final class AutoCloseHandler extends ScheduledHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AutoCloseHandler.class);

  private final DynamoTable table;
  private final AutoCloseStore autoClose;
  private final ConversationStore conversations;

  public AutoCloseHandler() {
    this(DynamoTable.fromEnvironment(), Clock.systemUTC());
  }

  public AutoCloseHandler(DynamoDbClient dynamoDb, String table, Clock clock) {
    this(new DynamoTable(dynamoDb, table), clock);
  }

  private AutoCloseHandler(DynamoTable table, Clock clock) {
    super(clock);
    this.table = table;
    this.autoClose = new AutoCloseStore(table);
    this.conversations = new ConversationStore(table);
  }

  /**
   * What one run did: companies with auto-close on, conversations read below their cutoff, closed,
   * and left (changed since read, or closed meanwhile by another run or a person).
   */
  public record Summary(int companies, int due, int closed, int changedMeanwhile) {}

  @Override
  public Summary run(Instant now) {
    int[] counts = new int[4];
    String at = Keys.time(now);
    for (AutoCloseStore.Company company : autoClose.companiesOn()) {
      counts[0]++;
      String cutoff = AutoCloseRule.cutoffKey(now, company.setting().days());
      autoClose.forEachIdlePage(company.accountId(), cutoff, company.setting().closeUnanswered(), page -> {
        for (Conversation conversation : page) {
          counts[1]++;
          if (!AutoCloseRule.closes(conversation, company.setting(), now)) {
            continue;
          }
          if (close(company, conversation, at)) {
            counts[2]++;
          } else {
            counts[3]++;
          }
        }
      });
    }
    Summary summary = new Summary(counts[0], counts[1], counts[2], counts[3]);
    LOG.info("auto-close at {}: {} companies, {} conversations due, {} closed, {} changed meanwhile", now,
        summary.companies(), summary.due(), summary.closed(), summary.changedMeanwhile());
    return summary;
  }

  /** False when the conversation changed since it was read (a message, a close): it stands as it is. */
  private boolean close(AutoCloseStore.Company company, Conversation conversation, String at) {
    try {
      table.transact(
          conversations.autoCloseWrite(company.accountId(), conversation, at, company.setting().closeUnanswered()),
          conversations.appendWrite(company.accountId(), conversation.conversationId(),
              AutoCloseRule.closedEvent(conversation, company.setting(), at)));
      return true;
    } catch (TransactionCancelled changed) {
      return false;
    }
  }
}
