package com.textinbox.localcloud.triggers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.textinbox.localcloud.LocalResources;
import com.textinbox.localcloud.lambda.LocalFunction;
import com.textinbox.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the template's {@code Schedule} (EventBridge rule) and {@code ScheduleV2} (EventBridge
 * Scheduler) events on their schedule, and on demand ({@link #runNow}) so tests and people need
 * not wait for the clock.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** One schedule of one function. */
  public record Schedule(LocalFunction function, String eventName, AwsScheduleExpression expression, ZoneId zone, String input) {}

  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1, r -> {
    Thread t = new Thread(r, "scheduler");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, List<Schedule>> byFunction = new ConcurrentHashMap<>();

  public void add(Schedule schedule) {
    byFunction.computeIfAbsent(schedule.function().logicalId(), k -> new ArrayList<>()).add(schedule);
    arm(schedule);
  }

  public boolean has(String functionLogicalId) {
    return byFunction.containsKey(functionLogicalId);
  }

  /** Invokes the function now with its scheduled event; returns what it answered. */
  public byte[] runNow(String functionLogicalId) {
    return runNow(functionLogicalId, null);
  }

  /**
   * Invokes the function now with its scheduled event as if fired at {@code time} (the event's
   * {@code time}, which scheduled functions take as their clock; null: now), so a test can run a
   * schedule on a day of its choosing (a month's first, four days later...).
   */
  public byte[] runNow(String functionLogicalId, java.time.Instant time) {
    List<Schedule> schedules = byFunction.get(functionLogicalId);
    if (schedules == null) {
      throw new IllegalArgumentException(functionLogicalId + " has no Schedule event in template.yaml");
    }
    return fire(schedules.get(0), time);
  }

  private void arm(Schedule schedule) {
    ZonedDateTime now = ZonedDateTime.now(schedule.zone());
    long delay = java.time.Duration.between(now, schedule.expression().next(now)).toMillis();
    executor.schedule(() -> {
      try {
        fire(schedule, null);
      } catch (RuntimeException e) {
        LOG.warn("scheduled run of {} failed: {}", schedule.function().logicalId(), e.getMessage());
      } finally {
        arm(schedule);
      }
    }, Math.max(0, delay), TimeUnit.MILLISECONDS);
  }

  private byte[] fire(Schedule schedule, java.time.Instant time) {
    byte[] event;
    if (schedule.input() != null) {
      event = schedule.input().getBytes(StandardCharsets.UTF_8);
    } else {
      ObjectNode e = Json.object();
      e.put("version", "0");
      e.put("id", UUID.randomUUID().toString());
      e.put("detail-type", "Scheduled Event");
      e.put("source", "aws.events");
      e.put("account", LocalResources.ACCOUNT);
      e.put("time", (time != null ? time : ZonedDateTime.now(ZoneOffset.UTC).withNano(0).toInstant()).toString());
      e.put("region", LocalResources.REGION);
      e.putArray("resources").add("arn:aws:events:" + LocalResources.REGION + ":" + LocalResources.ACCOUNT
          + ":rule/" + schedule.function().logicalId() + "-" + schedule.eventName());
      e.putObject("detail");
      event = Json.bytes(e);
    }
    return schedule.function().invoke(event);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
