package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local cloud's fault injection ({@code /_local/faults}, docs/reliability.md), for tests: a
 * share of one function's (or every function's, {@code *}) AWS calls of one action fail the way
 * AWS fails them. Clear the rules when done: the local cloud is shared by the whole suite.
 */
public final class Faults {
  public static final String THROTTLING = "throttling";
  public static final String TRANSACTION_CONFLICT = "transaction-conflict";
  public static final String SERVER_ERROR = "server-error";
  public static final String TIMEOUT = "timeout";
  public static final String CRASH_AFTER = "crash-after";

  private Faults() {}

  private static String url() {
    return LocalCloudProcess.endpoints().path("faults").asText();
  }

  /** Adds a rule; answers its id. {@code limit} null for no limit. */
  public static String inject(String function, String action, double share, String fault, Integer limit) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("function", function);
    rule.put("action", action);
    rule.put("share", share);
    rule.put("fault", fault);
    if (limit != null) {
      rule.put("limit", limit);
    }
    return add(rule);
  }

  /** Adds a rule given whole (e.g. a timeout with holdMillis / forwarded); answers its id. */
  public static String add(Map<String, Object> rule) {
    Http.Response response = Http.post(url(), null, Http.json(rule));
    assertEquals(201, response.status(), response.body());
    return response.json().path("id").asText();
  }

  /** The rules in force, each with how many calls it matched and how many faults it injected. */
  public static JsonNode rules() {
    return Http.get(url(), null).json();
  }

  /** How many faults the rule injected so far. */
  public static long injected(String ruleId) {
    for (JsonNode rule : rules()) {
      if (rule.path("id").asText().equals(ruleId)) {
        return rule.path("injected").asLong();
      }
    }
    throw new AssertionError("no fault rule " + ruleId);
  }

  /** Removes every rule. */
  public static void clear() {
    Http.Response response = Http.send("DELETE", url(), null, null);
    assertEquals(200, response.status(), response.body());
  }
}
