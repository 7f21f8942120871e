package com.textinbox.shared.messaging.store;

import com.textinbox.shared.data.Keys;
import com.textinbox.shared.data.Table;
import com.textinbox.shared.messaging.SendRate;
import com.textinbox.shared.store.ConditionFailed;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.ItemUpdate;
import com.textinbox.shared.store.StoreBusyException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The send line of each company number (docs/decisions.md 61, docs/data-model.md "Send line"):
 * one item {@code SENDRATE#<number>} / {@code SENDRATE} holding {@code nextSendAt}, when the
 * number's next text may go (epoch milliseconds), shared by every SmsSender container. A place is
 * one conditional UpdateItem:
 *
 * <ul>
 *   <li>the line is empty ({@code nextSendAt} absent or past): the text goes now, the next one
 *       interval later ({@code SET}, on condition it is still empty);
 *   <li>the line is busy: {@code ADD} one interval, on condition it is still busy; the text's place
 *       is the value before the ADD (no read, no lost update between containers).
 * </ul>
 *
 * A container remembers what it last saw, to try the right one first: one request per place
 * unless the line emptied or filled between two of its texts. The item expires a day after its
 * last use (TTL).
 */
public final class SendRateStore {
  static final String NEXT_SEND_AT = "nextSendAt";
  private static final int ATTEMPTS = 4;
  private static final long EXPIRES_AFTER_SECONDS = 86_400;

  private final DynamoTable table;
  private volatile long lastSeenNextAt;

  public SendRateStore(DynamoTable table) {
    this.table = table;
  }

  /** Reserves the next place of {@code number}'s line at {@code now} (epoch ms); answers when the text may go. */
  public long reserve(String number, SendRate rate, long now) {
    long interval = rate.intervalMillis();
    boolean busyFirst = lastSeenNextAt > now;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      boolean busy = busyFirst == (attempt % 2 == 0);
      try {
        long place = busy ? joinBusyLine(number, interval, now) : openEmptyLine(number, interval, now);
        lastSeenNextAt = place + interval;
        return place;
      } catch (ConditionFailed changedMeanwhile) {
        // the line filled or emptied since we looked: the other form
      }
    }
    throw new StoreBusyException("the send line of " + number + " kept changing during " + ATTEMPTS + " tries");
  }

  private long openEmptyLine(String number, long interval, long now) {
    ItemUpdate.of()
        .set(NEXT_SEND_AT, now + interval).set(Table.EXPIRES_AT, now / 1000 + EXPIRES_AFTER_SECONDS)
        .condition("attribute_not_exists(#" + NEXT_SEND_AT + ") OR #" + NEXT_SEND_AT + " <= :now", ":now", now)
        .apply(table, Keys.sendRate(number), Keys.SEND_RATE_SK);
    return now;
  }

  private long joinBusyLine(String number, long interval, long now) {
    Map<String, AttributeValue> after = table.update(b -> ItemUpdate.of()
        .add(NEXT_SEND_AT, interval).set(Table.EXPIRES_AT, now / 1000 + EXPIRES_AFTER_SECONDS)
        .condition("#" + NEXT_SEND_AT + " > :now", ":now", now)
        .applyTo(b, Keys.sendRate(number), Keys.SEND_RATE_SK).returnValues(ReturnValue.UPDATED_NEW));
    return Long.parseLong(after.get(NEXT_SEND_AT).n()) - interval;
  }
}
