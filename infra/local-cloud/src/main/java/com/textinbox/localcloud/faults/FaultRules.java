package com.textinbox.localcloud.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The fault rules in force ({@code /_local/faults} on the control server) and the crashes they
 * caused. The per-function proxy (AwsCallRecorder) asks {@link #pick} for every AWS call of a
 * function; rules are tried in the order they were added, the first that strikes wins.
 */
public final class FaultRules {
  private static final Set<String> FIELDS = Set.of("function", "action", "share", "fault", "limit", "holdMillis", "forwarded");
  private static final Pattern FUNCTION = Pattern.compile("\\*|[A-Za-z][A-Za-z0-9]{0,254}");
  private static final Pattern ACTION = Pattern.compile("\\*|[a-z0-9-]{1,40}:(\\*|[A-Za-z0-9]{1,100}\\*?)");
  /** Timeout hold when none is given: long enough to be seen, short enough for a test. */
  static final long DEFAULT_HOLD_MILLIS = 2_000;
  private static final long MAX_HOLD_MILLIS = 120_000;

  private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
  private final Crashes crashes = new Crashes();
  private final AtomicLong nextId = new AtomicLong(1);

  public FaultRules() {
    crashes.possibleWhen(function -> rules.stream().anyMatch(rule -> rule.fault() == FaultKind.CRASH_AFTER
        && (rule.function().equals("*") || rule.function().equals(function))));
  }

  public Crashes crashes() {
    return crashes;
  }

  /** Adds a rule from its JSON (see {@link FaultRule}); a mistake is an IllegalArgumentException naming the field. */
  public FaultRule add(JsonNode body) {
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name + "' (a fault rule has " + FIELDS + ")");
      }
    });
    String function = text(body, "function", FUNCTION, "a template logical id or *");
    String action = text(body, "action", ACTION, "an IAM action such as dynamodb:PutItem, a prefix such as dynamodb:*, or *");
    JsonNode shareNode = body.get("share");
    if (shareNode == null || !shareNode.isNumber() || shareNode.asDouble() < 0 || shareNode.asDouble() > 1) {
      throw new IllegalArgumentException("'share' is required: a number from 0 to 1 (the share of the calls that fail)");
    }
    FaultKind fault = FaultKind.of(text(body, "fault", null, "a fault kind"));
    Long limit = null;
    if (body.has("limit")) {
      JsonNode node = body.get("limit");
      if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 0) {
        throw new IllegalArgumentException("'limit' must be a whole number >= 0 (at most that many faults)");
      }
      limit = node.asLong();
    }
    long hold = DEFAULT_HOLD_MILLIS;
    boolean forwarded = false;
    if (body.has("holdMillis") || body.has("forwarded")) {
      if (fault != FaultKind.TIMEOUT) {
        throw new IllegalArgumentException("'holdMillis' and 'forwarded' are for the timeout fault only");
      }
      JsonNode holdNode = body.path("holdMillis");
      if (body.has("holdMillis") && (!holdNode.isIntegralNumber() || holdNode.asLong() < 0 || holdNode.asLong() > MAX_HOLD_MILLIS)) {
        throw new IllegalArgumentException("'holdMillis' must be a whole number from 0 to " + MAX_HOLD_MILLIS);
      }
      hold = holdNode.asLong(DEFAULT_HOLD_MILLIS);
      if (body.has("forwarded") && !body.get("forwarded").isBoolean()) {
        throw new IllegalArgumentException("'forwarded' must be true or false");
      }
      forwarded = body.path("forwarded").asBoolean(false);
    }
    if (fault == FaultKind.TRANSACTION_CONFLICT && !action.equals("*") && !action.startsWith("dynamodb:")) {
      throw new IllegalArgumentException("'transaction-conflict' is a DynamoDB fault: the action must be dynamodb:... or *");
    }
    FaultRule rule = new FaultRule("fault-" + nextId.getAndIncrement(), function, action, shareNode.asDouble(), fault, limit,
        hold, forwarded, new AtomicLong(), new AtomicLong());
    rules.add(rule);
    return rule;
  }

  public List<Map<String, Object>> list() {
    return rules.stream().map(FaultRule::view).toList();
  }

  public void clear() {
    rules.clear();
  }

  /**
   * The fault for one call of a function, if a rule strikes it. {@code actionNames}: the IAM actions
   * of the call and the operation it names ({@code dynamodb:TransactWriteItems}); {@code service}:
   * the local service name (a transaction conflict only strikes DynamoDB calls).
   */
  public Optional<FaultRule> pick(String function, String service, List<String> actionNames) {
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    for (FaultRule rule : rules) {
      if (rule.fault() == FaultKind.TRANSACTION_CONFLICT && !service.equals("dynamodb")) {
        continue;
      }
      if (rule.covers(function, actionNames) && rule.strikes()) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** Marks the function's current invocation crashed (a crash-after fault struck it). */
  public void crash(String function, FaultRule rule, String actionName) {
    crashes.crash(function, "crashed after " + actionName + " (fault injection " + rule.id() + ")");
  }

  private static String text(JsonNode body, String field, Pattern pattern, String what) {
    JsonNode node = body.get(field);
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      throw new IllegalArgumentException("'" + field + "' is required: " + what);
    }
    String value = node.asText();
    if (pattern != null && !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException("'" + field + "' must be " + what + ", not '" + value + "'");
    }
    return value;
  }
}
