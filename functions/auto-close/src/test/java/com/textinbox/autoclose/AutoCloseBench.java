package com.textinbox.autoclose;

import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.conversations.AutoCloseSetting;
import com.textinbox.shared.conversations.Conversation;
import com.textinbox.shared.conversations.store.AutoCloseStore;
import com.textinbox.shared.conversations.store.ConversationStore;
import com.textinbox.shared.data.Keys;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.store.Write;
import com.textinbox.shared.users.Account;
import com.textinbox.shared.users.store.AccountStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the benchmark of infra/bench/auto-close.sh (docs/performance.md, "Auto-close"). Its
 * name ends in Bench, so the build never runs it; the script asks for it. Against DynamoDB Local:
 * {@code bench.companies} companies with auto-close on (3 days), {@code bench.conversations} open
 * conversations in all, of which {@code bench.due} idle 10 days (the rest idle 1 day, and one in
 * {@code bench.unansweredEvery} unanswered and idle 10 days: left open, read all the same); then
 * the DynamoDB requests of one run, of a second run (nothing due), and of a run with no company on.
 */
class AutoCloseBench {
  private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

  @Test
  void requestsOfOneRun() {
    int companies = Integer.getInteger("bench.companies", 1);
    int conversations = Integer.getInteger("bench.conversations", 100_000);
    int due = Integer.getInteger("bench.due", 1_000);
    int unansweredEvery = Integer.getInteger("bench.unansweredEvery", 0);
    try (DynamoDbLocalServer local = DynamoDbLocalServer.start()) {
      local.createInboxTable("inbox");
      DynamoTable table = new DynamoTable(local.client(), "inbox");
      ConversationStore store = new ConversationStore(table);
      AutoCloseHandler handler = new AutoCloseHandler(local.client(), "inbox", Clock.fixed(NOW, ZoneOffset.UTC));

      System.out.println("auto-close bench: no company with auto-close on -> "
          + RequestCounter.during(() -> handler.run(NOW)));

      long started = System.nanoTime();
      int unanswered = 0;
      for (int c = 0; c < companies; c++) {
        String accountId = "bench-" + c;
        new AccountStore(table).put(Account.named(accountId, accountId));
        new AutoCloseStore(table).put(accountId, new AutoCloseSetting(true, 3, false, Keys.time(NOW), "bench"));
        int share = conversations / companies;
        int dueShare = due / companies;
        List<Write> batch = new ArrayList<>();
        for (int i = 0; i < share; i++) {
          boolean isDue = i < dueShare;
          boolean isUnanswered = !isDue && unansweredEvery > 0 && i % unansweredEvery == 0;
          unanswered += isUnanswered ? 1 : 0;
          String at = Keys.time(NOW.minus(isDue || isUnanswered ? Duration.ofDays(10) : Duration.ofDays(1)).minusMillis(i));
          batch.add(store.createWrite(accountId, new Conversation("conv-" + c + "-" + i, "cust-" + i, Conversation.OPEN, at, null,
              null, at, null, null, null, null, null, 1, isUnanswered ? at : null, null, null, null, null, null, null, null, null,
              null, null, null, 0)));
          if (batch.size() == 100) {
            table.transact(batch);
            batch.clear();
          }
        }
        if (!batch.isEmpty()) {
          table.transact(batch);
        }
      }
      System.out.printf("auto-close bench: %d companies, %d open conversations (%d due, %d unanswered idle 10 days) written in %d s%n",
          companies, conversations, due, unanswered, Duration.ofNanos(System.nanoTime() - started).toSeconds());

      AtomicReference<AutoCloseHandler.Summary> summary = new AtomicReference<>();
      started = System.nanoTime();
      Map<String, Integer> first = RequestCounter.during(() -> summary.set(handler.run(NOW)));
      long firstMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
      System.out.println("auto-close bench: one run -> " + summary.get() + ", requests " + first + " (" + firstMs
          + " ms against DynamoDB Local)");
      Map<String, Integer> second = RequestCounter.during(() -> summary.set(handler.run(NOW)));
      System.out.println("auto-close bench: the next run, nothing due -> " + summary.get() + ", requests " + second);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
