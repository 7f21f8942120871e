package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer sees: after a text in, the local cloud's console (target/local-cloud.log here,
 * see LocalCloudProcess) shows the functions' lines labelled with their logical id, between
 * Lambda's START and END / REPORT lines, with their Powertools service; nothing from the engines.
 * And the API documentation is served.
 */
class LocalCloudConsoleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ENGINE_LINE = Pattern.compile(
      "target: |accessKey: local|Initializing DynamoDB Local|Cluster Name:|SQS rest server|jetty-|Started ServerConnector"
      + "|sun\\.misc\\.Unsafe|No metrics were emitted|Unknown ServiceName");

  private static List<String> console() {
    try {
      return Files.readAllLines(Path.of("target/local-cloud.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aTextInShowsTheLabelledLinesOfInboundSmsAndNothingFromTheEngines() throws Exception {
    JsonNode endpoints = LocalCloudProcess.endpoints();
    Http.Response sent = Http.post(endpoints.path("carrier").path("send").asText(), null, Http.json(Map.of(
        "from", "+15145550112", "to", endpoints.path("companyNumber").asText(), "body", "Is my car ready?")));
    assertEquals(202, sent.status(), sent.body());
    String carrierId = sent.json().path("inboundMessageId").asText();

    String stored = Eventually.await("InboundSms to log " + carrierId, Duration.ofSeconds(30), () -> console().stream()
        .filter(line -> line.startsWith("[InboundSms] {") && line.contains("inbound SMS " + carrierId + " from"))
        .findFirst().orElse(null));
    JsonNode entry = JSON.readTree(stored.substring("[InboundSms] ".length()));
    assertEquals("inbound-sms", entry.path("service").asText(), "template.yaml's POWERTOOLS_SERVICE_NAME");
    assertEquals("InboundSms", entry.path("function_name").asText());
    String requestId = entry.path("function_request_id").asText();
    assertTrue(requestId.matches("[0-9a-f-]{36}"), stored);

    String report = Eventually.await("InboundSms's REPORT line for " + requestId, Duration.ofSeconds(30), () -> console().stream()
        .filter(line -> line.startsWith("[InboundSms] REPORT RequestId: " + requestId + "\t")).findFirst().orElse(null));
    assertTrue(report.matches(".*\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\tMemory Size: 1024 MB\tMax Memory Used: .*"), report);
    List<String> lines = console();
    assertTrue(lines.contains("[InboundSms] START RequestId: " + requestId + " Version: $LATEST"));
    assertTrue(lines.contains("[InboundSms] END RequestId: " + requestId));
    assertTrue(lines.indexOf("[InboundSms] START RequestId: " + requestId + " Version: $LATEST") < lines.indexOf(stored));

    for (String line : lines) {
      assertTrue(!ENGINE_LINE.matcher(line).find(), "an engine's line on the console: " + line);
      assertTrue(!line.startsWith("{"), "a JSON line without its function's label: " + line);
    }
  }

  @Test
  void theApiDocumentationIsServedWithTheLocalApiAndTheDemoTokens() {
    JsonNode endpoints = LocalCloudProcess.endpoints();
    String docs = endpoints.path("docs").asText();
    Http.Response page = Http.get(docs + "/", null);
    assertEquals(200, page.status());
    assertTrue(page.body().contains("swagger-ui-bundle.js"), page.body());
    assertTrue(page.body().contains(endpoints.path("tokens").path("admin").asText()), "the demo tokens are on the page");

    Http.Response document = Http.get(docs + "/openapi.yaml", null);
    assertEquals(200, document.status());
    assertTrue(document.body().startsWith("openapi: 3."), document.body());
    assertTrue(document.body().contains("- url: " + endpoints.path("apiUrl").asText()), "the local API is the first server");

    assertEquals(200, Http.get(docs + "/swagger-ui-bundle.js", null).status());
    assertEquals(200, Http.get(docs + "/swagger-ui.css", null).status());
  }
}
