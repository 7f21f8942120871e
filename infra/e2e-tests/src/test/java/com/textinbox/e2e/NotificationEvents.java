package com.textinbox.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the functions sent to NotificationEventsQueue (docs/events.md, "Notification events"), as
 * the local cloud's AWS call recorder saw each SendMessage ({@code sentMessages} in the endpoints
 * file). The dispatcher consumes the queue, so the queue itself cannot be read; the recorder keeps
 * every copy sent, so at-least-once delivery shows as copies of one {@code eventId}.
 */
final class NotificationEvents {
  private static final Map<String, JsonNode> BY_ID = new ConcurrentHashMap<>();
  private static final Map<String, Integer> COPIES = new ConcurrentHashMap<>();
  private static final List<JsonNode> ALL = new ArrayList<>();
  private static int seen;

  private NotificationEvents() {}

  static String queueUrl(String logicalId) {
    for (JsonNode queue : Http.get(LocalCloudProcess.endpoints().path("queues").asText(), null).json()) {
      if (queue.path("logicalId").asText().equals(logicalId)) {
        return queue.path("url").asText();
      }
    }
    throw new AssertionError("no queue " + logicalId);
  }

  /** Takes in what was sent since the last look. */
  static synchronized void drain() {
    String url = queueUrl("NotificationEventsQueue");
    String name = url.substring(url.lastIndexOf('/') + 1);
    JsonNode sent = Http.get(LocalCloudProcess.endpoints().path("sentMessages").asText() + "?queue="
        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8), null).json();
    for (int i = seen; i < sent.size(); i++) {
      JsonNode event = new Http.Response(200, sent.get(i).path("body").asText()).json();
      String id = event.path("eventId").asText();
      BY_ID.putIfAbsent(id, event);
      COPIES.merge(id, 1, Integer::sum);
      ALL.add(event);
    }
    seen = sent.size();
  }

  /** The event {@code eventId}, once it is on the queue. */
  static JsonNode withId(String eventId) {
    return Eventually.await("the event " + eventId + " on NotificationEventsQueue", Duration.ofSeconds(30), () -> {
      drain();
      return BY_ID.get(eventId);
    });
  }

  /** How many copies of {@code eventId} were taken off the queue so far. */
  static int copies(String eventId) {
    drain();
    return COPIES.getOrDefault(eventId, 0);
  }

  /** Every event taken off the queue so far that matches (copies included). */
  static synchronized List<JsonNode> matching(Predicate<JsonNode> test) {
    drain();
    return ALL.stream().filter(test).toList();
  }
}
