package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The local carrier as a customer of the dealership uses it: texting in, and what it was texted. */
final class Carrier {
  static final String DEALERSHIP = "acct-maple-motors";

  private Carrier() {}

  /** Texts the dealership from {@code from}; its dedupe marker once the message is stored and announced. */
  static Map<String, AttributeValue> textIn(String from, String body) {
    JsonNode endpoints = LocalCloudProcess.endpoints();
    Http.Response response = Http.post(endpoints.path("carrier").path("send").asText(), null,
        Http.json(Map.of("from", from, "to", endpoints.path("companyNumber").asText(), "body", body)));
    assertEquals(202, response.status(), response.body());
    String carrierId = response.json().path("inboundMessageId").asText();
    return Eventually.await("inbound SMS " + carrierId + " to be handled", Duration.ofSeconds(30), () -> {
      Map<String, AttributeValue> marker = LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND");
      return marker != null && marker.containsKey("eventSentAt") ? marker : null;
    });
  }

  /** What the system texted {@code number}, oldest first. */
  static List<String> textedTo(String number) {
    JsonNode outbox = Http.get(LocalCloudProcess.endpoints().path("carrier").path("outbox").asText(), null).json();
    return StreamSupport.stream(outbox.spliterator(), false).filter(e -> number.equals(e.path("to").asText()))
        .map(e -> e.path("body").asText()).toList();
  }

  /** The first text to {@code number} starting with {@code start}, once it was texted. */
  static String awaitTexted(String number, String start) {
    return Eventually.await(number + " to be texted '" + start + "...'", Duration.ofSeconds(30),
        () -> textedTo(number).stream().filter(b -> b.startsWith(start)).findFirst().orElse(null));
  }
}
