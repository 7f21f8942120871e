package com.textinbox.localcloud.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The console's labelling: functions labelled, engines quiet unless verbose, the local cloud's own lines as they are. */
class ConsoleTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream console = new PrintStream(new LineRouter(printed, Console::prefix), true, StandardCharsets.UTF_8);

  private List<String> lines() {
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void prefixes() {
    assertEquals("", Console.prefix(null, false));
    assertEquals("[InboundSms] ", Console.prefix(new Console.Source("InboundSms", false), false));
    assertNull(Console.prefix(new Console.Source("DynamoDB Local", true), false));
    assertEquals("[DynamoDB Local] ", Console.prefix(new Console.Source("DynamoDB Local", true), true));
  }

  @Test
  void aFunctionsLinesAreLabelledWithItsLogicalIdAndTheLocalCloudsAreNot() {
    console.println("ready");
    try (Console.Scope scope = Console.function("InboundSms")) {
      console.println("{\"level\":\"INFO\",\"message\":\"stored\"}");
      console.print("START RequestId: 1");
      console.print(" Version: $LATEST\nEND RequestId: 1\n");
    }
    console.println("done");
    assertEquals(List.of("ready", "[InboundSms] {\"level\":\"INFO\",\"message\":\"stored\"}",
        "[InboundSms] START RequestId: 1 Version: $LATEST", "[InboundSms] END RequestId: 1", "done"), lines());
  }

  @Test
  void anEngineAndTheThreadsItStartsAreQuiet() throws Exception {
    try (Console.Scope scope = Console.engine("DynamoDB Local")) {
      console.println("accessKey: local\tus-east-1");
      Thread requestThread = new Thread(() -> console.println("target: PutItem"));
      requestThread.start();
      requestThread.join();
    }
    console.println("ready");
    assertEquals(List.of("ready"), lines());
  }

  @Test
  void linesOfThreadsWritingAtOnceDoNotMix() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = threads.submit(() -> write("A"));
      Future<?> b = threads.submit(() -> write("B"));
      a.get();
      b.get();
    } finally {
      threads.shutdown();
    }
    for (String line : lines()) {
      String function = line.substring(1, 2);
      assertEquals("[" + function + "] " + function.repeat(20), line);
    }
    assertEquals(400, lines().size());
  }

  private void write(String function) {
    try (Console.Scope scope = Console.function(function)) {
      for (int i = 0; i < 200; i++) {
        for (int c = 0; c < 20; c++) {
          console.print(function); // a byte at a time, to interleave as much as possible
        }
        console.print('\n');
      }
    }
  }
}
