package com.textinbox.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** The SNS gateway builds its client at the first text or at priming, once (decision 70). */
class SmsGatewayTest {
  @Test
  void theClientIsBuiltAtTheFirstTextOrByPrimingAndOnlyOnce() {
    AtomicInteger built = new AtomicInteger();
    List<PublishRequest> published = new ArrayList<>();
    SmsGateway gateway = SmsGateway.sns(() -> {
      built.incrementAndGet();
      return new SnsClient() {
        @Override
        public PublishResponse publish(PublishRequest request) {
          published.add(request);
          return PublishResponse.builder().messageId("carrier-" + published.size()).build();
        }

        @Override
        public String serviceName() {
          return "sns";
        }

        @Override
        public void close() {}
      };
    });
    assertEquals(0, built.get(), "not built with the function: a redelivered command texts nothing");

    gateway.prime();
    assertEquals(1, built.get(), "priming builds it (SnapStart's snapshot holds it)");
    assertEquals(List.of(), published, "priming sends nothing");

    assertEquals("carrier-1", gateway.send("+15145550100", "+15145550112", "Your car is ready."));
    assertEquals("carrier-2", gateway.send("+15145550100", "+15145550113", "Your car is ready."));
    assertEquals(1, built.get(), "one client per container");
    assertEquals("+15145550112", published.get(0).phoneNumber());
    assertEquals("+15145550100", published.get(0).messageAttributes().get("AWS.MM.SMS.OriginationNumber").stringValue());
    assertEquals("Transactional", published.get(0).messageAttributes().get("AWS.SNS.SMS.SMSType").stringValue());
  }
}
