package com.textinbox.shared.observability.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class JsonLogLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesPowertoolsFieldsInTheLayoutsOrderAndTypes() throws Exception {
    Map<String, String> context = Map.of("function_request_id", "req-1", "cold_start", "true",
        "function_memory_size", "1024", "service", "inbound-sms", "function_name", "InboundSms",
        "sampling_rate", "0.0", "conversationId", "conv-1");
    String line = JsonLogLine.of(Level.WARN, "a \"quoted\"\nline", null, context, 0L);
    JsonNode json = JSON.readTree(line);
    assertEquals("WARN", json.path("level").asText());
    assertEquals("a \"quoted\"\nline", json.path("message").asText());
    assertTrue(json.path("cold_start").isBoolean());
    assertEquals(1024, json.path("function_memory_size").asInt());
    assertTrue(json.path("function_memory_size").isNumber());
    assertEquals("req-1", json.path("function_request_id").asText());
    assertEquals("1970-01-01T00:00:00.000Z", json.path("timestamp").asText());
    assertEquals("conv-1", json.path("conversationId").asText());
    assertTrue(line.startsWith("{\"level\":\"WARN\",\"message\":"), line);
    assertTrue(line.indexOf("\"service\"") < line.indexOf("\"timestamp\""), line);
  }

  @Test
  void anErrorCarriesItsMessageTypeAndStack() throws Exception {
    JsonNode json = JSON.readTree(JsonLogLine.of(Level.ERROR, "failed", new IllegalStateException("boom"), null, 0L));
    assertEquals("boom", json.path("error").path("message").asText());
    assertEquals("java.lang.IllegalStateException", json.path("error").path("name").asText());
    assertTrue(json.path("error").path("stack").asText().contains("JsonLogLineTest"));
  }

  @Test
  void slf4jFindsThisBindingAndTheSdkLogsOnlyWarnings() {
    assertTrue(LoggerFactory.getLogger("com.textinbox.x") instanceof JsonLogger);
    assertTrue(LoggerFactory.getLogger("com.textinbox.x").isInfoEnabled());
    assertTrue(!LoggerFactory.getLogger("software.amazon.awssdk.request").isInfoEnabled());
    assertTrue(LoggerFactory.getLogger("software.amazon.awssdk.request").isWarnEnabled());
  }
}
