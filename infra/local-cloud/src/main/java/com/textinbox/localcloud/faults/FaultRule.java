package com.textinbox.localcloud.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One rule of {@code POST /_local/faults}: which calls (a function's logical id or {@code *}; an IAM
 * action, an operation such as {@code dynamodb:TransactWriteItems}, or a prefix such as
 * {@code dynamodb:*}), what share of them fail, how, and at most how many times.
 *
 * @param holdMillis timeout only: how long the connection is held before it is closed
 * @param forwarded timeout only: whether the call reaches the service before the connection is lost
 *     (the caller cannot tell whether it took effect, as with a real timeout)
 */
public record FaultRule(String id, String function, String action, double share, FaultKind fault, Long limit,
    long holdMillis, boolean forwarded, AtomicLong matched, AtomicLong injected) {

  /** Whether the rule is about this call (the function, and one of the call's action names). */
  boolean covers(String callingFunction, List<String> actionNames) {
    if (!function.equals("*") && !function.equals(callingFunction)) {
      return false;
    }
    return actionNames.stream().anyMatch(this::coversAction);
  }

  private boolean coversAction(String name) {
    if (action.equals("*")) {
      return true;
    }
    if (action.endsWith("*")) {
      return name.startsWith(action.substring(0, action.length() - 1));
    }
    return action.equals(name);
  }

  /** Draws whether this call fails (the share), counting it when it does, within the limit. */
  boolean strikes() {
    matched.incrementAndGet();
    if (ThreadLocalRandom.current().nextDouble() >= share) {
      return false;
    }
    if (limit == null) {
      injected.incrementAndGet();
      return true;
    }
    long now = injected.getAndUpdate(n -> n < limit ? n + 1 : n);
    return now < limit;
  }

  /** The rule as GET /_local/faults shows it. */
  public Map<String, Object> view() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id);
    view.put("function", function);
    view.put("action", action);
    view.put("share", share);
    view.put("fault", fault.id());
    if (limit != null) {
      view.put("limit", limit);
    }
    if (fault == FaultKind.TIMEOUT) {
      view.put("holdMillis", holdMillis);
      view.put("forwarded", forwarded);
    }
    view.put("matched", matched.get());
    view.put("injected", injected.get());
    return view;
  }
}
