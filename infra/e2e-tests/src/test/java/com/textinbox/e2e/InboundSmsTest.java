package com.textinbox.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The carrier texts in: SNS topic -> SQS queue -> InboundSms function -> DynamoDB, with its DLQ for what cannot be stored. */
class InboundSmsTest {
  private static final String DEALERSHIP = "acct-maple-motors";

  private static String send() {
    return LocalCloudProcess.endpoints().path("carrier").path("send").asText();
  }

  private static Map<String, AttributeValue> stored(String carrierId) {
    return Eventually.await("inbound SMS " + carrierId + " to be stored", Duration.ofSeconds(20),
        () -> LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + carrierId, "INBOUND"));
  }

  @Test
  void aTextFromACustomerIsStoredUnderTheCompanyOwningTheNumber() {
    Http.Response response = Http.post(send(), null, Http.json(Map.of(
        "from", "+1 (514) 555-0112", "to", LocalCloudProcess.endpoints().path("companyNumber").asText(), "body", "Is my car ready? 🚗")));
    assertEquals(202, response.status(), response.body());
    Map<String, AttributeValue> item = stored(response.json().path("inboundMessageId").asText());
    assertEquals("+15145550112", item.get("from").s(), "numbers are stored in E.164");
    assertEquals("Is my car ready? 🚗", item.get("body").s());
  }

  @Test
  void theSameCarrierMessageDeliveredThreeTimesIsStoredOnce() throws Exception {
    String id = UUID.randomUUID().toString();
    String payload = Http.json(Map.of("originationNumber", "+15145550113", "destinationNumber", "+15145550100",
        "messageBody", "hello", "inboundMessageId", id, "messageKeyword", "KEYWORD_000000000000"));
    Http.post(LocalCloudProcess.endpoints().path("carrier").path("raw").asText(), null, payload);
    String firstReceivedAt = stored(id).get("receivedAt").s();
    Http.post(LocalCloudProcess.endpoints().path("carrier").path("raw").asText(), null, payload);
    Http.post(LocalCloudProcess.endpoints().path("carrier").path("raw").asText(), null, payload);
    Thread.sleep(3000);
    assertEquals(firstReceivedAt, LocalAws.item("A#" + DEALERSHIP + "#INBOUND#" + id, "INBOUND").get("receivedAt").s(),
        "a redelivery must not store the message again");
  }

  @Test
  void aLongBodyIsStoredWhole() {
    String body = "x".repeat(5_000);
    Http.Response response = Http.post(send(), null, Http.json(Map.of("from", "+15145550111", "to", "+15145550100", "body", body)));
    assertEquals(body, stored(response.json().path("inboundMessageId").asText()).get("body").s());
  }

  @Test
  void payloadsThatCanNeverBeStoredEndInTheDlqWithoutStoppingTheQueue() {
    int before = LocalAws.visibleMessages("InboundSmsDLQ");
    String raw = LocalCloudProcess.endpoints().path("carrier").path("raw").asText();
    Http.post(raw, null, "this is not JSON");
    Http.post(raw, null, Http.json(Map.of("originationNumber", "+15145550113", "messageBody", "no destination, no id")));
    Http.post(raw, null, Http.json(Map.of("originationNumber", "+15145550113", "destinationNumber", "+12025550123",
        "messageBody", "to a number no company owns", "inboundMessageId", UUID.randomUUID().toString())));
    Eventually.await("three rejected payloads in the DLQ", Duration.ofSeconds(60),
        () -> LocalAws.visibleMessages("InboundSmsDLQ") >= before + 3);
    // the queue keeps flowing: a good message after the bad ones is stored
    Http.Response good = Http.post(send(), null, Http.json(Map.of("from", "+15145550111", "to", "+15145550100", "body", "still there?")));
    assertNotNull(stored(good.json().path("inboundMessageId").asText()));
  }

  @Test
  void theCarrierRefusesABadRequestClearly() {
    Http.Response response = Http.post(send(), null, Http.json(Map.of("from", "not a number", "to", "+15145550100", "body", "x")));
    assertEquals(400, response.status());
    assertEquals(true, response.json().path("error").path("message").asText().contains("from"));
  }
}
