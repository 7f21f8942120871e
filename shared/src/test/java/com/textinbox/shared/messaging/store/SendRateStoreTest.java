package com.textinbox.shared.messaging.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.messaging.SendRate;
import com.textinbox.shared.store.DynamoTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The send line of a company number (decision 61) against DynamoDB Local. */
class SendRateStoreTest {
  private static final DynamoDbLocalServer LOCAL = DynamoDbLocalServer.start();
  private static DynamoTable table;

  @BeforeAll
  static void createTable() {
    LOCAL.createInboxTable("inbox");
    table = new DynamoTable(LOCAL.client(), "inbox");
  }

  @AfterAll
  static void stop() throws Exception {
    LOCAL.close();
  }

  @Test
  void anEmptyLineSendsNowAndABusyOneGivesThePlacesOneIntervalApart() {
    SendRateStore line = new SendRateStore(table);
    SendRate threePerSecond = new SendRate(3);
    SortedMap<String, Integer> requests = RequestCounter.during(() -> {
      assertEquals(1_000_000, line.reserve("+15145550100", threePerSecond, 1_000_000));
      assertEquals(1_000_334, line.reserve("+15145550100", threePerSecond, 1_000_010));
      assertEquals(1_000_668, line.reserve("+15145550100", threePerSecond, 1_000_020));
    });
    assertEquals(3, requests.get("DynamoDb.UpdateItem"), "one UpdateItem per place: " + requests);
    // another number has its own line; a line that emptied starts again at now
    assertEquals(1_000_020, line.reserve("+14385550100", threePerSecond, 1_000_020));
    assertEquals(2_000_000, new SendRateStore(table).reserve("+15145550100", threePerSecond, 2_000_000));
  }

  @Test
  void containersTakingPlacesAtOnceNeverShareOneAndLeaveNoGap() throws Exception {
    SendRate tenPerSecond = new SendRate(10);
    long now = 5_000_000;
    List<Long> places = Collections.synchronizedList(new ArrayList<>());
    ExecutorService containers = Executors.newFixedThreadPool(4);
    SortedMap<String, Integer> requests;
    try {
      requests = RequestCounter.during(() -> {
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
          SendRateStore line = new SendRateStore(table); // one per container
          done.add(containers.submit(() -> {
            for (int i = 0; i < 25; i++) {
              places.add(line.reserve("+15145550199", tenPerSecond, now));
            }
          }));
        }
        for (Future<?> f : done) {
          try {
            f.get();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
    } finally {
      containers.shutdownNow();
    }
    List<Long> sorted = new ArrayList<>(places);
    Collections.sort(sorted);
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(now + 100L * i);
    }
    assertEquals(expected, sorted, "100 places, 100 ms apart, none shared");
    int updates = requests.get("DynamoDb.UpdateItem");
    System.out.println("send line, 100 places by 4 containers at once: " + requests);
    assertTrue(updates <= 100 + 4 * 2, "at most a wrong first guess per container and a race or two: " + updates);
  }
}
