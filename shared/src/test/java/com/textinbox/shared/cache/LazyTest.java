package com.textinbox.shared.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
  private final AtomicInteger builds = new AtomicInteger();

  @Test
  void buildsOnTheFirstGetOnlyThenKeepsTheValue() {
    Lazy<Object> lazy = Lazy.of(() -> {
      builds.incrementAndGet();
      return new Object();
    });
    assertFalse(lazy.built());
    assertEquals(0, builds.get(), "built before it was asked for");

    Object first = lazy.get();

    assertTrue(lazy.built());
    assertSame(first, lazy.get());
    assertEquals(1, builds.get());
  }

  @Test
  void threadsAskingAtOnceShareOneBuild() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    Lazy<Object> lazy = Lazy.of(() -> {
      builds.incrementAndGet();
      sleep(20); // a client's construction: others arrive meanwhile
      return new Object();
    });
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> got = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        got.add(threads.submit(() -> {
          start.await();
          return lazy.get();
        }));
      }
      start.countDown();
      Object value = got.get(0).get();
      for (Future<Object> each : got) {
        assertSame(value, each.get());
      }
    } finally {
      threads.shutdownNow();
    }
    assertEquals(1, builds.get());
  }

  @Test
  void aFactoryThatFailsBuildsNothingAndIsTriedAgain() {
    Lazy<String> lazy = Lazy.of(() -> {
      if (builds.incrementAndGet() == 1) {
        throw new IllegalStateException("no region");
      }
      return "client";
    });

    assertThrows(IllegalStateException.class, lazy::get);
    assertFalse(lazy.built());
    assertEquals("client", lazy.get());
    assertEquals(2, builds.get());
  }

  @Test
  void aFactoryThatBuildsNullIsRefused() {
    Lazy<String> lazy = Lazy.of(() -> null);
    assertThrows(NullPointerException.class, lazy::get);
    assertFalse(lazy.built());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
