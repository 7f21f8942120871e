package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local cloud's fault injection ({@code /_local/faults}, docs/reliability.md), each kind seen
 * end to end: the faults look like AWS's to the SDK (its retries absorb throttling, 500s and a
 * dropped connection without a function error), a transaction conflict is retried by the product,
 * and a crash after a write loses the invocation (a function error, the message redelivered) but
 * not the message, stored once. Numbers +1 514 559-00xx are this class's own.
 */
class FaultInjectionTest {
  private static final AtomicInteger NUMBERS = new AtomicInteger();

  private static String newNumber() {
    return String.format("+1514559%04d", NUMBERS.incrementAndGet());
  }

  @AfterEach
  void clearFaults() {
    Faults.clear();
  }

  /** The function's figures on /_local/functions: invocations, errors, crashes. */
  private static JsonNode figures(String function) {
    for (JsonNode f : Http.get(LocalCloudProcess.endpoints().path("functions").asText(), null).json()) {
      if (f.path("logicalId").asText().equals(function)) {
        return f;
      }
    }
    throw new AssertionError("no function " + function);
  }

  /** Inbound messages with this body in the conversation's timeline. */
  private static long inTimeline(String conversationId, String body) {
    Http.Response response = Http.get(LocalCloudProcess.endpoints().path("apiUrl").asText() + "/conversations/" + conversationId
        + "?limit=50", Tokens.of("user2"));
    assertEquals(200, response.status(), response.body());
    long count = 0;
    for (JsonNode entry : response.json().path("timeline")) {
      if (body.equals(entry.path("body").asText())) {
        count++;
      }
    }
    return count;
  }

  /** Texts in under the rule; the rule struck, the text was stored once and InboundSms had no function error. */
  private void absorbedWithoutFunctionError(String ruleId, String from, String body) {
    long errorsBefore = figures("InboundSms").path("errors").asLong();
    Map<String, AttributeValue> marker = Carrier.textIn(from, body);
    assertTrue(Faults.injected(ruleId) >= 1, Faults.rules().toString());
    assertEquals(1, inTimeline(marker.get("conversationId").s(), body));
    assertEquals(errorsBefore, figures("InboundSms").path("errors").asLong(),
        "the SDK's retries (or the product's) absorbed the fault: no function error");
  }

  @Test
  void dynamoDbThrottlingIsRetriedByTheSdk() {
    String rule = Faults.inject("InboundSms", "dynamodb:GetItem", 1.0, Faults.THROTTLING, 3);
    absorbedWithoutFunctionError(rule, newNumber(), "throttled but stored");
    assertEquals(3, Faults.injected(rule));
  }

  @Test
  void aTransactionConflictIsRetriedByTheProduct() {
    String from = newNumber();
    Carrier.textIn(from, "first, to create the customer");
    String rule = Faults.inject("InboundSms", "dynamodb:TransactWriteItems", 1.0, Faults.TRANSACTION_CONFLICT, 1);
    absorbedWithoutFunctionError(rule, from, "conflicted but stored");
  }

  @Test
  void sqsServerErrorsAreRetriedByTheSdk() {
    String rule = Faults.inject("InboundSms", "sqs:SendMessage", 1.0, Faults.SERVER_ERROR, 2);
    absorbedWithoutFunctionError(rule, newNumber(), "its event sent after two 500s");
  }

  @Test
  void aDroppedConnectionIsRetriedByTheSdk() {
    String rule = Faults.add(Map.of("function", "InboundSms", "action", "dynamodb:GetItem", "share", 1.0,
        "fault", Faults.TIMEOUT, "limit", 1, "holdMillis", 300));
    absorbedWithoutFunctionError(rule, newNumber(), "stored after a timeout");
  }

  @Test
  void snsServerErrorsOnPublishAreRetriedAndTheReplyTextedOnce() {
    String from = newNumber();
    String rule = Faults.inject("SmsSender", "sns:Publish", 1.0, Faults.SERVER_ERROR, 2);
    long errorsBefore = figures("SmsSender").path("errors").asLong();
    Carrier.textIn(from, "HELP");
    String reply = Carrier.awaitTexted(from, "");
    assertEquals(2, Faults.injected(rule));
    assertEquals(1, Carrier.textedTo(from).size(), "texted once: " + Carrier.textedTo(from));
    assertEquals(errorsBefore, figures("SmsSender").path("errors").asLong());
    assertTrue(!reply.isEmpty());
  }

  @Test
  void aCrashAfterTheWriteLosesTheInvocationNotTheMessage() {
    String from = newNumber();
    String rule = Faults.inject("InboundSms", "dynamodb:TransactWriteItems", 1.0, Faults.CRASH_AFTER, 1);
    long crashesBefore = figures("InboundSms").path("crashes").asLong();
    Map<String, AttributeValue> marker = Carrier.textIn(from, "stored once despite the crash");
    assertEquals(1, Faults.injected(rule));
    assertTrue(figures("InboundSms").path("crashes").asLong() > crashesBefore, "the invocation crashed");
    assertEquals(1, inTimeline(marker.get("conversationId").s(), "stored once despite the crash"));
  }

  @Test
  void aCrashedApiFunctionIsA502FromTheGateway() {
    String conversations = LocalCloudProcess.endpoints().path("apiUrl").asText() + "/conversations?limit=1";
    String rule = Faults.inject("ConversationsApi", "dynamodb:*", 1.0, Faults.CRASH_AFTER, 1);
    Http.Response crashed = Http.get(conversations, Tokens.of("user2"));
    assertEquals(502, crashed.status(), crashed.body());
    assertEquals(1, Faults.injected(rule));
    assertEquals(200, Http.get(conversations, Tokens.of("user2")).status(), "the next call is served");
  }

  @Test
  void theControlEndpointListsRulesAndRefusesMistakesClearly() {
    String rule = Faults.inject("*", "sns:Publish", 0.0, Faults.THROTTLING, null);
    JsonNode listed = Faults.rules();
    assertEquals(1, listed.size());
    assertEquals(rule, listed.get(0).path("id").asText());
    assertEquals(0, listed.get(0).path("injected").asLong());
    String url = LocalCloudProcess.endpoints().path("faults").asText();
    Http.Response badKind = Http.post(url, null, Http.json(Map.of("function", "*", "action", "sns:Publish", "share", 1, "fault", "fire")));
    assertEquals(400, badKind.status());
    assertTrue(badKind.json().path("error").path("message").asText().contains("fault"), badKind.body());
    Http.Response badShare = Http.post(url, null, Http.json(Map.of("function", "*", "action", "sns:Publish", "share", 2, "fault", "timeout")));
    assertEquals(400, badShare.status());
    assertTrue(badShare.json().path("error").path("message").asText().contains("share"), badShare.body());
  }
}
