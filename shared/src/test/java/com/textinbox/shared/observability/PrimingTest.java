package com.textinbox.shared.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.textinbox.shared.api.ApiHandler;
import com.textinbox.shared.api.ApiResponse;
import com.textinbox.shared.aws.DynamoDbLocalServer;
import com.textinbox.shared.aws.RequestCounter;
import com.textinbox.shared.live.WebSocketHandler;
import com.textinbox.shared.schedule.ScheduledHandler;
import com.textinbox.shared.sqs.SqsBatchHandler;
import com.textinbox.shared.sqs.SqsMessage;
import com.textinbox.shared.store.DynamoTable;
import com.textinbox.shared.stream.DynamoDBStreamHandler;
import com.textinbox.shared.stream.StreamRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

/** SnapStart priming (docs/decisions.md 45): steps register, run, never fail, and never write. */
class PrimingTest {
  @Test
  void aTablePrimesWithReadsOfAKeyThatDoesNotExistAndWritesNothing() throws Exception {
    try (DynamoDbLocalServer server = DynamoDbLocalServer.start()) {
      server.createInboxTable("priming");
      DynamoTable table = new DynamoTable(server.client(), "priming");
      assertTrue(Priming.registered().contains("table priming"), Priming.registered().toString());

      Map<String, Integer> made = RequestCounter.during(table::prime);

      assertEquals(Map.of("DynamoDb.GetItem", 1, "DynamoDb.GetItem.attempts", 1, "DynamoDb.Query", 1,
          "DynamoDb.Query.attempts", 1), made);
      assertEquals(List.of(), Priming.notReads(made));
      assertEquals(0, server.client().scan(b -> b.tableName("priming")).count(), "priming wrote an item");
    }
  }

  @Test
  void theBaseHandlersPrimeWithoutAnyRequestOrWork() {
    List<String> worked = new ArrayList<>();
    Api api = new Api(worked);
    Queue queue = new Queue(worked);
    Stream stream = new Stream(worked);
    Schedule schedule = new Schedule(worked);
    Socket socket = new Socket(worked);
    assertTrue(Priming.registered().containsAll(List.of("Api", "Queue", "Stream", "Schedule", "Socket")),
        Priming.registered().toString());

    Map<String, Integer> made = RequestCounter.during(() -> {
      api.prime();
      queue.prime();
      stream.prime();
      schedule.prime();
      socket.prime();
    });

    assertEquals(Map.of(), made);
    assertEquals(List.of(), worked, "priming reached a route or a process method");
  }

  @Test
  void onlyReadsPassTheRule() {
    assertEquals(List.of("DynamoDb.PutItem", "Sqs.SendMessage"), Priming.notReads(Map.of("DynamoDb.GetItem", 1,
        "DynamoDb.PutItem", 1, "DynamoDb.PutItem.attempts", 1, "Sqs.GetQueueAttributes", 1, "Sqs.SendMessage", 1))
        .stream().sorted().toList());
  }

  @Test
  void aStepThatFailsIsSkippedNotThrown() throws Exception {
    List<String> ran = new ArrayList<>();
    Resource failing = Priming.register("failing", () -> {
      throw new IllegalStateException("no network at build time");
    });
    Resource next = Priming.register("next", () -> ran.add("next"));

    failing.beforeCheckpoint(null);
    next.beforeCheckpoint(null);
    next.afterRestore(null);

    assertEquals(List.of("next"), ran);
  }

  static final class Api extends ApiHandler {
    Api(List<String> worked) {
      route("GET", "/things", request -> {
        worked.add("route");
        return ApiResponse.ok(Map.of());
      });
    }

    @Override
    protected void prime() {
      super.prime();
    }
  }

  static final class Queue extends SqsBatchHandler {
    private final List<String> worked;

    Queue(List<String> worked) {
      this.worked = worked;
    }

    @Override
    protected void process(SqsMessage message) {
      worked.add("sqs");
    }

    @Override
    protected void prime() {
      super.prime();
    }
  }

  static final class Stream extends DynamoDBStreamHandler {
    private final List<String> worked;

    Stream(List<String> worked) {
      this.worked = worked;
    }

    @Override
    protected void process(StreamRecord record) {
      worked.add("stream");
    }

    @Override
    protected void prime() {
      super.prime();
    }
  }

  static final class Schedule extends ScheduledHandler {
    private final List<String> worked;

    Schedule(List<String> worked) {
      super(Clock.systemUTC());
      this.worked = worked;
    }

    @Override
    protected Object run(Instant now) {
      worked.add("schedule");
      return Map.of();
    }

    @Override
    protected void prime() {
      super.prime();
    }
  }

  static final class Socket extends WebSocketHandler {
    private final List<String> worked;

    Socket(List<String> worked) {
      this.worked = worked;
    }

    @Override
    protected int handle(WebSocketEvent event) {
      worked.add("websocket");
      return 200;
    }

    @Override
    protected void prime() {
      super.prime();
    }
  }
}
